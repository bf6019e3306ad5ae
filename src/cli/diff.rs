//! `cable-reader diff ID [PATH...]`: what differs between two versions of a cable, paragraph by
//! paragraph, words removed and added as `git diff --word-diff` shows them.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::cable::diff::{Change, Op, against_next, compare, sections};
use crate::cable::versions::Versions;
use crate::cable::{Corpus, citation};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The cable: its id, or a citation as pasted.
    pub id: String,
    /// Files and folders (folders are walked recursively).
    pub paths: Vec<PathBuf>,
    /// The two versions to compare, from 1, fullest first (as `show --json` lists them);
    /// default: the fullest and the first that differs from it.
    #[arg(long, value_name = "A,B")]
    pub versions: Option<String>,
    #[command(flatten)]
    pub print: super::PrintArgs,
}

/// `[-removed-]{+added+}` around the changed words; in colour (red, green) on a terminal.
fn marked(runs: &[(Op, String)], colour: bool) -> String {
    let mut s = String::new();
    for (tag, text) in runs {
        match (tag, colour) {
            (Op::Equal, _) => s.push_str(text),
            (Op::Removed, false) => s.push_str(&format!("[-{text}-]")),
            (Op::Added, false) => s.push_str(&format!("{{+{text}+}}")),
            (Op::Removed, true) => s.push_str(&format!("\x1b[31m{text}\x1b[0m")),
            (Op::Added, true) => s.push_str(&format!("\x1b[32m{text}\x1b[0m")),
        }
    }
    s
}

/// Prints the changes from version `a` to `b` (numbers from 1).
pub fn print(
    out: &mut impl Write,
    corpus: &Corpus,
    (a, b): ((usize, usize), (usize, usize)),
    changes: &[Change],
    json: bool,
    colour: bool,
) -> std::io::Result<()> {
    let name = |(n, i): (usize, usize)| {
        let c = &corpus.cables[i];
        json!({
            "version": n,
            "source": corpus.source(i),
            "format": c.format.map(|f| f.name()),
            "record": c.location.record(),
        })
    };
    let id = &corpus.cables[a.1].id();
    if json {
        let changes: Vec<_> = changes
            .iter()
            .map(|c| match c {
                Change::Removed(s) => {
                    json!({"place": s.place, "change": "removed", "text": s.text})
                }
                Change::Added(s) => json!({"place": s.place, "change": "added", "text": s.text}),
                Change::Changed { place, runs } => json!({
                    "place": place,
                    "change": "changed",
                    "words": runs
                        .iter()
                        .map(|(t, s)| json!({"op": t.name(), "text": s}))
                        .collect::<Vec<_>>(),
                }),
            })
            .collect();
        let v = json!({
            "id": &**id,
            "a": name(a),
            "b": name(b),
            "same": changes.is_empty(),
            "changes": changes,
        });
        return writeln!(out, "{v}");
    }
    let (bold, plain) = if colour {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let label = |(n, i): (usize, usize)| format!("version {n}: {}", Versions::name(corpus, i));
    writeln!(out, "{bold}--- {}{plain}", label(a))?;
    writeln!(out, "{bold}+++ {}{plain}", label(b))?;
    if changes.is_empty() {
        return writeln!(out, "{id}: the same text");
    }
    for c in changes {
        let (place, body) = match c {
            Change::Removed(s) => (&s.place, marked(&[(Op::Removed, s.text.clone())], colour)),
            Change::Added(s) => (&s.place, marked(&[(Op::Added, s.text.clone())], colour)),
            Change::Changed { place, runs } => (place, marked(runs, colour)),
        };
        writeln!(out, "\n{bold}{place}{plain}: {body}")?;
    }
    Ok(())
}

/// `A,B` as two version numbers from 1.
fn parse_pair(text: &str) -> Result<(usize, usize), String> {
    let bad = || format!("not two version numbers: {text:?} (try 1,2)");
    let (a, b) = text.split_once(',').ok_or_else(bad)?;
    let a: usize = a.trim().parse().map_err(|_| bad())?;
    let b: usize = b.trim().parse().map_err(|_| bad())?;
    if a == 0 || b == 0 {
        return Err(bad());
    }
    Ok((a, b))
}

/// Runs `diff`: 0 when the versions differ, 1 when they are the same text, 2 on errors.
pub fn run(args: &DiffArgs, out: &mut impl Write) -> std::io::Result<i32> {
    use std::io::IsTerminal;
    let pair = match args.versions.as_deref().map(parse_pair).transpose() {
        Ok(p) => p,
        Err(e) => return Ok(super::usage_error(&e)),
    };
    let citation = match citation::parse(&args.id, None) {
        Ok(c) => c,
        Err(e) => return Ok(super::usage_error(&e)),
    };
    let options = args.print.load_options();
    let corpus = Corpus::index_cached(&args.paths, options);
    super::report_error_list(&corpus.errors);
    let versions = Versions::build(&corpus);
    let Some(g) = citation
        .candidates()
        .find_map(|id| versions.find(&corpus, id))
    else {
        return Ok(super::usage_error(&format!(
            "{} is not loaded",
            citation.id
        )));
    };
    let group = versions.group(g);
    let open = |i: usize| {
        corpus
            .open(i)
            .map(|c| sections(&c))
            .map_err(|e| e.to_string())
    };
    let result = (|| -> Result<_, String> {
        let id = &corpus.cables[group[0] as usize].id();
        if group.len() < 2 {
            return Err(format!("{id} has only one version loaded"));
        }
        let pick = |n: usize| versions.pick(g, Some(n)).map_err(|e| format!("{id}: {e}"));
        match pair {
            Some((a, b)) => {
                let (ia, ib) = (pick(a)?, pick(b)?);
                Ok(((a, ia), (b, ib), compare(&open(ia)?, &open(ib)?)))
            }
            None => {
                // The fullest against the first version whose text differs from it.
                let (k, changes) = against_next(group, 0, open)?
                    .ok_or_else(|| format!("{id} has only one version loaded"))?;
                Ok(((1, group[0] as usize), (k + 1, group[k] as usize), changes))
            }
        }
    })();
    let (a, b, changes) = match result {
        Ok(r) => r,
        Err(e) => return Ok(super::usage_error(&crate::sanitize::clean_line(&e))),
    };
    let colour = !args.print.json && options.sanitize && std::io::stdout().is_terminal();
    print(out, &corpus, (a, b), &changes, args.print.json, colour)?;
    Ok(if changes.is_empty() { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::diff::word_runs;

    #[test]
    fn removed_and_added_words_are_marked() {
        assert_eq!(
            marked(
                &word_runs("met XXXXXXXXXXXX on Monday", "met Ahmed Khan on Monday"),
                false
            ),
            "met [-XXXXXXXXXXXX-]{+Ahmed Khan+} on Monday"
        );
        // Changes apart from each other only by spaces make one of each.
        assert_eq!(
            marked(&word_runs("a x b y c", "a 1 b 2 c"), false),
            "a [-x-]{+1+} b [-y-]{+2+} c"
        );
        assert_eq!(
            marked(&word_runs("x y z", "1 2 3"), false),
            "[-x y z-]{+1 2 3+}"
        );
        assert_eq!(
            marked(&word_runs("a b", "a b c"), true),
            "a b\u{1b}[32m c\u{1b}[0m"
        );
    }
}
