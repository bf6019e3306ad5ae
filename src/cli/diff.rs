//! `cable-reader diff ID [PATH...]`: what differs between two versions of a cable, paragraph by
//! paragraph, words removed and added as `git diff --word-diff` shows them.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};

use crate::cable::versions::Versions;
use crate::cable::{Cable, Corpus, citation};

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

/// One part of a cable compared on its own: the subject, a paragraph, the text of a cable
/// without numbered paragraphs, the closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `subject`, `¶12`, `text`, `closing`.
    pub place: String,
    /// The words, one space between them: the teletype's line breaks are layout, not text.
    pub text: String,
}

/// The sections of a cable, in order; empty ones left out.
pub fn sections(c: &Cable) -> Vec<Section> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![Section {
        place: "subject".into(),
        text: words(&c.subject),
    }];
    if c.paragraphs.is_empty() {
        out.push(Section {
            place: "text".into(),
            text: words(&c.preamble),
        });
    }
    for (i, p) in c.paragraphs.iter().enumerate() {
        let marking = crate::cite::marking_label(c, i)
            .map(|m| format!("{m} "))
            .unwrap_or_default();
        out.push(Section {
            place: p
                .number
                .map_or_else(|| "text".to_string(), |n| format!("¶{n}")),
            text: format!("{marking}{}", words(&p.text)),
        });
    }
    out.push(Section {
        place: "closing".into(),
        text: words(&c.closing),
    });
    out.retain(|s| !s.text.is_empty());
    out
}

/// What happened to one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Removed(Section),
    Added(Section),
    /// The same place in both, other words: runs of equal, removed and added text.
    Changed {
        place: String,
        runs: Vec<(ChangeTag, String)>,
    },
}

/// The sections that differ between `a` and `b`, in order; empty when the texts are the same.
pub fn compare(a: &[Section], b: &[Section]) -> Vec<Change> {
    let ka: Vec<&str> = a.iter().map(|s| s.place.as_str()).collect();
    let kb: Vec<&str> = b.iter().map(|s| s.place.as_str()).collect();
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    let (x, y) = (&a[old_index + k], &b[new_index + k]);
                    if x.text != y.text {
                        out.push(Change::Changed {
                            place: x.place.clone(),
                            runs: word_runs(&x.text, &y.text),
                        });
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(
                a[old_index..old_index + old_len]
                    .iter()
                    .cloned()
                    .map(Change::Removed),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(
                b[new_index..new_index + new_len]
                    .iter()
                    .cloned()
                    .map(Change::Added),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.extend(
                    a[old_index..old_index + old_len]
                        .iter()
                        .cloned()
                        .map(Change::Removed),
                );
                out.extend(
                    b[new_index..new_index + new_len]
                        .iter()
                        .cloned()
                        .map(Change::Added),
                );
            }
        }
    }
    out
}

/// The word diff of two texts as runs of one tag each: changes separated only by spaces make
/// one removal and one addition (`[-a c-]{+b d+}`, not `[-a-]{+b+} [-c-]{+d+}`).
pub fn word_runs(a: &str, b: &str) -> Vec<(ChangeTag, String)> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(a, b);
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    // Spaces after the last changed word, and those each side has still to take.
    let (mut gap, mut gap_del, mut gap_ins) = (String::new(), String::new(), String::new());
    let flush = |runs: &mut Vec<(ChangeTag, String)>, del: &mut String, ins: &mut String| {
        for (tag, text) in [(ChangeTag::Delete, del), (ChangeTag::Insert, ins)] {
            if !text.is_empty() {
                runs.push((tag, std::mem::take(text)));
            }
        }
    };
    let push =
        |runs: &mut Vec<(ChangeTag, String)>, tag: ChangeTag, text: &str| match runs.last_mut() {
            Some((t, s)) if *t == tag => s.push_str(text),
            _ => runs.push((tag, text.to_string())),
        };
    for change in diff.iter_all_changes() {
        let text = change.value();
        let in_change = !del.is_empty() || !ins.is_empty();
        match change.tag() {
            ChangeTag::Equal if in_change && text.trim().is_empty() => gap.push_str(text),
            ChangeTag::Equal => {
                flush(&mut runs, &mut del, &mut ins);
                push(&mut runs, ChangeTag::Equal, &std::mem::take(&mut gap));
                push(&mut runs, ChangeTag::Equal, text);
                gap_del.clear();
                gap_ins.clear();
            }
            tag => {
                gap_del.push_str(&gap);
                gap_ins.push_str(&gap);
                gap.clear();
                let (side, pending) = if tag == ChangeTag::Delete {
                    (&mut del, &mut gap_del)
                } else {
                    (&mut ins, &mut gap_ins)
                };
                if !side.is_empty() {
                    side.push_str(pending);
                }
                pending.clear();
                side.push_str(text);
            }
        }
    }
    flush(&mut runs, &mut del, &mut ins);
    push(&mut runs, ChangeTag::Equal, &gap);
    runs.retain(|(_, t)| !t.is_empty());
    runs
}

