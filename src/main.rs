use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use cable_reader::cable::Corpus;
use cable_reader::cable::in_memory::corpus_of_cables;
use cable_reader::cable::query::Query;
use cable_reader::cli::input::Inputs;
use cable_reader::cli::list::{Field, Layout, Listed, Template};
use cable_reader::cli::{self, Cli, Command, filter, out};
use cable_reader::config::Config;

// Indexing a corpus allocates many small strings on every core: mimalloc does that faster
// than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cable_reader::allocator::configure();
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`| head`) is not an error worth a message.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                0
            } else {
                out::error(&format!("{e:#}"));
                1
            }
        }
    };
    ExitCode::from(code as u8)
}

/// The settings, or the exit status 2 after their mistakes are printed: every command that
/// reads them stops alike, before it reads anything else.
fn settings(cli: &Cli) -> Result<Config, i32> {
    cable_reader::config::load(cli.config.as_deref()).map_err(|e| {
        eprintln!("{}", cable_reader::sanitize::clean(&e.to_string()));
        2
    })
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let command = match cli.command {
        Some(ref c) => c,
        None => return reader(&cli),
    };
    match command {
        Command::Config { what } => Ok(cable_reader::config::command(*what, cli.config.as_deref())),
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            cli::install::completions(*shell, &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Command::Man => {
            let mut out = std::io::stdout().lock();
            cli::install::man(&mut out)?;
            out.flush()?;
            Ok(0)
        }
        Command::List(args) => {
            let config = match settings(&cli) {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let filters = match filter::parse_markings(&args.markings) {
                Ok(f) => f,
                Err(e) => return Ok(cli::usage_error(&e)),
            };
            let layout = match list_layout(args) {
                Ok(l) => l,
                Err(e) => return Ok(cli::usage_error(&e)),
            };
            let query = match args.query.parse() {
                Ok(q) => q,
                Err(code) => return Ok(code),
            };
            let inputs = match Inputs::choose(&args.paths, &config) {
                Ok(i) => i,
                Err(e) => return Ok(cli::usage_error(&e)),
            };
            let options = args.print.load_options();
            let output = cli::list::Output::of(args);
            let mut out = args.print.stdout();
            let run = |listed, out: &mut _| {
                cli::list::run_selected(listed, &filters, query.as_ref(), output, &layout, out)
            };
            let (total, printed, failed) = if inputs.only_paths() {
                // The parallel index: only what the list shows, texts parsed in place.
                let corpus = Corpus::index_cached(&inputs.paths, options);
                let failed = cli::report_error_list(&corpus.errors);
                let listed = Listed {
                    corpus: &corpus,
                    cables: None,
                };
                let listed_all = (corpus.cables.len(), run(listed, &mut out)?, failed);
                // The process ends next: freeing 251,287 summaries one by one is wasted time.
                std::mem::forget(corpus);
                listed_all
            } else {
                let report = inputs.load(options);
                let failed = cli::report_errors(&report);
                let corpus = corpus_of_cables(&report.cables);
                let listed = Listed {
                    corpus: &corpus,
                    cables: Some(&report.cables),
                };
                (report.cables.len(), run(listed, &mut out)?, failed)
            };
            out.flush()?;
            if total == 0 {
                if let Some(why) = cli::input::nothing_found(&inputs, failed) {
                    out::error(&why);
                }
                return Ok(1);
            }
            if printed == 0 {
                out::error(&nothing_listed(total, &filters, query.as_ref()));
                return Ok(1);
            }
            Ok(if failed { 1 } else { 0 })
        }
        Command::Search(args) => {
            let config = match settings(&cli) {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let mut out = args.print.stdout();
            let code = cli::search::run(args, &config, &mut out)?;
            out.flush()?;
            Ok(code)
        }
        Command::Refs(args) => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let code = cli::refs::run(args, &mut out)?;
            out.flush()?;
            Ok(code)
        }
        Command::Diff(args) => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let code = cli::diff::run(args, &mut out)?;
            out.flush()?;
            Ok(code)
        }
        Command::Show(args) => {
            let config = match settings(&cli) {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let markings = match filter::parse_markings(&args.markings) {
                Ok(f) => f,
                Err(e) => return Ok(cli::usage_error(&e)),
            };
            let mut paras = Vec::new();
            for p in args.paras.iter().flat_map(|p| p.split(',')) {
                match filter::parse_para(p) {
                    Ok(r) => paras.push(r),
                    Err(e) => return Ok(cli::usage_error(&e)),
                }
            }
            let query = match args.query.parse() {
                Ok(q) => q,
                Err(code) => return Ok(code),
            };
            let inputs = match Inputs::choose(&args.paths, &config) {
                Ok(i) => i,
                Err(e) => return Ok(cli::usage_error(&e)),
            };
            let options = args.print.load_options();
            let sel = cli::show::Selection {
                ids: args.ids.clone(),
                paras,
                markings,
            };
            // One cable per id: the index groups the versions, the chosen one is opened.
            let (picked, failed) = if inputs.only_paths() {
                cli::show::pick_paths(&inputs.paths, options, query.as_ref(), &sel, args.version)
            } else {
                let report = inputs.load(options);
                let failed = cli::report_errors(&report);
                let corpus = corpus_of_cables(&report.cables);
                let picked = cli::show::pick(
                    &corpus,
                    Some(&report.cables),
                    query.as_ref(),
                    &sel,
                    args.version,
                );
                (picked, failed)
            };
            let picked = match picked {
                Ok(p) => p,
                Err(e) => return Ok(cli::usage_error(&e)),
            };
            let failed = cli::report_error_list(&picked.errors) || failed;
            if picked.read == 0 && picked.cables.is_empty() {
                if query.is_none()
                    && let Some(why) = cli::input::nothing_found(&inputs, failed)
                {
                    out::error(&why);
                }
                return Ok(1);
            }
            let mut out = args.print.stdout();
            let shown = cli::show::run(&picked, &sel, args.print.json, &config.citation, &mut out)?;
            out.flush()?;
            for why in &shown.missing {
                out::error(why);
            }
            Ok(if failed || !shown.missing.is_empty() {
                1
            } else {
                0
            })
        }
    }
}

/// Why `list` printed nothing of the `total` cables read: the marking filters, the query.
fn nothing_listed(
    total: usize,
    filters: &[filter::MarkingFilter],
    query: Option<&Query>,
) -> String {
    let mut why = Vec::new();
    if !filters.is_empty() {
        why.push(format!("has a paragraph {}", filter::describe(filters)));
    }
    if let Some(q) = query {
        why.push(format!(
            "is found by --where {}",
            cable_reader::sanitize::brief(q.text())
        ));
    }
    format!(
        "none of the {total} cable{} read {}",
        if total == 1 { "" } else { "s" },
        why.join(" and ")
    )
}

/// How `list` prints: a template, JSON, the fields tab-separated into a pipe, aligned columns
/// on a terminal.
fn list_layout(args: &cli::ListArgs) -> Result<Layout, String> {
    if let Some(t) = &args.format {
        return Template::parse(t).map(Layout::Template);
    }
    let fields = Field::parse_list(&args.fields)?;
    if args.print.json {
        return Ok(Layout::Json(if args.fields.is_empty() {
            Field::ALL.to_vec()
        } else {
            fields
        }));
    }
    if out::stdout_is_terminal() && !args.print.raw {
        return Ok(Layout::Columns {
            fields,
            width: screen_width(),
            colors: out::colors_wanted(),
        });
    }
    Ok(Layout::Tabs(fields))
}

/// The screen's width for `list`'s last column: `COLUMNS` when set, else the terminal's.
fn screen_width() -> Option<usize> {
    if let Some(w) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(w).filter(|&w| w > 0);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w as usize)
        .filter(|&w| w > 0)
}

/// The full-screen reader: settings, paths and the terminal are checked before the screen is
/// taken, so every mistake is a message on the shell's screen.
fn reader(cli: &Cli) -> anyhow::Result<i32> {
    let config = match settings(cli) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    if let Err(e) = cli::check_reader_paths(&cli.paths) {
        return Ok(cli::usage_error(&e));
    }
    // A citation that names no cable is a mistake of the command line, said as one.
    let open = match cli
        .open
        .as_deref()
        .map(|text| cable_reader::cable::citation::parse(text, None))
        .transpose()
    {
        Ok(c) => c,
        Err(e) => return Ok(cli::usage_error(&e)),
    };
    if let Err(e) = terminal_present() {
        return Ok(cli::usage_error(&e));
    }
    let paths = if cli.paths.is_empty() {
        config.corpus.clone()
    } else {
        cli.paths.clone()
    };
    let inputs = Inputs {
        paths: paths
            .iter()
            .filter(|p| p.as_os_str() != cli::input::STDIN)
            .cloned()
            .collect(),
        ..Inputs::default()
    };
    let stdin = paths.iter().any(|p| p.as_os_str() == cli::input::STDIN);
    // Files are indexed in the background while the reader already shows them; standard
    // input and the samples are read first.
    let source = if stdin {
        let inputs = match Inputs::choose(&paths, &config) {
            Ok(i) => i,
            Err(e) => return Ok(cli::usage_error(&e)),
        };
        cable_reader::runtime::Source::Loaded(inputs.load(Default::default()))
    } else if inputs.paths.is_empty() {
        cable_reader::runtime::Source::Loaded(cable_reader::samples::load_samples())
    } else {
        cable_reader::runtime::Source::Paths(inputs.paths.clone())
    };
    let corpus = cable_reader::memory::corpus_key(&paths);
    let store = cable_reader::memory::Store::locate();
    cable_reader::runtime::run(source, &config, corpus, store, open)?;
    // Ended by SIGTERM/SIGHUP/SIGQUIT: exit as a process killed by it would.
    Ok(cable_reader::terminal::quit_signal().map_or(0, |sig| 128 + sig))
}

/// The reader draws on stdout and reads keys from the terminal (stdin, else the controlling
/// terminal): say plainly when either is missing rather than fail inside the terminal library.
fn terminal_present() -> Result<(), String> {
    if !std::io::stdout().is_terminal() {
        return Err(
            "standard output is not a terminal: the reader needs one to draw on (for a file or a pipe, use `cable-reader list`, `show` or `search`)"
                .to_string(),
        );
    }
    #[cfg(unix)]
    if !std::io::stdin().is_terminal() && std::fs::File::open("/dev/tty").is_err() {
        return Err(
            "no terminal to read keys from: the reader needs one (for scripts, use `cable-reader list`, `show` or `search`)"
                .to_string(),
        );
    }
    Ok(())
}
