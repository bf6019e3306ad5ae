//! Settings: `config.toml`, found by `--config`, `$CABLE_READER_CONFIG`, `$XDG_CONFIG_HOME` or the
//! platform's config folder, laid over the defaults embedded from `assets/config.toml`.
//!
//! A user's file holds only what it changes. It is read, checked and never written. Every mistake
//! is reported with the file, line, column and key: `config.toml:3:8: keys.quit: expected a list
//! of key names like ["q"], found an integer`.

mod bindings;
mod check;
mod colors;
mod layer;
mod model;
pub mod set;
mod settings;
pub mod theme;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::keys::{Binding, Command, Context, KeyChord, Keymap};

pub use layer::{Layer, parse_layer};
pub use model::{Config, Env, Problem};
pub use settings::Settings;

/// The whole default file, with a comment per setting.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// The file name inside the config folder.
pub const FILE_NAME: &str = "config.toml";

impl Default for Config {
    /// The embedded defaults, with colour.
    fn default() -> Config {
        Config::from_text(None, &Env::default()).unwrap_or_else(|_| Config::fallback())
    }
}

/// Why a config file cannot be used. Its `Display` is one line per problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as shown in messages.
    pub file: String,
    /// Mistakes in the text, in the order they appear.
    pub problems: Vec<Problem>,
    /// The file could not be read at all.
    pub unreadable: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(why) = &self.unreadable {
            return write!(f, "{}: {why}", self.file);
        }
        for (n, p) in self.problems.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: ", self.file, p.line, p.column)?;
            if !p.key.is_empty() {
                write!(f, "{}: ", p.key)?;
            }
            write!(f, "{}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is looked for, and whether it must be there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// Named by `--config` or `$CABLE_READER_CONFIG`: a missing file is an error. The usual
    /// places may hold no file; the defaults apply then.
    pub required: bool,
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `--config PATH`, else `$CABLE_READER_CONFIG`, else `$XDG_CONFIG_HOME/cable-reader/config.toml`,
/// else the platform's config folder (on Linux `~/.config/cable-reader/config.toml`).
pub fn locate(flag: Option<&Path>) -> Option<Location> {
    if let Some(p) = flag {
        return Some(Location {
            path: p.to_path_buf(),
            required: true,
        });
    }
    if let Some(p) = env_path("CABLE_READER_CONFIG") {
        return Some(Location {
            path: p,
            required: true,
        });
    }
    if let Some(dir) = env_path("XDG_CONFIG_HOME").filter(|p| p.is_absolute()) {
        return Some(Location {
            path: dir.join("cable-reader").join(FILE_NAME),
            required: false,
        });
    }
    directories::ProjectDirs::from("", "", "cable-reader").map(|d| Location {
        path: d.config_dir().join(FILE_NAME),
        required: false,
    })
}

// How paths and I/O errors read in messages; kept here under their old names for the callers.
pub use crate::sanitize::{io_reason, path as shown};

/// Reads the settings from where [`locate`] says, over the defaults.
pub fn load(flag: Option<&Path>) -> Result<Config, ConfigError> {
    let env = Env::current();
    let Some(loc) = locate(flag) else {
        return Config::from_text(None, &env);
    };
    match read_file(&loc)? {
        Some(text) => {
            let mut c = Config::from_text(Some((&text, &loc.path)), &env)?;
            c.path = Some(loc.path);
            Ok(c)
        }
        None => Config::from_text(None, &env),
    }
}

/// The file's text; `None` when an optional file is absent.
fn read_file(loc: &Location) -> Result<Option<String>, ConfigError> {
    let unreadable = |why: String| ConfigError {
        file: shown(&loc.path),
        problems: Vec::new(),
        unreadable: Some(why),
    };
    match std::fs::read(&loc.path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Err(unreadable(format!(
                    "not UTF-8 text (byte {} is not valid); save the file as UTF-8",
                    at + 1
                )))
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !loc.required => Ok(None),
        Err(e) => Err(unreadable(format!("cannot read: {}", io_reason(&e)))),
    }
}

/// The built-in defaults, read once: what `:set` compares with.
pub fn defaults() -> &'static Settings {
    static DEFAULTS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
    DEFAULTS.get_or_init(|| default_settings().unwrap_or_default())
}

/// The embedded defaults laid over nothing. Paths and `NO_COLOR` play no part in them.
fn default_settings() -> Result<Settings, ConfigError> {
    let defaults =
        parse_layer(DEFAULT_CONFIG, None, &Env::default()).map_err(|problems| ConfigError {
            file: "(built-in defaults)".into(),
            problems,
            unreadable: None,
        })?;
    let mut settings = Settings::default();
    defaults.apply_to(&mut settings);
    Ok(settings)
}

