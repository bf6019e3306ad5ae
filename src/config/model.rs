//! What the settings come to: the reader's settings, what the environment adds, and a mistake
//! found in a file.

use std::path::PathBuf;

use super::theme::Theme;
use crate::keys::Keymap;

/// Settings as the reader uses them.
#[derive(Debug, Clone)]
pub struct Config {
    /// Opened when no paths are given; empty means the bundled samples.
    pub corpus: Vec<PathBuf>,
    /// The marking filter at start, as typed after `:filter`.
    pub filter: String,
    pub mouse: bool,
    pub wheel_lines: u16,
    pub show_list: bool,
    pub fold_header: bool,
    pub remember_position: bool,
    pub history_size: usize,
    pub theme: Theme,
    /// How `y` and `show --para` cite a paragraph.
    pub citation: crate::cite::Template,
    /// Where `y` puts the text.
    pub clipboard: crate::clipboard::Clipboard,
    pub keymap: Keymap,
    /// The file these settings came from, if there was one.
    pub path: Option<PathBuf>,
    /// The files laid over each other, before the theme is resolved: what `:set` changes.
    pub layers: super::Settings,
    /// The environment the theme was resolved in.
    pub env: Env,
}

/// What the environment adds to a file: `NO_COLOR`, and the home folder for `~/`.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub no_color: bool,
    pub home: Option<PathBuf>,
}

impl Env {
    /// The process's environment.
    pub fn current() -> Env {
        Env {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            home: directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()),
        }
    }
}

/// One mistake in a file. `line` and `column` count from 1; `key` is the dotted path of the
/// setting (`keys.reader.quit`), empty for mistakes of TOML syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub key: String,
    pub message: String,
}
