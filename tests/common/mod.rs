//! Helpers every test binary shares: where the real cables are, the binary run in a home of
//! its own, and a tmux harness for the full-screen reader.
#![allow(dead_code)]

pub mod long_cable;
pub mod tmux;

use std::path::{Path, PathBuf};

use cable_reader::cable::Cable;
use std::process::{Command, Output, Stdio};

#[allow(unused_imports)]
pub use tmux::Tmux;

pub const BIN: &str = env!("CARGO_BIN_EXE_cable-reader");

/// The real cables, a byte-for-byte copy of the shared corpus kept in the repository.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// One file of the real cables, by its path inside the corpus (`scoop-text/09USNATO595.txt`).
pub fn corpus_file(rel: &str) -> PathBuf {
    corpus().join(rel)
}

/// The cables of one corpus file, which must load without errors.
pub fn load_corpus(rel: &str) -> Vec<Cable> {
    let report = cable_reader::cable::load_paths(&[corpus_file(rel)]);
    assert!(report.errors.is_empty(), "{rel}: {:?}", report.errors);
    report.cables
}

/// A file of the repository, by its path from the top (`assets/samples/09USNATO595.txt`).
pub fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A private home for one run of the binary: its config and state folders are its own, so a
/// test never reads or writes the user's.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `$XDG_CONFIG_HOME/cable-reader/config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.path().join("config/cable-reader/config.toml")
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        let f = self.config_file();
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(&f, text).unwrap();
        f
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env_remove("CABLE_READER_CONFIG")
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }
}

/// `number:marking` of each paragraph (`_` for no number, `-` for no marking), as the loader
/// tests compare them.
pub fn paragraph_marks(c: &Cable) -> Vec<String> {
    c.paragraphs
        .iter()
        .map(|p| {
            format!(
                "{}:{}",
                p.number.map_or("_".into(), |n| n.to_string()),
                p.marking.as_ref().map_or("-".into(), |m| m.to_string())
            )
        })
        .collect()
}
