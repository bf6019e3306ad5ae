//! `:set`: settings changed while the reader runs, checked as `config check` checks them.

use super::*;

/// The colour of the focused pane's top-left corner (the accent colour).
fn accent(state: &State) -> Option<Color> {
    let t = terminal(state);
    let buf = t.backend().buffer();
    let area = buf.area;
    (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "┏")
        .map(|(x, y)| buf[(x, y)].fg)
}

#[test]
fn set_theme_recolours_the_frame_at_once() {
    let mut s = reader(120, 40);
    assert_eq!(accent(&s), Some(Color::Cyan));
    typing(&mut s, ":set theme=light<enter>");
    assert_eq!(accent(&s), Some(Color::Blue));
    assert_eq!(
        s.message.as_deref(),
        Some("theme=light (until quit; config.toml is unchanged)")
    );
    typing(&mut s, ":set theme?<enter>");
    assert_eq!(s.message.as_deref(), Some("theme=light"));
    typing(&mut s, ":set theme=mono<enter>");
    assert_eq!(accent(&s), Some(Color::Reset));
    // A colour over the theme, as `[colors]` gives it.
    typing(
        &mut s,
        ":set theme=dark<enter>:set colors.accent=#d75f00<enter>",
    );
    assert_eq!(accent(&s), Some(Color::Rgb(0xd7, 0x5f, 0x00)));
    typing(&mut s, ":set<enter>");
    assert_eq!(s.message.as_deref(), Some("colors.accent=#D75F00"));
}

#[test]
fn a_bad_value_is_refused_with_the_message_of_config_check() {
    let mut s = reader(120, 40);
    typing(&mut s, ":set theme=purple<enter>");
    let want = "theme: unknown theme \"purple\" (use \"dark\", \"light\" or \"mono\")";
    assert_eq!(s.message.as_deref(), Some(want));
    assert!(status(&s).contains(want), "{}", status(&s));
    assert_eq!(accent(&s), Some(Color::Cyan));
    // The same words as the file gets.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "theme = \"purple\"\n").unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let err = Config::from_text(Some((&text, &file)), &Env::default()).unwrap_err();
    assert!(err.to_string().ends_with(want), "{err}");

    for (typed, want) in [
        (
            "set wheel_lines=99",
            "wheel_lines: expected a whole number from 1 to 50, found 99",
        ),
        ("set mose", "mose: unknown setting, did you mean mouse?"),
        (
            "set citation={id} {nope}",
            "citation: unknown placeholder {nope} (use {id}, {paragraph}, {marking}, {subject}, {date}, {source}, {url}, {text})",
        ),
        (
            "set corpus=[\"~/cables\"]",
            "corpus: read when the reader starts; change it in config.toml",
        ),
        (
            "set keys.quit=x",
            "keys.quit: expected a list of key names like [\"q\"], found a string",
        ),
    ] {
        typing(&mut s, &format!(":{typed}<enter>"));
        assert_eq!(s.message.as_deref(), Some(want), "{typed}");
    }
}

#[test]
fn booleans_turn_on_off_and_flip() {
    let mut s = reader(120, 40);
    assert!(s.settings.mouse);
    typing(&mut s, ":set nomouse<enter>");
    assert!(!s.settings.mouse);
    typing(&mut s, ":set mouse?<enter>");
    assert_eq!(s.message.as_deref(), Some("nomouse"));
    typing(&mut s, ":set mouse!<enter>");
    assert!(s.settings.mouse);
    // The list pane, as `L` hides it; `:set` follows what `L` did.
    typing(&mut s, ":set noshow_list<enter>");
    assert!(!s.show_list);
    typing(&mut s, "L:set show_list?<enter>");
    assert_eq!(s.message.as_deref(), Some("show_list"));
    typing(&mut s, ":set fold_header<enter>");
    assert!(s.reader.header_folded);
    typing(
        &mut s,
        ":set wheel_lines=7<enter>:set nofold_header<enter>:set<enter>",
    );
    assert_eq!(s.message.as_deref(), Some("wheel_lines=7"));
    assert_eq!(s.settings.wheel_lines, 7);
}

#[test]
fn set_filter_and_keys_act_at_once() {
    let mut s = reader(120, 40);
    typing(&mut s, ":set filter=SBU<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("SBU"));
    typing(&mut s, ":set filter?<enter>");
    assert_eq!(s.message.as_deref(), Some("filter=\"SBU\""));
    typing(&mut s, ":set filter=<enter>");
    assert_eq!(s.filter_label(), None);
    typing(&mut s, ":set keys.quit=[\"x\"]<enter>");
    assert_eq!(typing(&mut s, "q"), []);
    assert_eq!(typing(&mut s, "x"), [Effect::Quit]);
}

#[test]
fn citation_and_clipboard_change_what_y_does() {
    let mut s = reader(120, 40);
    let dir = tempfile::tempdir().unwrap();
    let clip = dir.path().join("clip.txt");
    typing(
        &mut s,
        &format!(
            ":set clipboard={}<enter>:set citation={{id}} ¶{{¶}}<enter>:12<enter>",
            clip.display()
        ),
    );
    typing(&mut s, ":set citation?<enter>");
    assert_eq!(s.message.as_deref(), Some("citation={id} ¶{paragraph}"));
    assert_eq!(
        s.clipboard,
        cable_reader::clipboard::Clipboard::File(clip.clone())
    );
    let fx = typing(&mut s, "y");
    assert_eq!(fx, [Effect::Copy("09USNATO595 ¶12".into())]);
}

#[test]
fn tab_completes_a_setting_and_help_lists_set() {
    let mut s = reader(120, 40);
    typing(&mut s, ":set them<tab>=li<tab>");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "set theme=light");
    typing(&mut s, "<enter>");
    assert_eq!(accent(&s), Some(Color::Blue));
    typing(&mut s, "?");
    dispatch(&mut s, Action::Resize(120, 200));
    let text = screen(&s);
    // The example is wider than its column: what it does is on the line below.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(":set theme=light"))
        .expect("the example");
    assert!(
        lines[at + 1].contains("change a setting until quit"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains(":set ") && l.contains("list settings changed (never saved)")),
        "{text}"
    );
}
