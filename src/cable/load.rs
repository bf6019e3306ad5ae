//! Reading files and folders into cables; one bad file never stops the rest.

use std::path::Path;

use rayon::prelude::*;

use super::build::build_with;
use super::formats::{self, LoadError};
use super::model::Cable;

/// The outcome of loading some inputs: every cable that loaded, and every failure by path.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub cables: Vec<Cable>,
    /// `(path, reason)` for each input or record that failed.
    pub errors: Vec<(String, String)>,
}

/// How text is loaded.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Show control characters in caret notation (for a terminal); false keeps them as they are.
    pub sanitize: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { sanitize: true }
    }
}

/// Loads the cables held in one file's bytes. `source` names the file in the cables and errors.
pub fn load_bytes(bytes: &[u8], source: &str) -> (Vec<Cable>, Vec<LoadError>) {
    load_bytes_with(bytes, source, LoadOptions::default())
}

pub fn load_bytes_with(
    bytes: &[u8],
    source: &str,
    options: LoadOptions,
) -> (Vec<Cable>, Vec<LoadError>) {
    let extracted = formats::extract(bytes);
    let cables = extracted
        .cables
        .into_iter()
        .map(|raw| build_with(raw, source, options.sanitize))
        .collect();
    (cables, extracted.errors)
}

/// Loads files and folders (walked recursively, links followed, loops reported), in parallel.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> LoadReport {
    load_paths_with(paths, LoadOptions::default())
}

pub fn load_paths_with<P: AsRef<Path>>(paths: &[P], options: LoadOptions) -> LoadReport {
    let (files, errors) = super::walk::walk_inputs(paths);
    let mut report = LoadReport {
        errors,
        ..Default::default()
    };
    let results: Vec<_> = files
        .par_iter()
        .map(|path| {
            let source = path.display().to_string();
            match super::walk::read_input(path) {
                Ok(bytes) => {
                    let (cables, errors) = load_bytes_with(&bytes, &source, options);
                    (source, cables, errors)
                }
                Err(e) => (source, Vec::new(), vec![LoadError::new(e.to_string())]),
            }
        })
        .collect();
    for (source, cables, errors) in results {
        report.cables.extend(cables);
        report
            .errors
            .extend(errors.into_iter().map(|e| (source.clone(), e.to_string())));
    }
    report
}
