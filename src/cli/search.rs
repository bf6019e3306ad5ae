//! `cable-reader search PATTERN [PATH...]`: the places of cables that match, as `ID PLACE:
//! snippet` lines, with grep's habits (`-i`, `-s`, `-w`, `-F`, `-l`, `-c`, `-C N`).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, ValueEnum};

use crate::cable::search::{
    CableSet, Case, Hit, MatchOptions, Matcher, Query, SearchEvent, search_paths,
};
use crate::cable::{Corpus, LoadOptions};

use super::filter::{MarkingFilter, parse_markings};

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
    /// Files and folders (folders are walked recursively).
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

/// Grep's colours: bold red for a match.
const MATCH_ON: &str = "\x1b[01;31m";
const MATCH_OFF: &str = "\x1b[0m";

/// How hits are printed.
struct Printer<'a> {
    matcher: &'a Matcher,
    sanitize: bool,
    color: bool,
}

impl Printer<'_> {
    fn clean(&self, s: &str) -> String {
        if self.sanitize {
            crate::sanitize::clean_line(s).into_owned()
        } else {
            s.to_string()
        }
    }

    /// `text` with its matches highlighted; each piece cleaned on its own, so the highlight
    /// is the only control sequence.
    fn marked(&self, text: &str) -> String {
        if !self.color {
            return self.clean(text);
        }
        let mut out = String::new();
        let mut at = 0;
        for m in self.matcher.find_iter(text) {
            out.push_str(&self.clean(&text[at..m.start]));
            out.push_str(MATCH_ON);
            out.push_str(&self.clean(&text[m.clone()]));
            out.push_str(MATCH_OFF);
            at = m.end;
        }
        out.push_str(&self.clean(&text[at..]));
        out
    }

    fn hit(&self, h: &Hit, out: &mut impl Write, context: bool) -> std::io::Result<()> {
        let id = self.clean(&h.id);
        if !context {
            return writeln!(out, "{id} {}: {}", h.place, self.marked(&h.snippet));
        }
        let mut last: Option<usize> = None;
        for l in &h.context {
            if last.is_some_and(|n| l.line > n + 1) {
                writeln!(out, "--")?;
            }
            let sep = if l.matched { ':' } else { '-' };
            writeln!(out, "{id} {}{sep} {}", h.place, self.marked(&l.text))?;
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

/// Runs the search; returns the exit status: 0 when something matched, 1 when nothing did, 2
/// for an error (a usage mistake, or an input that could not be read).
pub fn run(args: &SearchArgs, out: &mut impl Write) -> std::io::Result<i32> {
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
    if let Some(q) = &found {
        // The index says which cables the query finds; the search reads only those.
        let corpus = Corpus::index_cached(&args.paths, LoadOptions { sanitize: false });
        let facts = crate::cable::query::Facts::new(&corpus);
        let selected = q.select(&corpus, &facts);
        query = query.with_cables(Arc::new(CableSet::of(&corpus, &selected)));
    }
    let sanitize = super::print_options(args.print.raw).sanitize;
    let color = match args.color {
        When::Always => true,
        When::Never => false,
        When::Auto => {
            use std::io::IsTerminal;
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    } && !args.print.json;
    let printer = Printer {
        matcher: query.matcher(),
        sanitize,
        color,
    };
    let mut failed = false;
    let mut tally = Tally::default();
    let mut result = Ok(());
    let cancel = AtomicBool::new(false);
    // Texts are matched as the files hold them; what is printed is cleaned for a terminal.
    let options = LoadOptions { sanitize: false };
    let context = args.context.is_some_and(|n| n > 0);
    let mut printed_group = false;
    search_paths(&args.paths, &query, options, &cancel, |event| {
        if result.is_err() {
            return;
        }
        match event {
            SearchEvent::Hits(hits) => {
                for h in hits {
                    let new = tally.add(&h.id);
                    let r = if args.count {
                        Ok(())
                    } else if args.ids_only {
                        if !new {
                            continue;
                        }
                        if args.print.json {
                            writeln!(out, "{}", serde_json::json!({ "id": printer.clean(&h.id) }))
                        } else {
                            writeln!(out, "{}", printer.clean(&h.id))
                        }
                    } else if args.print.json {
                        let mut h = h;
                        h.snippet = printer.clean(&h.snippet);
                        for l in &mut h.context {
                            l.text = printer.clean(&l.text);
                        }
                        serde_json::to_string(&h)
                            .map_err(std::io::Error::other)
                            .and_then(|s| writeln!(out, "{s}"))
                    } else {
                        // Groups of context lines are set apart as grep sets them apart.
                        let sep = if context && printed_group {
                            writeln!(out, "--")
                        } else {
                            Ok(())
                        };
                        printed_group = true;
                        sep.and_then(|_| printer.hit(&h, out, context))
                    };
                    if let Err(e) = r {
                        result = Err(e);
                        cancel.store(true, Ordering::Relaxed);
                        return;
                    }
                }
            }
            SearchEvent::Error(path, reason) => {
                failed = true;
                eprintln!(
                    "cable-reader: {}: {}",
                    crate::sanitize::clean_line(&path),
                    crate::sanitize::clean_line(&reason)
                );
            }
            SearchEvent::Progress { .. } => {}
        }
    });
    result?;
    if args.count {
        for id in &tally.order {
            let n = tally.counts[id];
            if args.print.json {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({ "id": printer.clean(id), "count": n })
                )?;
            } else {
                writeln!(out, "{}:{n}", printer.clean(id))?;
            }
        }
    }
    Ok(if failed {
        2
    } else if tally.order.is_empty() {
        1
    } else {
        0
    })
}
