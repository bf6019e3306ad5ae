//! Help and the status line.

use super::*;

#[test]
fn help_is_never_cut_off() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut s = reader(w, h);
        let all = help_screens(&mut s);
        // Each description ends on screen, whole: its last two words side by side.
        for (_, _, what) in cable_reader::keys::command::BINDABLE {
            let words: Vec<&str> = what.split_whitespace().collect();
            let tail = words[words.len().saturating_sub(2)..].join(" ");
            let last = words.last().unwrap();
            assert!(
                all.contains(&tail) || all.contains(&format!("  {last}")),
                "{w}x{h}: {what}"
            );
        }
        assert!(all.contains("focus the pane, select the row"), "{w}x{h}");
    }
    let mut s = reader(120, 40);
    typing(&mut s, "?");
    let text = screen(&s);
    assert!(text.contains("sort the list: source, date,"), "{text}");
    assert!(text.contains("id, origin, class"), "{text}");
}

#[test]
fn the_status_line_says_one_thing_at_a_time() {
    let report = LoadReport {
        cables: vec![small_cable("09TEST1")],
        errors: vec![
            ("bad/a.txt".into(), "format not recognised".into()),
            ("bad/b.txt".into(), "format not recognised".into()),
        ],
    };
    let mut s = State::new(report, Keymap::default_keymap(), 80, 30);
    typing(&mut s, "j");
    assert!(status(&s).ends_with(" 2 load errors: E  ? help "));
    // While a message is shown it is the one note; it is cut short before the right-hand part.
    dispatch(&mut s, Action::Message("word ".repeat(30)));
    let line = status(&s);
    assert!(line.ends_with("…  ? help "), "{line}");
    assert!(!line.contains("load error"), "{line}");
    assert_eq!(cable_reader::text::str_width(&line), 80);
}

#[test]
fn a_bad_pattern_is_said_on_one_line() {
    let mut s = reader(120, 40);
    typing(&mut s, ":search (<enter>");
    assert_eq!(s.message.as_deref(), Some("Bad pattern (: unclosed group"));
}

#[test]
fn a_search_stays_with_its_cable() {
    let mut s = reader(120, 40);
    typing(&mut s, "/lavrov<enter>");
    assert!(status(&s).contains("/lavrov 1/14"));
    typing(&mut s, ":open 08STATE116943<enter>");
    assert!(s.reader.search.is_none());
    assert!(!status(&s).contains("/lavrov"), "{}", status(&s));
    assert!(
        status(&s).starts_with(" 08STATE116943 ¶1/"),
        "{}",
        status(&s)
    );
}