/// `[-removed-]{+added+}` around the changed words; in colour (red, green) on a terminal.
fn marked(runs: &[(ChangeTag, String)], colour: bool) -> String {
    let mut s = String::new();
    for (tag, text) in runs {
        match (tag, colour) {
            (ChangeTag::Equal, _) => s.push_str(text),
            (ChangeTag::Delete, false) => s.push_str(&format!("[-{text}-]")),
            (ChangeTag::Insert, false) => s.push_str(&format!("{{+{text}+}}")),
            (ChangeTag::Delete, true) => s.push_str(&format!("\x1b[31m{text}\x1b[0m")),
            (ChangeTag::Insert, true) => s.push_str(&format!("\x1b[32m{text}\x1b[0m")),
        }
    }
    s
}

fn op_name(tag: ChangeTag) -> &'static str {
    match tag {
        ChangeTag::Equal => "equal",
        ChangeTag::Delete => "delete",
        ChangeTag::Insert => "insert",
    }
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
    let id = &corpus.cables[a.1].id;
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
                        .map(|(t, s)| json!({"op": op_name(*t), "text": s}))
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
    let label = |(n, i): (usize, usize)| {
        let c = &corpus.cables[i];
        let record = c
            .location
            .record()
            .map(|r| format!(", record {r}"))
            .unwrap_or_default();
        format!(
            "version {n}: {} ({}{record})",
            corpus.source(i),
            c.format.map_or("unknown format", |f| f.name())
        )
    };
    writeln!(out, "{bold}--- {}{plain}", label(a))?;
    writeln!(out, "{bold}+++ {}{plain}", label(b))?;
    if changes.is_empty() {
        return writeln!(out, "{id}: the same text");
    }
    for c in changes {
        let (place, body) = match c {
            Change::Removed(s) => (
                &s.place,
                marked(&[(ChangeTag::Delete, s.text.clone())], colour),
            ),
            Change::Added(s) => (
                &s.place,
                marked(&[(ChangeTag::Insert, s.text.clone())], colour),
            ),
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
        let id = &corpus.cables[group[0] as usize].id;
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
                let first = open(group[0] as usize)?;
                let mut same = None;
                for (k, &i) in group.iter().enumerate().skip(1) {
                    let changes = compare(&first, &open(i as usize)?);
                    if !changes.is_empty() {
                        return Ok(((1, group[0] as usize), (k + 1, i as usize), changes));
                    }
                    same.get_or_insert((k + 1, i as usize));
                }
                let b = same.unwrap_or((2, group[1] as usize));
                Ok(((1, group[0] as usize), b, Vec::new()))
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

    #[test]
    fn redaction_and_the_names_it_hid() {
        assert_eq!(
            word_runs("met XXXXXXXXXXXX on Monday", "met Ahmed Khan on Monday"),
            [
                (ChangeTag::Equal, "met ".to_string()),
                (ChangeTag::Delete, "XXXXXXXXXXXX".to_string()),
                (ChangeTag::Insert, "Ahmed Khan".to_string()),
                (ChangeTag::Equal, " on Monday".to_string()),
            ]
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

    #[test]
    fn sections_align_by_place() {
        let s = |place: &str, text: &str| Section {
            place: place.into(),
            text: text.into(),
        };
        let a = [s("subject", "S"), s("¶1", "one"), s("¶2", "two")];
        let b = [s("subject", "S"), s("¶2", "two!"), s("¶3", "three")];
        assert_eq!(
            compare(&a, &b),
            [
                Change::Removed(s("¶1", "one")),
                Change::Changed {
                    place: "¶2".into(),
                    // Words are what lies between spaces, as for `git diff --word-diff`.
                    runs: vec![
                        (ChangeTag::Delete, "two".into()),
                        (ChangeTag::Insert, "two!".into())
                    ]
                },
                Change::Added(s("¶3", "three")),
            ]
        );
        assert!(compare(&a, &a).is_empty());
    }
}
