//! Settings: where they are read, what a mistake in them says, and the default file.
//!
//! Every run of the binary gets a home, config and state folder of its own, so these tests never
//! read or write the user's.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::Home;

use cable_reader::config::theme::COLOR_KEYS;
use cable_reader::config::{Config, DEFAULT_CONFIG, Env};
use cable_reader::keys::BINDABLE;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `config check` on `text`: the exit status and what it printed on stderr.
fn check(text: &str) -> (Option<i32>, String, PathBuf) {
    let home = Home::new();
    let file = home.write_config(text);
    let o = home.run(&["config", "check"]);
    (o.status.code(), stderr(&o), file)
}

/// Asserts that `text` fails the check with exactly `message` after `FILE:`.
fn assert_error(text: &str, message: &str) {
    let (code, err, file) = check(text);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(
        err,
        format!("{}:{message}\n", file.display()),
        "for {text:?}"
    );
}

// ---------------------------------------------------------------- where

#[test]
fn config_path_follows_flag_then_env_then_xdg() {
    let home = Home::new();
    let o = home.run(&["config", "path"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        format!("{}\n", home.config_file().display()),
        "XDG_CONFIG_HOME"
    );
    // Nothing there yet: said on stderr, not an error.
    assert!(stderr(&o).contains("defaults apply"), "{}", stderr(&o));

    let o = home
        .command(&["config", "path"])
        .env("CABLE_READER_CONFIG", "/somewhere/else.toml")
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "/somewhere/else.toml\n");

    let o = home
        .command(&["config", "path", "--config", "/given.toml"])
        .env("CABLE_READER_CONFIG", "/somewhere/else.toml")
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "/given.toml\n");

    // Without XDG_CONFIG_HOME, the platform's folder under HOME.
    let o = home
        .command(&["config", "path"])
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(out.starts_with(&home.path().display().to_string()), "{out}");
    assert!(out.ends_with("cable-reader/config.toml\n"), "{out}");
}

#[test]
fn a_missing_file_is_fine_where_usual_and_an_error_where_named() {
    let home = Home::new();
    let o = home.run(&["config", "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "no config file; the defaults apply\n");

    let missing = home.path().join("nope.toml");
    let o = home.run(&["config", "check", "--config", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "{}: cannot read: No such file or directory\n",
            missing.display()
        )
    );
}

// ---------------------------------------------------------------- mistakes

#[test]
fn wrong_type() {
    assert_error(
        "# my settings\n\n[keys]\nquit = 1\n",
        "4:8: keys.quit: expected a list of key names like [\"q\"], found an integer",
    );
    assert_error(
        "mouse = \"yes\"\n",
        "1:9: mouse: expected true or false, found a string",
    );
    assert_error(
        "corpus = \"~/cables\"\n",
        "1:10: corpus: expected a list of files and folders like [\"~/cables\"], found a string",
    );
    assert_error(
        "wheel_lines = 0\n",
        "1:15: wheel_lines: expected a whole number from 1 to 50, found 0",
    );
    assert_error(
        "[keys]\nquit = [\"q\", 1]\n",
        "2:14: keys.quit: expected a key name like \"q\", found an integer",
    );
    assert_error(
        "[colors]\nsbu = true\n",
        "2:7: colors.sbu: expected a colour like \"magenta\", \"#ff8800\" or 208, found true or false",
    );
}

#[test]
fn unknown_key() {
    assert_error(
        "mose = true\n",
        "1:1: mose: unknown setting, did you mean mouse?",
    );
    assert_error(
        "[keys]\nqiut = [\"q\"]\n",
        "2:1: keys.qiut: unknown action, did you mean quit?",
    );
    assert_error(
        "[keys.nowhere]\nquit = [\"q\"]\n",
        "1:7: keys.nowhere: unknown table (the tables of keys are keys.list, keys.reader, keys.filter and keys.bookmarks)",
    );
    assert_error(
        "[colors]\npurple = \"red\"\n",
        "2:1: colors.purple: unknown colour setting (the colours are ts, s, c, lou, sbu, u, accent, dim, selection, search, search_current, status, warning, markings)",
    );
    assert_error(
        "theme = \"solarized\"\n",
        "1:9: theme: unknown theme \"solarized\" (use \"dark\", \"light\" or \"mono\")",
    );
}

#[test]
fn unknown_key_name() {
    assert_error(
        "[keys]\nquit = [\"hyper-q\"]\n",
        "2:9: keys.quit: unknown key name \"hyper-q\" (a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")",
    );
    assert_error(
        "[keys.reader]\nhelp = [\"f99\"]\n",
        "2:9: keys.reader.help: unknown key name \"f99\" (a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")",
    );
}