impl Config {
    /// The defaults with `user` (its text and path) laid over them.
    pub fn from_text(user: Option<(&str, &Path)>, env: &Env) -> Result<Config, ConfigError> {
        let mut settings = default_settings()?;
        if let Some((text, path)) = user {
            let base = path.parent().map(Path::to_path_buf);
            let file = shown(path);
            let layer =
                parse_layer(text, base.as_deref(), env).map_err(|problems| ConfigError {
                    file: file.clone(),
                    problems,
                    unreadable: None,
                })?;
            layer.apply_to(&mut settings);
            let problems = layer.conflicts_in(&settings.keymap, text);
            if !problems.is_empty() {
                return Err(ConfigError {
                    file,
                    problems,
                    unreadable: None,
                });
            }
        }
        Ok(settings.finish(env))
    }

    /// Settings that work even without the embedded file: the settings' own defaults.
    fn fallback() -> Config {
        // The embedded defaults are covered by tests; should they ever fail to parse, keep
        // `q` working rather than refuse to start.
        let keymap = Keymap::from_bindings(vec![Binding {
            context: Context::Global,
            action: Command::Quit,
            keys: vec![vec![KeyChord::new(
                crossterm::event::KeyCode::Char('q'),
                crossterm::event::KeyModifiers::NONE,
            )]],
        }]);
        Settings {
            keymap,
            ..Settings::default()
        }
        .finish(&Env::default())
    }
}

impl Keymap {
    /// The default keymap: the `[keys]` tables of the embedded defaults, read by the one reader
    /// of settings files.
    pub fn default_keymap() -> Keymap {
        Config::default().keymap
    }
}

/// `cable-reader config path|check|default`; returns the exit status.
pub fn command(what: ConfigCommand, flag: Option<&Path>) -> i32 {
    use std::io::Write;
    match what {
        ConfigCommand::Path => match locate(flag) {
            Some(loc) => {
                println!("{}", shown(&loc.path));
                if !loc.path.exists() {
                    eprintln!(
                        "cable-reader: no file there yet, so the defaults apply (`cable-reader config default` prints them)"
                    );
                }
                0
            }
            None => {
                eprintln!("cable-reader: no config folder on this system; the defaults apply");
                1
            }
        },
        ConfigCommand::Check => match load(flag) {
            Ok(c) => {
                match c.path {
                    Some(p) => println!("{}: ok", shown(&p)),
                    None => println!("no config file; the defaults apply"),
                }
                0
            }
            Err(e) => {
                eprintln!("{}", crate::sanitize::clean(&e.to_string()));
                2
            }
        },
        ConfigCommand::Default => {
            let mut out = std::io::stdout().lock();
            match out.write_all(DEFAULT_CONFIG.as_bytes()) {
                Ok(()) => 0,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(_) => 1,
            }
        }
    }
}

/// What `cable-reader config` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Subcommand)]
pub enum ConfigCommand {
    /// Print where the settings are read from.
    Path,
    /// Check the settings file: exit 0, or 2 with each mistake as FILE:LINE:COLUMN: KEY: what.
    Check,
    /// Print the full default file, with a comment per setting.
    Default,
}

#[cfg(test)]
mod tests {
    use crate::keys::{BINDABLE, Command, Context, KeyChord, Keymap, Lookup};

    fn key(s: &str) -> KeyChord {
        KeyChord::parse(s).unwrap()
    }

    /// The settings used should the embedded file not parse: its defaults, and `q` quits.
    #[test]
    fn the_fallback_is_the_defaults_with_a_way_out() {
        let c = super::Config::fallback();
        assert_eq!((c.mouse, c.wheel_lines, c.history_size), (true, 3, 100));
        assert!(c.corpus.is_empty() && c.filter.is_empty() && c.path.is_none());
        assert_eq!(
            c.keymap.lookup(Context::Reader, &[key("q")]),
            Lookup::Command(Command::Quit)
        );
    }

    #[test]
    fn default_keymap_loads_without_conflicts() {
        let km = Keymap::default_keymap();
        assert_eq!(km.conflicts(), &[] as &[String]);
        assert_eq!(
            km.lookup(Context::Reader, &[key("q")]),
            Lookup::Command(Command::Quit)
        );
        assert_eq!(km.lookup(Context::Reader, &[key("'")]), Lookup::Prefix);
        assert_eq!(
            km.lookup(Context::Reader, &[key("'"), key("'")]),
            Lookup::Command(Command::Back)
        );
        // the filter pane's Space toggles, elsewhere it pages
        assert_eq!(
            km.lookup(Context::Filter, &[key("space")]),
            Lookup::Command(Command::ToggleMarking)
        );
        assert_eq!(
            km.lookup(Context::Reader, &[key("space")]),
            Lookup::Command(Command::PageDown)
        );
    }

    #[test]
    fn every_command_is_bound_by_default() {
        let km = Keymap::default_keymap();
        for (c, name, _) in BINDABLE {
            let bound = Context::ALL.iter().any(|x| !km.keys_for(*x, *c).is_empty());
            assert!(bound, "{name} has no key");
        }
    }
}
