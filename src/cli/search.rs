//! `cable-reader search PATTERN [PATH...]`: the places of cables that match, as `ID PLACE:
//! snippet` lines, with grep's habits (`-i`, `-s`, `-w`, `-F`, `-l`, `-c`, `-C N`).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::{Args, ValueEnum};

use crate::cable::search::{
    CableSet, Case, Hit, MatchOptions, Matcher, Query, SearchEvent, one_per_id, search_bytes,
    search_paths,
};
use crate::cable::{Corpus, LoadOptions, load_bytes_with};

use super::filter::{MarkingFilter, parse_markings};
use super::out::{Out, Style};
use crate::cable::cache::MIN_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum When {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Regular expression (Rust regex syntax); case-insensitive unless it has an upper-case
    /// letter.
    pub pattern: String,
    /// Files and folders (folders are walked recursively; `-` is standard input; none: the
    /// settings' `corpus`, else the sample cables).
    pub paths: Vec<PathBuf>,
    /// Only paragraphs with this marking (repeatable; `unmarked` too); then only paragraphs
    /// are searched.
    #[arg(long = "marking", short = 'm', value_name = "M")]
    pub markings: Vec<String>,
    /// Ignore case.
    #[arg(short = 'i', long, overrides_with_all = ["smart_case", "case_sensitive"])]
    pub ignore_case: bool,
    /// Smart case (the default): ignore case unless the pattern has an upper-case letter.
    #[arg(short = 's', long, overrides_with_all = ["ignore_case", "case_sensitive"])]
    pub smart_case: bool,
    /// Match case exactly.
    #[arg(long, overrides_with_all = ["ignore_case", "smart_case"])]
    pub case_sensitive: bool,
    /// Only whole words.
    #[arg(short = 'w', long)]
    pub word_regexp: bool,
    /// The pattern is a fixed string, not a regular expression.
    #[arg(short = 'F', long)]
    pub fixed_strings: bool,
    /// Print each matching cable's id once, alone on a line.
    #[arg(short = 'l', long = "files-with-matches", conflicts_with = "count")]
    pub ids_only: bool,
    /// Print `ID:count` for each matching cable: how many of its places match.
    #[arg(short = 'c', long)]
    pub count: bool,
    /// Print N lines of context around each matching line of a place.
    #[arg(short = 'C', long, value_name = "N")]
    pub context: Option<usize>,
    /// Highlight matches: on a terminal (auto, unless NO_COLOR is set), always or never.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: When,
    #[command(flatten)]
    pub query: super::WhereArgs,
    #[command(flatten)]
    pub print: super::PrintArgs,
}

impl SearchArgs {
    fn match_options(&self) -> MatchOptions {
        let case = if self.ignore_case {
            Case::Insensitive
        } else if self.case_sensitive {
            Case::Sensitive
        } else {
            Case::Smart
        };
        MatchOptions {
            case,
            word: self.word_regexp,
            fixed: self.fixed_strings,
        }
    }
}

/// How hits are printed.
struct Printer<'a> {
    matcher: &'a Matcher,
    /// On a terminal a snippet stays on its line; the writer makes the rest visible.
    one_line: bool,
    color: bool,
}

impl Printer<'_> {
    fn line<'s>(&self, s: &'s str) -> std::borrow::Cow<'s, str> {
        if self.one_line {
            crate::sanitize::clean_line(s)
        } else {
            s.into()
        }
    }

    /// `text` with its matches highlighted as grep highlights them; the highlight goes around
    /// the writer, so it is the only control sequence.
    fn marked<W: Write>(&self, text: &str, out: &mut Out<W>) -> std::io::Result<()> {
        if !self.color {
            return out.write_all(self.line(text).as_bytes());
        }
        let mut at = 0;
        for m in self.matcher.find_iter(text) {
            out.write_all(self.line(&text[at..m.start]).as_bytes())?;
            out.style(Style::Match)?;
            out.write_all(self.line(&text[m.clone()]).as_bytes())?;
            out.style(Style::Reset)?;
            at = m.end;
        }
        out.write_all(self.line(&text[at..]).as_bytes())
    }

    fn hit<W: Write>(&self, h: &Hit, out: &mut Out<W>, context: bool) -> std::io::Result<()> {
        let id = self.line(&h.id);
        if !context {
            write!(out, "{id} {}: ", h.place)?;
            self.marked(&h.snippet, out)?;
            return writeln!(out);
        }
        let mut last: Option<usize> = None;
        for l in &h.context {
            if last.is_some_and(|n| l.line > n + 1) {
                writeln!(out, "--")?;
            }
            let sep = if l.matched { ':' } else { '-' };
            write!(out, "{id} {}{sep} ", h.place)?;
            self.marked(&l.text, out)?;
            writeln!(out)?;
            last = Some(l.line);
        }
        Ok(())
    }
}

/// What was found, for `-l` and `-c`: ids in order of their first hit, with counts.
#[derive(Default)]
struct Tally {
    order: Vec<String>,
    counts: std::collections::HashMap<String, usize>,
}

impl Tally {
    /// Counts a hit; true when its id is new.
    fn add(&mut self, id: &str) -> bool {
        match self.counts.get_mut(id) {
            Some(n) => {
                *n += 1;
                false
            }
            None => {
                self.counts.insert(id.to_string(), 1);
                self.order.push(id.to_string());
                true
            }
        }
    }
}