#[test]
fn control_characters_are_no_key_names() {
    let generic = "(a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")";
    for (written, message) in [
        (
            r"\u0001",
            "\"^A\" holds a control character, not a key name (write \"ctrl-a\")".to_string(),
        ),
        (
            r"\u001b",
            "\"^[\" holds a control character, not a key name (write \"esc\")".into(),
        ),
        (
            r"\t",
            "\"^I\" holds a control character, not a key name (write \"tab\")".into(),
        ),
        (
            r"\u007f",
            "\"^?\" holds a control character, not a key name (write \"backspace\")".into(),
        ),
        (
            r"g\u0000",
            format!("\"g^@\" holds a control character, not a key name {generic}"),
        ),
        (
            r"\u009b",
            format!("\"<U+009B>\" holds a control character, not a key name {generic}"),
        ),
        (
            r"a\u202eb",
            format!("\"a<U+202E>b\" holds an invisible character, not a key name {generic}"),
        ),
        (
            r"\u200b",
            format!("\"<U+200B>\" holds an invisible character, not a key name {generic}"),
        ),
    ] {
        assert_error(
            &format!("[keys]\nquit = [\"{written}\"]\n"),
            &format!("2:9: keys.quit: {message}"),
        );
    }
    // And never bound, however the keymap is given.
    assert!(cable_reader::keys::parse_seq("\u{1}").is_err());
}

#[test]
fn key_bound_to_two_actions() {
    assert_error(
        "[keys]\nquit = [\"q\"]\nhelp = [\"q\", \"?\"]\n",
        "3:9: keys.help: \"q\" is already bound to quit on line 2",
    );
    // A key that would hide a sequence of the defaults, and a sequence a default key hides.
    assert_error(
        "[keys]\nbookmark_list = [\"'\"]\n",
        "2:18: keys.bookmark_list: \"'\" would hide the sequence \"' '\" (back); a key cannot both do something and start a sequence",
    );
    assert_error(
        "[keys]\nsearch = [\"g g\"]\n",
        "2:11: keys.search: \"g g\" can never be typed: \"g\" alone is bound to top",
    );
    // Taking a default key for another action is not a conflict: the key moves.
    let (code, err, _) = check("[keys]\nhelp = [\"q\"]\nquit = [\"x\"]\n");
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn toml_syntax_error() {
    assert_error(
        "mouse = tru\n",
        "1:9: not valid TOML: invalid boolean, expected `true`",
    );
    assert_error(
        "[keys\nquit = [\"q\"]\n",
        "1:6: not valid TOML: unclosed table, expected `]`",
    );
    assert_error(
        "mouse = true\nmouse = false\n",
        "2:1: not valid TOML: duplicate key",
    );
}

#[test]
fn every_mistake_is_listed_in_file_order() {
    let (code, err, file) = check("zzz = 1\nmouse = 3\n[keys]\nquit = [\"nope-key\"]\n");
    assert_eq!(code, Some(2));
    let f = file.display();
    assert_eq!(
        err,
        format!(
            "{f}:1:1: zzz: unknown setting (the settings are corpus, filter, mouse, wheel_lines, show_list, fold_header, remember_position, history_size, theme, citation, clipboard, colors, keys)\n\
             {f}:2:9: mouse: expected true or false, found an integer\n\
             {f}:4:9: keys.quit: unknown key name \"nope-key\" (a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")\n"
        )
    );
}

#[test]
fn unreadable_files_are_errors_not_crashes() {
    let (code, err, file) = check("");
    assert_eq!(code, Some(0), "an empty file is all defaults: {err}");
    let home = Home::new();
    let file2 = home.write_config("x");
    std::fs::write(&file2, b"mouse = \"\xff\"\n").unwrap();
    let o = home.run(&["config", "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "{}: not UTF-8 text (byte 10 is not valid); save the file as UTF-8\n",
            file2.display()
        )
    );
    drop(file);
}

