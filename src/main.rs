use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use cable_reader::cable::{Corpus, load_paths_with};
use cable_reader::cli::{self, Cli, Command, filter};

// Indexing a corpus allocates many small strings on every core: mimalloc does that faster
// than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
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
                eprintln!(
                    "cable-reader: {}",
                    cable_reader::sanitize::clean_line(&format!("{e:#}"))
                );
                1
            }
        }
    };
    ExitCode::from(code as u8)
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        None => {
            // Settings first: a mistake in them is reported before the terminal is touched.
            let config = match cable_reader::config::load(cli.config.as_deref()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("{}", cable_reader::sanitize::clean(&e.to_string()));
                    return Ok(2);
                }
            };
            let paths = if cli.paths.is_empty() {
                config.corpus.clone()
            } else {
                cli.paths.clone()
            };
            // Files are indexed in the background while the reader already shows them.
            let source = if paths.is_empty() {
                cable_reader::app::Source::Loaded(cable_reader::samples::load_samples())
            } else {
                cable_reader::app::Source::Paths(paths.clone())
            };
            let corpus = cable_reader::memory::corpus_key(&paths);
            let store = cable_reader::memory::Store::locate();
            cable_reader::app::run(source, &config, corpus, store)?;
            // Ended by SIGTERM/SIGHUP/SIGQUIT: exit as a process killed by it would.
            Ok(cable_reader::terminal::quit_signal().map_or(0, |sig| 128 + sig))
        }
        Some(Command::Config { what }) => {
            Ok(cable_reader::config::command(what, cli.config.as_deref()))
        }
        Some(Command::List(args)) => {
            let filters = match filter::parse_markings(&args.markings) {
                Ok(f) => f,
                Err(e) => return Ok(cli::usage_error(&e)),
            };
            let query = match args.query.parse() {
                Ok(q) => q,
                Err(code) => return Ok(code),
            };
            // The parallel index: only what the list shows, texts parsed in place.
            let corpus = Corpus::index_cached(&args.paths, cli::print_options(args.print.raw));
            let failed = cli::report_error_list(&corpus.errors);
            let mut out = BufWriter::new(std::io::stdout().lock());
            let output = cli::list::Output::of(&args);
            cli::list::run_selected(
                &corpus,
                &filters,
                query.as_ref(),
                output,
                args.print.json,
                &mut out,
            )?;
            out.flush()?;
            Ok(if failed { 1 } else { 0 })
        }
        Some(Command::Search(args)) => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let code = cli::search::run(&args, &mut out)?;
            out.flush()?;
            Ok(code)
        }
        Some(Command::Show(args)) => {
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
            let options = cli::print_options(args.print.raw);
            let report = match &query {
                Some(q) => cli::show::load_where(&args.paths, q, options),
                None => load_paths_with(&args.paths, options),
            };
            let failed = cli::report_errors(&report);
            let sel = cli::show::Selection {
                ids: args.ids,
                paras,
                markings,
            };
            let mut out = BufWriter::new(std::io::stdout().lock());
            cli::show::run(&report.cables, &sel, args.print.json, &mut out)?;
            out.flush()?;
            Ok(if failed { 1 } else { 0 })
        }
    }
}
