//! The command line: `list`, `show`, `search`, and the reader by default.

pub mod filter;
pub mod list;
pub mod search;
pub mod show;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cable::LoadReport;

#[derive(Debug, Parser)]
#[command(
    name = "cable-reader",
    version,
    about = "Read US diplomatic cables by numbered paragraph and portion marking",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files and folders to open in the reader (default: the settings' `corpus`, else the
    /// bundled sample cables).
    pub paths: Vec<PathBuf>,
    /// The settings file (default: $CABLE_READER_CONFIG, else
    /// $XDG_CONFIG_HOME/cable-reader/config.toml, else the platform's config folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The settings: `config path` tells where they are read from, `config check` checks them,
    /// `config default` prints the full default file.
    Config {
        #[command(subcommand)]
        what: crate::config::ConfigCommand,
    },
    /// One line per cable: id, date, classification, origin, paragraphs, markings, subject.
    List(ListArgs),
    /// The cables as text, or one JSON object per cable per line.
    Show(ShowArgs),
    /// Paragraphs matching a regular expression, as `ID ¶N: snippet` lines.
    Search(search::SearchArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Files and folders (folders are walked recursively).
    pub paths: Vec<PathBuf>,
    /// Only cables with at least one paragraph of this marking (repeatable; `unmarked` too).
    #[arg(long = "marking", short = 'm', value_name = "M")]
    pub markings: Vec<String>,
    #[command(flatten)]
    pub query: WhereArgs,
    /// Print only the number of cables listed.
    #[arg(long, conflicts_with = "facets")]
    pub count: bool,
    /// Print how many of the cables listed have each value of FIELD (tag, origin, year, class,
    /// caveat, marking), most first, as `VALUE<TAB>COUNT` lines.
    #[arg(long, value_name = "FIELD", value_parser = ["tag", "origin", "year", "class", "caveat", "marking"])]
    pub facets: Option<String>,
    #[command(flatten)]
    pub print: PrintArgs,
}

/// `--where QUERY`, shared by `list`, `show` and `search`.
#[derive(Debug, Args)]
pub struct WhereArgs {
    /// Only cables the query finds (`origin:PARIS class:>=C date:2009`; see the README,
    /// "Finding cables").
    #[arg(long = "where", value_name = "QUERY")]
    pub query: Option<String>,
}

impl WhereArgs {
    /// The parsed query; a mistake is printed with the column it is at, as a usage error
    /// (the exit status is the `Err`).
    pub fn parse(&self) -> Result<Option<crate::cable::query::Query>, i32> {
        let Some(text) = &self.query else {
            return Ok(None);
        };
        match crate::cable::query::Query::parse(text) {
            Ok(q) => Ok(Some(q)),
            Err(e) => {
                let text = crate::sanitize::clean_line(text);
                eprintln!(
                    "cable-reader: --where: {}\n  {text}\n  {}^",
                    crate::sanitize::clean_line(&e.to_string()),
                    " ".repeat(e.column.saturating_sub(1))
                );
                Err(2)
            }
        }
    }
}

/// How `list`, `show` and `search` print.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// One JSON object per line: per cable (`list`, `show`) or per matching paragraph
    /// (`search`); the README documents the fields.
    #[arg(long)]
    pub json: bool,
    /// Print text as the files hold it, control characters included (the default when
    /// stdout is not a terminal).
    #[arg(long)]
    pub raw: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Files and folders (folders are walked recursively).
    pub paths: Vec<PathBuf>,
    /// Only the cable(s) with this reference id (repeatable).
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
    /// Only paragraph N or paragraphs N-M (repeatable).
    #[arg(long = "para", short = 'p', value_name = "N|N-M")]
    pub paras: Vec<String>,
    /// Only paragraphs with this marking (repeatable; `unmarked` too).
    #[arg(long = "marking", short = 'm', value_name = "M")]
    pub markings: Vec<String>,
    #[command(flatten)]
    pub query: WhereArgs,
    #[command(flatten)]
    pub print: PrintArgs,
}

/// How to load for printing: on a terminal, control characters are made visible; into a pipe or
/// file (or with `--raw`) the text is passed as it is.
pub fn print_options(raw: bool) -> crate::cable::LoadOptions {
    use std::io::IsTerminal;
    crate::cable::LoadOptions {
        sanitize: !raw && std::io::stdout().is_terminal(),
    }
}

/// Prints load failures as `cable-reader: PATH: reason`; true when there were any.
pub fn report_errors(report: &LoadReport) -> bool {
    report_error_list(&report.errors)
}

/// Prints `(path, reason)` failures as `cable-reader: PATH: reason`; true when there were any.
pub fn report_error_list(errors: &[(String, String)]) -> bool {
    for (path, reason) in errors {
        eprintln!(
            "cable-reader: {}: {}",
            crate::sanitize::clean_line(path),
            crate::sanitize::clean_line(reason)
        );
    }
    !errors.is_empty()
}

/// A usage error: message on stderr, exit status 2.
pub fn usage_error(message: &str) -> i32 {
    eprintln!("cable-reader: {message}");
    2
}