#[test]
fn the_reader_stops_with_status_2_before_touching_the_terminal() {
    let home = Home::new();
    let file = home.write_config("[keys]\nquit = 1\n");
    let o = home.run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "{}:2:8: keys.quit: expected a list of key names like [\"q\"], found an integer\n",
            file.display()
        )
    );
    // Not one byte for the terminal: no alternate screen, no modes.
    assert!(o.stdout.is_empty(), "{:?}", stdout(&o));
    // The file is never rewritten.
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[keys]\nquit = 1\n"
    );
}

// ---------------------------------------------------------------- the default file

#[test]
fn config_default_round_trips_through_check() {
    let home = Home::new();
    let o = home.run(&["config", "default"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), DEFAULT_CONFIG);
    let file = home.write_config(&stdout(&o));
    let o = home.run(&["config", "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{}: ok\n", file.display()));
    // And it means exactly the defaults.
    let env = Env::default();
    let from_file = Config::from_text(Some((DEFAULT_CONFIG, &file)), &env).unwrap();
    let defaults = Config::from_text(None, &env).unwrap();
    assert_eq!(from_file.theme, defaults.theme);
    assert_eq!(from_file.keymap.conflicts(), defaults.keymap.conflicts());
    assert_eq!(from_file.mouse, defaults.mouse);
    assert_eq!(from_file.history_size, defaults.history_size);
}

/// The line above `name = ` in the default file, after the line `after` (a table's head).
fn comment_in(after: &str, name: &str) -> Option<&'static str> {
    let lines: Vec<&str> = DEFAULT_CONFIG.lines().collect();
    let start = if after.is_empty() {
        0
    } else {
        lines.iter().position(|l| *l == after)?
    };
    let at = start
        + lines[start..]
            .iter()
            .position(|l| l.starts_with(&format!("{name} = ")))?;
    at.checked_sub(1).map(|i| lines[i])
}

fn comment_above(name: &str) -> Option<&'static str> {
    comment_in("", name)
}

#[test]
fn the_default_file_has_a_comment_per_setting() {
    for name in [
        "corpus",
        "filter",
        "mouse",
        "wheel_lines",
        "show_list",
        "fold_header",
        "remember_position",
        "history_size",
        "theme",
        "citation",
        "clipboard",
    ] {
        let c = comment_above(name).unwrap_or_else(|| panic!("{name} missing"));
        assert!(c.starts_with("# "), "{name}: {c}");
    }
    // Each colour with what it colours, each action with what help says it does.
    for (name, what) in COLOR_KEYS {
        assert_eq!(
            comment_in("[colors]", name).unwrap(),
            format!("# {what}"),
            "{name}"
        );
    }
    for (_, name, what) in BINDABLE {
        let c = comment_in("[keys]", name).unwrap_or_else(|| panic!("{name} has no line"));
        assert!(c.starts_with(&format!("# {what}")), "{name}: {c}");
    }
}

#[test]
fn no_color_means_mono() {
    let env = Env {
        no_color: true,
        home: None,
    };
    let c = Config::from_text(
        Some((
            "theme = \"dark\"\n[colors]\nsbu = \"red\"\n",
            Path::new("x.toml"),
        )),
        &env,
    )
    .unwrap();
    assert_eq!(c.theme.name, cable_reader::config::theme::ThemeName::Mono);
    assert_eq!(c.theme.palette, Default::default());
}

#[test]
fn user_values_lie_over_the_defaults() {
    let env = Env {
        no_color: false,
        home: Some(PathBuf::from("/home/reader")),
    };
    let c = Config::from_text(
        Some((
            "corpus = [\"~/cables\", \"rel/dir\", \"/abs\"]\nmouse = false\ntheme = \"light\"\n[colors]\nsbu = \"#ff8800\"\n",
            Path::new("/etc/cr/config.toml"),
        )),
        &env,
    )
    .unwrap();
    assert_eq!(
        c.corpus,
        [
            PathBuf::from("/home/reader/cables"),
            PathBuf::from("/etc/cr/rel/dir"),
            PathBuf::from("/abs")
        ]
    );
    assert!(!c.mouse);
    assert_eq!(c.wheel_lines, 3, "left out: the default");
    assert_eq!(c.theme.name, cable_reader::config::theme::ThemeName::Light);
    assert_eq!(
        c.theme.palette.sbu,
        Some(ratatui::style::Color::Rgb(0xff, 0x88, 0))
    );
    assert_eq!(
        c.theme.palette.s,
        cable_reader::config::theme::Palette::of(cable_reader::config::theme::ThemeName::Light).s
    );
}

