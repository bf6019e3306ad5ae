//! What `list`, `show` and `search` read: the paths given (`-` is standard input), else what
//! the reader would open: the settings' `corpus`, else the bundled sample cables.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::cable::{Cable, LoadOptions, LoadReport, load_bytes_with, load_paths_with};
use crate::config::Config;

/// The name standard input goes by, on the command line and as a cable's source.
pub const STDIN: &str = "-";

/// The inputs of one command.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Files and folders, in the order given.
    pub paths: Vec<PathBuf>,
    /// What standard input held, when `-` was given.
    pub stdin: Option<Vec<u8>>,
    /// No path given and no corpus in the settings: the bundled samples.
    pub samples: bool,
}

impl Inputs {
    /// The inputs for `given` paths; with none, the settings' corpus or the samples, said on
    /// stderr so that an empty answer is not a mystery. Errs (a message) when `-` is given and
    /// standard input is a terminal, or cannot be read.
    pub fn choose(given: &[PathBuf], config: &Config) -> Result<Inputs, String> {
        if given.is_empty() {
            if config.corpus.is_empty() {
                super::out::error(&format!(
                    "no PATH given and no corpus in the settings: reading the {} sample cables built in",
                    crate::samples::SAMPLES.len()
                ));
                return Ok(Inputs {
                    samples: true,
                    ..Inputs::default()
                });
            }
            let shown: Vec<String> = config
                .corpus
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            super::out::error(&format!(
                "no PATH given: reading the settings' corpus: {}",
                shown.join(", ")
            ));
            return Ok(Inputs {
                paths: config.corpus.clone(),
                ..Inputs::default()
            });
        }
        let mut inputs = Inputs::default();
        for p in given {
            if p.as_os_str() == STDIN {
                if inputs.stdin.is_none() {
                    inputs.stdin = Some(read_stdin()?);
                }
            } else {
                inputs.paths.push(p.clone());
            }
        }
        Ok(inputs)
    }

    /// True when only files and folders are read (the index and search can work on them alone).
    pub fn only_paths(&self) -> bool {
        self.stdin.is_none() && !self.samples
    }

    /// The inputs that are bytes already: standard input, the samples; as `(source, bytes)`.
    pub fn in_memory(&self) -> Vec<(String, &[u8])> {
        let mut out = Vec::new();
        if let Some(bytes) = &self.stdin {
            out.push((STDIN.to_string(), &bytes[..]));
        }
        if self.samples {
            for (name, bytes) in crate::samples::SAMPLES {
                out.push((format!("samples/{name}"), *bytes));
            }
        }
        out
    }

    /// Every cable of every input: files and folders first, then standard input, then samples.
    pub fn load(&self, options: LoadOptions) -> LoadReport {
        let mut report = if self.paths.is_empty() {
            LoadReport::default()
        } else {
            load_paths_with(&self.paths, options)
        };
        for (source, bytes) in self.in_memory() {
            let (cables, errors) = load_bytes_with(bytes, &source, options);
            report.cables.extend(cables);
            report
                .errors
                .extend(errors.into_iter().map(|e| (source.clone(), e.to_string())));
        }
        report
    }

    /// How the inputs are named in a message: `FILE`, `3 inputs`, `the samples`.
    pub fn describe(&self) -> String {
        let mut names: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
        if self.stdin.is_some() {
            names.push("standard input".to_string());
        }
        if self.samples {
            names.push("the sample cables".to_string());
        }
        match names.len() {
            1 => names.remove(0),
            n => format!("{n} inputs"),
        }
    }
}

/// All of standard input; refused when it is a terminal (the command would wait for typing).
fn read_stdin() -> Result<Vec<u8>, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(
            "-: standard input is a terminal; pipe a file in (`cat FILE | cable-reader show -`)"
                .to_string(),
        );
    }
    let mut bytes = Vec::new();
    stdin.lock().read_to_end(&mut bytes).map_err(|e| {
        format!(
            "-: cannot read standard input: {}",
            crate::config::io_reason(&e)
        )
    })?;
    Ok(bytes)
}

/// Where the cables came from when none was found: `FILE holds no cable`, for a message.
pub fn nothing_found(inputs: &Inputs, report_errors: bool) -> Option<String> {
    if report_errors {
        // The failures already say why.
        return None;
    }
    let what = inputs.describe();
    let folder = inputs.paths.len() == 1 && Path::new(&inputs.paths[0]).is_dir();
    Some(if folder {
        format!("{what}: no cable found: the folder holds no files")
    } else {
        format!("{what}: no cable found")
    })
}

/// The paragraph numbers a cable has, for a message: `¶1-¶19`, or `no numbered paragraphs`.
pub fn paragraph_span(c: &Cable) -> String {
    let first = c.paragraphs.iter().filter_map(|p| p.number).min();
    let last = c.paragraphs.iter().filter_map(|p| p.number).max();
    match (first, last) {
        (Some(a), Some(b)) if a == b => format!("only ¶{a}"),
        (Some(a), Some(b)) => format!("¶{a}-¶{b}"),
        _ => "no numbered paragraphs".to_string(),
    }
}
