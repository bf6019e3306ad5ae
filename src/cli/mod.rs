//! The command line: `list`, `show`, `search`, and the reader by default.

pub mod diff;
pub mod filter;
pub mod input;
pub mod install;
pub mod list;
pub mod out;
pub mod refs;
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
    long_about = "Read US diplomatic cables by numbered paragraph and portion marking.\n\n\
        With no subcommand, opens the full-screen reader on the PATHs (`-`: standard input); \
        `list`, `show` and `search` print for scripts and pipes.",
    override_usage = "cable-reader [OPTIONS] [PATH]...\n       cable-reader [OPTIONS] <COMMAND> [ARGS]..."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files and folders to open in the reader, `-` for standard input (default: the
    /// settings' `corpus`, else the bundled sample cables).
    pub paths: Vec<PathBuf>,
    /// The settings file (default: $CABLE_READER_CONFIG, else
    /// $XDG_CONFIG_HOME/cable-reader/config.toml, else the platform's config folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Open the reader at a cable and paragraph cited as pasted: `09USNATO595 ¶12`,
    /// `09USNATO595:12`, a WikiLeaks address ending `#par12`, `09 USNATO 595`.
    #[arg(long, value_name = "CITATION")]
    pub open: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The settings: `config path` tells where they are read from, `config check` checks them,
    /// `config default` prints the full default file.
    Config {
        #[command(subcommand)]
        what: crate::config::ConfigCommand,
    },
    /// One line per cable (its versions together): id, date, classification, origin,
    /// paragraphs, markings, subject.
    List(ListArgs),
    /// The cables as text, or one JSON object per cable per line.
    Show(ShowArgs),
    /// The places of cables matching a regular expression, as `ID PLACE: snippet` lines.
    Search(search::SearchArgs),
    /// A completion script for the shell: `cable-reader completions bash > FILE`.
    Completions {
        #[arg(value_enum)]
        shell: install::Shell,
    },
    /// The manual page, in roff: `cable-reader man > cable-reader.1`.
    Man,
    /// What a cable cites and what cites it (`--depth N` follows the links further).
    Refs(refs::RefsArgs),
    /// What differs between two versions of a cable, paragraph by paragraph, word by word.
    Diff(diff::DiffArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Files and folders (folders are walked recursively; `-` is standard input; none: the
    /// settings' `corpus`, else the sample cables).
    pub paths: Vec<PathBuf>,
    /// Only cables with at least one paragraph of this marking (repeatable; `unmarked` too).
    #[arg(long = "marking", short = 'm', value_name = "M")]
    pub markings: Vec<String>,
    /// The fields to print, comma-separated: id, date, classification, origin, paragraphs,
    /// markings, subject, source, record, versions, partial.
    #[arg(long, value_name = "F,F,...")]
    pub fields: Vec<String>,
    /// One line per cable from a template: `{id} {date}\t{subject}` (`\t` is a tab).
    #[arg(long, value_name = "TEMPLATE", conflicts_with_all = ["fields", "json"])]
    pub format: Option<String>,
    #[command(flatten)]
    pub query: WhereArgs,
    /// Print only the number of cables found: ids, a cable with several versions counting once.
    #[arg(long, conflicts_with = "facets")]
    pub count: bool,
    /// Print how many of the cables listed have each value of FIELD (tag, origin, year, class,
    /// caveat, marking), most first, as `VALUE<TAB>COUNT` lines; each cable counted once, by
    /// the version its row shows.
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
    /// Files and folders (folders are walked recursively; `-` is standard input; none: the
    /// settings' `corpus`, else the sample cables).
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
    /// Which version of each cable (from 1, fullest first, as `versions` in `--json` lists them;
    /// default: the fullest).
    #[arg(long = "version", value_name = "N")]
    pub version: Option<usize>,
    #[command(flatten)]
    pub query: WhereArgs,
    #[command(flatten)]
    pub print: PrintArgs,
}

impl PrintArgs {
    /// How to load for printing: on a terminal, control characters are made visible; into a
    /// pipe or file (or with `--raw`) the text is passed as it is. JSON always has the text as
    /// it is, its control characters escaped.
    pub fn load_options(&self) -> crate::cable::LoadOptions {
        crate::cable::LoadOptions {
            sanitize: !self.raw && !self.json && out::stdout_is_terminal(),
        }
    }

    /// Standard output for these options: checked on a terminal unless `--raw`.
    pub fn stdout(&self) -> out::Out<std::io::BufWriter<std::io::StdoutLock<'static>>> {
        out::Out::new(
            std::io::BufWriter::new(std::io::stdout().lock()),
            !self.raw && out::stdout_is_terminal(),
        )
    }
}

/// Prints load failures as `cable-reader: PATH: reason`; true when there were any.
pub fn report_errors(report: &LoadReport) -> bool {
    report_error_list(&report.errors)
}

/// Prints `(path, reason)` failures as `cable-reader: PATH: reason`; true when there were any.
pub fn report_error_list(errors: &[(String, String)]) -> bool {
    for (path, reason) in errors {
        out::input_error(path, reason);
    }
    !errors.is_empty()
}

/// A usage error: message on stderr, exit status 2.
pub fn usage_error(message: &str) -> i32 {
    out::error(message);
    2
}

/// The names of the subcommands, for suggestions.
pub fn subcommand_names() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The reader's paths checked before the screen is taken: each must exist (`-` is standard
/// input). A word that is no file but close to a subcommand's name was meant as one.
pub fn check_reader_paths(paths: &[PathBuf]) -> Result<(), String> {
    for (i, p) in paths.iter().enumerate() {
        if p.as_os_str() == input::STDIN || std::fs::symlink_metadata(p).is_ok() {
            continue;
        }
        let shown = p.display().to_string();
        let names = subcommand_names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        if i == 0
            && let Some(word) = p.to_str().filter(|w| !w.contains(['/', '.']))
            && let Some(near) = nearest(word, &names)
        {
            return Err(format!(
                "{}: no such subcommand, file or folder; did you mean {near}? (see cable-reader --help)",
                crate::sanitize::brief(word)
            ));
        }
        let why = match std::fs::metadata(p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => crate::config::io_reason(&e),
            _ => "no such file or folder".to_string(),
        };
        return Err(format!("{shown}: {why}"));
    }
    Ok(())
}

/// The name in `names` closest to `word` (at most two edits, or one a third of its length),
/// or one `word` starts.
pub fn nearest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    let w = word.to_lowercase();
    if w.len() >= 2
        && let Some(n) = names.iter().find(|n| n.starts_with(&w))
    {
        return Some(n);
    }
    names
        .iter()
        .map(|n| (crate::text::edit_distance(&w, n), *n))
        .filter(|&(d, n)| d <= 2.min(n.chars().count() / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["list", "show", "search", "config", "man", "completions"];
        assert_eq!(nearest("lsit", &names), Some("list"));
        assert_eq!(nearest("serach", &names), Some("search"));
        assert_eq!(nearest("shwo", &names), Some("show"));
        assert_eq!(nearest("conf", &names), Some("config"));
        assert_eq!(nearest("taliban", &names), None);
        assert_eq!(nearest("x", &names), None);
    }
}
