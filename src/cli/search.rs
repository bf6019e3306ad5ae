//! `cable-reader search PATTERN [PATH...]`: matching paragraphs as `ID ¶N: snippet` lines.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;

use crate::cable::LoadOptions;
use crate::cable::search::{Query, SearchEvent, search_paths};

use super::filter::{MarkingFilter, parse_markings};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Regular expression (Rust regex syntax); case-insensitive unless it has an upper-case
    /// letter.
    pub pattern: String,
    /// Files and folders (folders are walked recursively).
    pub paths: Vec<PathBuf>,
    /// Only paragraphs with this marking (repeatable; `unmarked` too).
    #[arg(long = "marking", short = 'm', value_name = "M")]
    pub markings: Vec<String>,
    #[command(flatten)]
    pub print: super::PrintArgs,
}

/// Runs the search; returns the exit status (0, 1 when some inputs failed, 2 for usage errors).
pub fn run(args: &SearchArgs, out: &mut impl Write) -> std::io::Result<i32> {
    let filters = match parse_markings(&args.markings) {
        Ok(f) => f,
        Err(e) => return Ok(super::usage_error(&e)),
    };
    let query = match Query::new(&args.pattern) {
        Ok(q) => q,
        Err(e) => {
            return Ok(super::usage_error(&format!(
                "not a regular expression: {}",
                e.lines().last().unwrap_or(&e)
            )));
        }
    };
    let query = query.with_markings(
        filters
            .into_iter()
            .map(|f| match f {
                MarkingFilter::Marking(m) => Some(m),
                MarkingFilter::Unmarked => None,
            })
            .collect(),
    );
    let sanitize = super::print_options(args.print.raw).sanitize;
    let clean = |s: &str| -> String {
        if sanitize {
            crate::sanitize::clean_line(s).into_owned()
        } else {
            s.to_string()
        }
    };
    let mut failed = false;
    let mut result = Ok(());
    let cancel = AtomicBool::new(false);
    // Texts are matched as the files hold them; what is printed is cleaned for a terminal.
    let options = LoadOptions { sanitize: false };
    search_paths(&args.paths, &query, options, &cancel, |event| {
        if result.is_err() {
            return;
        }
        match event {
            SearchEvent::Hits(hits) => {
                for h in hits {
                    let r = if args.print.json {
                        let mut h = h;
                        h.snippet = clean(&h.snippet);
                        serde_json::to_string(&h)
                            .map_err(std::io::Error::other)
                            .and_then(|s| writeln!(out, "{s}"))
                    } else {
                        writeln!(
                            out,
                            "{} ¶{}: {}",
                            clean(&h.id),
                            h.paragraph,
                            clean(&h.snippet)
                        )
                    };
                    if let Err(e) = r {
                        result = Err(e);
                        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
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
    Ok(if failed { 1 } else { 0 })
}
