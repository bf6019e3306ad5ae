//! `cable-reader search PATTERN [PATH...]`: matching paragraphs as `ID ¶N: snippet` lines.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;

use crate::cable::LoadOptions;
use crate::cable::search::{Query, SearchEvent, search_bytes, search_paths};

use super::filter::{MarkingFilter, parse_markings};
use super::out::Out;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Regular expression (Rust regex syntax); case-insensitive unless it has an upper-case
    /// letter.
    pub pattern: String,
    /// Files and folders (folders are walked recursively; `-` is standard input; none: the
    /// settings' `corpus`, else the sample cables).
    pub paths: Vec<PathBuf>,
    /// Only paragraphs with this marking (repeatable; `unmarked` too).
    #[arg(long = "marking", short = 'm', value_name = "M")]
    pub markings: Vec<String>,
    #[command(flatten)]
    pub print: super::PrintArgs,
}

/// Runs the search; returns the exit status (0, 1 when some inputs failed or nothing matched,
/// 2 for usage errors).
pub fn run<W: Write>(
    args: &SearchArgs,
    config: &crate::config::Config,
    out: &mut Out<W>,
) -> std::io::Result<i32> {
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
    let inputs = match super::input::Inputs::choose(&args.paths, config) {
        Ok(i) => i,
        Err(e) => return Ok(super::usage_error(&e)),
    };
    // On a terminal a snippet stays on its line; the writer makes the rest visible.
    let one_line = super::out::stdout_is_terminal() && !args.print.raw;
    let line = |s: &str| -> String {
        if one_line {
            crate::sanitize::clean_line(s).into_owned()
        } else {
            s.to_string()
        }
    };
    let mut failed = false;
    let mut hits_found = 0usize;
    let mut result = Ok(());
    let cancel = AtomicBool::new(false);
    // Texts are matched as the files hold them; what is printed is made safe on its way out.
    let options = LoadOptions { sanitize: false };
    let mut print = |hits: Vec<crate::cable::search::Hit>, out: &mut Out<W>| {
        for h in hits {
            hits_found += 1;
            let r = if args.print.json {
                out.json_line(&h)
            } else {
                writeln!(
                    out,
                    "{} ¶{}: {}",
                    line(&h.id),
                    h.paragraph,
                    line(&h.snippet)
                )
            };
            if let Err(e) = r {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(())
    };
    if !inputs.paths.is_empty() {
        search_paths(&inputs.paths, &query, options, &cancel, |event| {
            if result.is_err() {
                return;
            }
            match event {
                SearchEvent::Hits(hits) => result = print(hits, out),
                SearchEvent::Error(path, reason) => {
                    failed = true;
                    super::out::input_error(&path, &reason);
                }
                SearchEvent::Progress { .. } => {}
            }
        });
    }
    for (source, bytes) in inputs.in_memory() {
        result?;
        result = print(search_bytes(bytes, &source, &query, options), out);
    }
    result?;
    if hits_found == 0 && !failed {
        super::out::error(&format!(
            "no paragraph in {} matches {}",
            inputs.describe(),
            crate::sanitize::brief(&args.pattern)
        ));
        return Ok(1);
    }
    Ok(if failed { 1 } else { 0 })
}