// ---------------------------------------------------------------- never a panic

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of plausible and implausible settings, to reach past the TOML parser.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("[keys]\n".to_string()),
            Just("[keys.reader]\n".to_string()),
            Just("[keys.bookmarks]\n".to_string()),
            Just("[colors]\n".to_string()),
            Just("[colors.markings]\n".to_string()),
            Just("\"S//NF\" = \"red\"\n".to_string()),
            Just("quit = [\"' '\"]\n".to_string()),
            Just("top = [\"g g g\"]\n".to_string()),
            Just("back = []\n".to_string()),
            Just("help = [\"'\", \"ctrl-\", \"shift-\", \"alt-ctrl-x\"]\n".to_string()),
            Just("theme = \"mono\"\n".to_string()),
            Just("corpus = [\"~\", \"\", \"~/x\"]\n".to_string()),
            Just("wheel_lines = 99999999999999999999\n".to_string()),
            Just("history_size = -1\n".to_string()),
            Just("sbu = 0x10\n".to_string()),
            "[a-z_]{1,12} = (\"[^\"\\\\]{0,6}\"|[0-9]{1,3}|true|\\[\\])\n",
            "[ -~\n]{0,12}",
        ]
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,200}") {
            let _ = Config::from_text(Some((&text, Path::new("c.toml"))), &Env::default());
        }

        #[test]
        fn any_mix_of_settings_is_read_or_refused(parts in prop::collection::vec(fragment(), 0..12)) {
            let text = parts.concat();
            if let Err(e) = Config::from_text(Some((&text, Path::new("c.toml"))), &Env::default()) {
                // Every problem names a place in the file.
                for p in &e.problems {
                    prop_assert!(p.line >= 1 && p.line <= text.lines().count() + 1, "{e}");
                    prop_assert!(p.column >= 1, "{e}");
                }
            }
        }

        #[test]
        fn any_state_file_is_loaded_or_set_aside(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("state.json"), &bytes).unwrap();
            let store = cable_reader::memory::Store::in_dir(dir.path());
            let (_, warning) = store.load();
            if warning.is_some() {
                let aside = std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| {
                    e.file_name().to_string_lossy().starts_with("state.json.corrupt-")
                });
                prop_assert!(aside);
            }
        }
    }
}

// ---------------------------------------------------------------- citation and clipboard

