//! The settings as files are laid over each other, and the [`Config`] they come to.

use std::path::PathBuf;

use ratatui::style::Color;

use crate::cable::Marking;
use crate::cite::Template;
use crate::clipboard::Clipboard;
use crate::config::theme::{Palette, Theme, ThemeName};
use crate::keys::Keymap;

use super::model::{Config, Env};

/// The settings so far, as layers are laid over each other; [`Settings::finish`] makes the
/// [`Config`].
#[derive(Debug, Clone)]
pub struct Settings {
    pub corpus: Vec<PathBuf>,
    pub filter: String,
    pub mouse: bool,
    pub wheel_lines: u16,
    pub show_list: bool,
    pub fold_header: bool,
    pub remember_position: bool,
    pub history_size: usize,
    pub theme: ThemeName,
    pub citation: Template,
    pub clipboard: Clipboard,
    pub colors: Vec<(String, Option<Color>)>,
    pub markings: Vec<(Marking, Option<Color>)>,
    pub keymap: Keymap,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            corpus: Vec::new(),
            filter: String::new(),
            mouse: true,
            wheel_lines: 3,
            show_list: true,
            fold_header: false,
            remember_position: true,
            history_size: 100,
            theme: ThemeName::Dark,
            citation: Template::default(),
            clipboard: Clipboard::default(),
            colors: Vec::new(),
            markings: Vec::new(),
            keymap: Keymap::from_bindings(Vec::new()),
        }
    }
}

impl Settings {
    /// The settings with the theme resolved: `NO_COLOR` means mono, whatever the files say.
    pub fn finish(self, env: &Env) -> Config {
        let layers = self.clone();
        let name = if env.no_color {
            ThemeName::Mono
        } else {
            self.theme
        };
        let mut theme = Theme::builtin(name);
        if !env.no_color {
            let base = Palette::of(name);
            for (key, color) in &self.colors {
                let mut from_theme = base;
                let theirs = from_theme.slot(key).map(|c| *c).unwrap_or(None);
                if let Some(slot) = theme.palette.slot(key) {
                    *slot = color.or(theirs);
                }
            }
            for (m, color) in &self.markings {
                match color {
                    Some(c) => {
                        theme.markings.insert(m.clone(), *c);
                    }
                    None => {
                        theme.markings.remove(m);
                    }
                }
            }
        }
        Config {
            corpus: self.corpus,
            filter: self.filter,
            mouse: self.mouse,
            wheel_lines: self.wheel_lines,
            show_list: self.show_list,
            fold_header: self.fold_header,
            remember_position: self.remember_position,
            history_size: self.history_size,
            theme,
            citation: self.citation,
            clipboard: self.clipboard,
            keymap: self.keymap,
            path: None,
            layers,
            env: env.clone(),
        }
    }
}