/// Runs the search; returns the exit status, as grep's: 0 when something matched, 1 when
/// nothing did (said on stderr), 2 for an error: a usage mistake, or an input that could not
/// be read (even with hits elsewhere).
pub fn run<W: Write>(
    args: &SearchArgs,
    config: &crate::config::Config,
    out: &mut Out<W>,
) -> std::io::Result<i32> {
    let filters = match parse_markings(&args.markings) {
        Ok(f) => f,
        Err(e) => return Ok(super::usage_error(&e)),
    };
    let query = match Query::with_options(&args.pattern, args.match_options()) {
        Ok(q) => q,
        Err(e) => {
            return Ok(super::usage_error(&format!(
                "not a regular expression: {}",
                e.lines().last().unwrap_or(&e)
            )));
        }
    };
    let found = match args.query.parse() {
        Ok(q) => q,
        Err(code) => return Ok(code),
    };
    let only_paragraphs = !filters.is_empty();
    let mut query = query
        .with_markings(
            filters
                .into_iter()
                .map(|f| match f {
                    MarkingFilter::Marking(m) => Some(m),
                    MarkingFilter::Unmarked => None,
                })
                .collect(),
        )
        .with_context(args.context.unwrap_or(0));
    let inputs = match super::input::Inputs::choose(&args.paths, config) {
        Ok(i) => i,
        Err(e) => return Ok(super::usage_error(&e)),
    };
    // Texts are matched as the files hold them; what is printed is made safe on its way out.
    let options = LoadOptions { sanitize: false };
    // The index says which cables the query finds, and which hold a paragraph with a marking
    // asked for: the search reads only those. For markings alone an index is used only when
    // the cache holds one (building it would cost more than the search saves).
    let index = match &found {
        _ if inputs.paths.is_empty() => None,
        Some(_) => Some(Corpus::index_cached(&inputs.paths, options)),
        None if only_paragraphs => {
            let dir = crate::cable::cache::dir();
            crate::cable::cache::lookup(&inputs.paths, options, dir.as_deref(), MIN_BYTES).found
        }
        None => None,
    };
    if let Some(corpus) = &index {
        let selected: Vec<usize> = match &found {
            Some(q) => q.select(corpus, &crate::cable::query::Facts::new(corpus)),
            None => (0..corpus.cables.len()).collect(),
        };
        let set = if only_paragraphs {
            CableSet::marked(corpus, &selected, query.markings())
        } else {
            CableSet::of(corpus, &selected)
        };
        query = query.with_cables(Arc::new(set));
    }
    let color = match args.color {
        When::Always => true,
        When::Never => false,
        When::Auto => super::out::colors_wanted(),
    } && !args.print.json;
    let printer = Printer {
        matcher: query.matcher(),
        one_line: super::out::stdout_is_terminal() && !args.print.raw,
        color,
    };
    let mut failed = false;
    let mut tally = Tally::default();
    let cancel = AtomicBool::new(false);
    let context = args.context.is_some_and(|n| n > 0);
    let mut printed_group = false;
    let mut print = |hits: Vec<Hit>, out: &mut Out<W>| -> std::io::Result<()> {
        for h in hits {
            let new = tally.add(&h.id);
            if args.count {
                continue;
            }
            if args.ids_only {
                if !new {
                    continue;
                }
                if args.print.json {
                    out.json_line(&serde_json::json!({ "id": h.id }))?;
                } else {
                    writeln!(out, "{}", printer.line(&h.id))?;
                }
            } else if args.print.json {
                out.json_line(&h)?;
            } else {
                // Groups of context lines are set apart as grep sets them apart.
                if context && printed_group {
                    writeln!(out, "--")?;
                }
                printed_group = true;
                printer.hit(&h, out, context)?;
            }
        }
        Ok(())
    };
    // Every hit first: a cable's fullest version may come after another one that matched.
    let mut all: Vec<Hit> = Vec::new();
    if !inputs.paths.is_empty() {
        search_paths(
            &inputs.paths,
            &query,
            options,
            &cancel,
            |event| match event {
                SearchEvent::Hits(hits) => all.extend(hits),
                SearchEvent::Error(path, reason) => {
                    failed = true;
                    super::out::input_error(&path, &reason);
                }
                SearchEvent::Progress { .. } => {}
            },
        );
    }
    for (source, bytes) in inputs.in_memory() {
        let hits: Vec<Hit> = match &found {
            // Loaded whole, so that the query can be asked of them.
            Some(q) => {
                let (cables, errors) = load_bytes_with(bytes, &source, options);
                for e in &errors {
                    failed = true;
                    super::out::input_error(&source, &e.to_string());
                }
                let corpus = crate::cable::in_memory::corpus_of_cables(&cables);
                let facts = crate::cable::query::Facts::new(&corpus);
                q.select(&corpus, &facts)
                    .into_iter()
                    .flat_map(|i| query.hits_in(&cables[i]))
                    .collect()
            }
            None => search_bytes(bytes, &source, &query, options),
        };
        all.extend(hits);
    }
    print(one_per_id(all), out)?;
    if args.count {
        for id in &tally.order {
            let n = tally.counts[id];
            if args.print.json {
                out.json_line(&serde_json::json!({ "id": id, "count": n }))?;
            } else {
                writeln!(out, "{}:{n}", printer.line(id))?;
            }
        }
    }
    if failed {
        return Ok(2);
    }
    if tally.order.is_empty() {
        super::out::error(&format!(
            "{} in {} matches {}",
            if only_paragraphs {
                "no paragraph"
            } else {
                "nothing"
            },
            inputs.describe(),
            crate::sanitize::brief(&args.pattern)
        ));
        return Ok(1);
    }
    Ok(0)
}