#[test]
fn citation_templates_and_clipboards_are_checked() {
    assert_error(
        "citation = \"{id} ¶{para}: {text}\"\n",
        "1:12: citation: unknown placeholder {para} (use {id}, {paragraph}, {marking}, {subject}, {date}, {source}, {url}, {text})",
    );
    assert_error(
        "citation = \"{id\"\n",
        "1:12: citation: \"{id\" is not closed by } (write {{ for a brace)",
    );
    assert_error(
        "clipboard = \"wl-copy\"\n",
        "1:13: clipboard: expected \"osc52\", a file like \"~/clip.txt\" or a command like [\"wl-copy\"], found \"wl-copy\"",
    );
    assert_error(
        "clipboard = []\n",
        "1:13: clipboard: expected \"osc52\", a file like \"~/clip.txt\" or a command like [\"wl-copy\"], found an empty list",
    );
    assert_error(
        "clipboard = [\"xclip\", 1]\n",
        "1:23: clipboard: expected a program or argument like \"wl-copy\", found an integer",
    );
    let (code, err, _) =
        check("clipboard = [\"xclip\", \"-sel\", \"c\"]\ncitation = \"{{{id}}}\"\n");
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

#[test]
fn a_clipboard_file_is_taken_from_the_config_folder_or_home() {
    let env = Env {
        no_color: false,
        home: Some(PathBuf::from("/home/u")),
    };
    let at = |text: &str| {
        Config::from_text(Some((text, Path::new("/etc/cr/config.toml"))), &env)
            .unwrap()
            .clipboard
    };
    use cable_reader::clipboard::Clipboard;
    assert_eq!(at(""), Clipboard::Osc52);
    assert_eq!(
        at("clipboard = \"~/clip.txt\""),
        Clipboard::File(PathBuf::from("/home/u/clip.txt"))
    );
    assert_eq!(
        at("clipboard = \"./clip.txt\""),
        Clipboard::File(PathBuf::from("/etc/cr/./clip.txt"))
    );
    assert_eq!(
        at("clipboard = [\"wl-copy\"]"),
        Clipboard::Command(vec!["wl-copy".into()])
    );
}

#[test]
fn show_para_cites_by_the_template() {
    let home = Home::new();
    let sample = common::repo_file("assets/samples/09USNATO595.txt");
    let args = ["show", "--para", "2", sample.to_str().unwrap()];
    // The default keeps the citation form.
    assert_eq!(
        stdout(&home.run(&args)),
        "09USNATO595 ¶2 (U): Text of written summary:\n"
    );
    home.write_config("citation = \"{text} ({id} ¶{¶} {marking}, {date}, {subject}) {url}\"\n");
    let o = home.run(&args);
    assert_eq!(
        stdout(&o),
        "Text of written summary: (09USNATO595 ¶2 (U), 2009-12-21, Nato-Russia: Secretary General's Trip to Moscow) https://wikileaks.org/cable/2009/12/09USNATO595.html#par2\n",
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------- markings

/// The `filter` setting, `--marking` and the reader's `:filter` accept and refuse the same
/// texts, with the same message.
#[test]
fn markings_are_read_alike_by_the_setting_the_command_line_and_the_reader() {
    use cable_reader::app::{Action, Keymap, State, dispatch};
    let good = [
        "SBU",
        "s/nf",
        "(C)",
        "U,SBU",
        "S//REL TO USA, FVEY",
        "S//REL TO USA, FVEY,SBU",
        "unmarked",
        "none",
        "C//REL NATO",
        "TS",
        "",
    ];
    let bad = [
        ("banana", "banana"),
        ("S//XYZ", "S//XYZ"),
        ("SBU,FOO", "FOO"),
        ("(", "("),
        ("U.S.", "U.S."),
        ("S//NF, 12", "12"),
    ];
    let file = common::corpus_file("wikileaks-html/00HARARE6677.html");
    let file = file.to_str().unwrap();
    let cases = good
        .iter()
        .map(|t| (*t, None))
        .chain(bad.iter().map(|(t, piece)| {
            let m = format!("not a marking: {piece:?} (try U, SBU, C, S//NF, unmarked)");
            (*t, Some(m))
        }));
    for (text, refused) in cases {
        assert_eq!(
            cable_reader::cable::parse_user_markings(text).err(),
            refused,
            "{text:?}"
        );
        // The setting, through `config check`.
        let (code, err, path) = check(&format!("filter = {text:?}\n"));
        match &refused {
            None => assert_eq!(code, Some(0), "{text:?}: {err}"),
            Some(m) => assert_eq!(
                err,
                format!("{}:1:10: filter: {m}\n", path.display()),
                "{text:?}"
            ),
        }
        // The command line.
        let home = Home::new();
        let o = home.run(&["list", "--marking", text, file]);
        match &refused {
            None => assert_ne!(o.status.code(), Some(2), "{text:?}: {}", stderr(&o)),
            Some(m) => {
                assert_eq!(o.status.code(), Some(2), "{text:?}");
                assert!(stderr(&o).contains(m.as_str()), "{text:?}: {}", stderr(&o));
            }
        }
        // The reader.
        let mut s = State::new(
            cable_reader::samples::load_samples(),
            Keymap::default_keymap(),
            120,
            40,
        );
        dispatch(&mut s, Action::SetFilter(text.to_string()));
        let said = s.message.clone().unwrap_or_default();
        match &refused {
            None => assert!(!said.starts_with("not a marking"), "{text:?}: {said}"),
            Some(m) => assert_eq!(&said, m, "{text:?}"),
        }
    }
}
