//! Settings and what the reader remembers.

use super::*;

#[test]
fn a_remapped_key_is_honoured() {
    let c =
        config("[keys]\nquit = [\"x\"]\nhelp = [\"q\"]\n[keys.reader]\nnext_paragraph = [\"J\"]\n");
    let mut s = reader_with(&c, Memory::default());
    typing(&mut s, "J");
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    assert_eq!(s.reader.top, s.reader.doc.paragraph_line(0).unwrap());
    // q now opens help; help lists the live keys
    typing(&mut s, "q");
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    // Tall enough for every key of help.
    dispatch(&mut s, Action::Resize(120, 60));
    let text = screen(&s);
    assert!(
        text.lines()
            .any(|l| l.contains("  x  ") && l.contains("close overlay, else quit")),
        "{text}"
    );
    assert_eq!(typing(&mut s, "<esc>x"), [Effect::Quit]);
}

#[test]
fn reopening_lands_where_the_reader_left() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    assert_eq!(typing(&mut s, "q"), [Effect::Quit]);
    assert_eq!(s.memory.positions.get("09USNATO595"), Some(&12));
    assert_eq!(
        s.memory.corpora.get("samples").map(String::as_str),
        Some("09USNATO595")
    );

    // Through the file, as between two runs.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_dir(dir.path().join("cable-reader"));
    store.save(&s.memory).unwrap();
    let (memory, warning) = store.load();
    assert_eq!(warning, None);
    let s = reader_with(&Config::default(), memory);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    assert!(status(&s).contains("09USNATO595 ¶12/19"), "{}", status(&s));
}

#[test]
fn the_last_cable_open_and_each_cables_place_are_remembered() {
    let mut s = reader(120, 40);
    typing(&mut s, ":5<enter>:open 10RIYADH182<enter>:3<enter>q");
    let memory = s.memory.clone();
    let mut s = reader_with(&Config::default(), memory);
    assert_eq!(s.open_cable().unwrap().id, "10RIYADH182");
    assert_eq!(s.paragraph_position().unwrap(), "¶3/10");
    typing(&mut s, ":open 09USNATO595<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶5/19");
    // Back at the top, the cable is forgotten (it opens at its header).
    typing(&mut s, "g");
    assert_eq!(s.memory.positions.get("09USNATO595"), None);
    // With remember_position off, nothing is restored.
    let c = config("remember_position = false\n");
    let s = reader_with(&c, s.memory.clone());
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.reader.top, 0);
}

#[test]
fn a_corrupt_state_file_is_set_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_dir(dir.path());
    std::fs::write(
        dir.path().join("state.json"),
        b"{\"positions\": {\"x\": \"twelve\"",
    )
    .unwrap();
    let (memory, warning) = store.load();
    assert_eq!(memory, Memory::default());
    let warning = warning.unwrap();
    // Set aside under a name with the time: state.json.corrupt-YYYYMMDDTHHMMSSZ.
    let said = "Saved state was unreadable, set aside as ";
    let end = warning.find(" (not valid state: ").expect("the reason");
    let aside = std::path::PathBuf::from(&warning[said.len()..end]);
    let name = aside.file_name().unwrap().to_string_lossy().into_owned();
    assert!(warning.starts_with(said), "{warning}");
    assert_eq!(aside.parent(), Some(dir.path()));
    assert!(
        name.starts_with("state.json.corrupt-") && name.len() == 35,
        "{name}"
    );
    assert!(aside.exists() && !dir.path().join("state.json").exists());
    // The reader starts afresh and says so in the status line.
    let mut s = reader_with(&Config::default(), memory);
    s.warn(warning);
    assert!(
        status(&s).contains("Saved state was unreadable, set aside as"),
        "{}",
        status(&s)
    );
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    // Binary garbage too.
    std::fs::write(dir.path().join("state.json"), [0xff, 0, 0x1b, b'[']).unwrap();
    assert!(store.load().1.is_some());
}

#[test]
fn an_unwritable_state_folder_costs_only_the_memory() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that cannot be made, whoever runs the test: its parent is a file.
    std::fs::write(dir.path().join("file"), b"").unwrap();
    let store = Store::in_dir(dir.path().join("file/cable-reader"));
    let warning = store.check_writable().unwrap();
    assert!(
        warning.starts_with("Cannot save bookmarks and places in "),
        "{warning}"
    );
    assert!(warning.ends_with("; reading goes on"), "{warning}");
    assert!(store.save(&Memory::default()).is_err());
    assert_eq!(store.load(), (Memory::default(), None));
}

#[test]
fn bookmarks_are_listed_across_cables_and_opened() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>m");
    assert_eq!(
        s.message.as_deref(),
        Some("Bookmarked 09USNATO595 ¶12 (B lists bookmarks)")
    );
    typing(&mut s, ":open 08STATE116943<enter>:7<enter>m");
    assert_eq!(s.memory.bookmarks.len(), 2);
    let b = &s.memory.bookmarks[0];
    assert_eq!((b.id.as_str(), b.paragraph), ("08STATE116943", 7));
    typing(&mut s, "B");
    assert_eq!(s.overlay, Some(Overlay::Bookmarks));
    let text = screen(&s);
    assert!(text.contains("Bookmarks 2"), "{text}");
    assert!(
        text.contains("09USNATO595   ¶12  (SBU) All interlocutors asked NATO to consider positively CSTO's request for …"),
        "{text}"
    );
    // The bookmark at the current paragraph is selected; j moves to the next one; Enter opens it.
    assert_eq!(s.bookmarks.cursor.selected, 0);
    typing(&mut s, "j<enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    // back returns to before the jump
    typing(&mut s, "<c-o>");
    assert_eq!(s.open_cable().unwrap().id, "08STATE116943");
    // m again removes it; d removes in the list
    typing(&mut s, "m");
    assert_eq!(
        s.message.as_deref(),
        Some("Bookmark removed: 08STATE116943 ¶7")
    );
    typing(&mut s, "Bd");
    assert!(s.memory.bookmarks.is_empty());
    assert!(screen(&s).contains("No bookmarks yet: m bookmarks"));
    typing(&mut s, "<esc>");
    assert_eq!(s.overlay, None);
}

#[test]
fn a_bookmark_in_a_cable_not_loaded_says_so() {
    let mut memory = Memory::default();
    memory.bookmarks.push(cable_reader::memory::Bookmark {
        cable: "99NOWHERE1".into(),
        id: "99NOWHERE1".into(),
        paragraph: 3,
        marking: Some("(C)".into()),
        words: "Words of a cable elsewhere".into(),
    });
    let mut s = reader_with(&Config::default(), memory);
    typing(&mut s, "B");
    assert!(screen(&s).contains("99NOWHERE1 ¶3  (C) Words of a cable elsewhere  (not loaded)"));
    typing(&mut s, "<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("99NOWHERE1 is not among the cables loaded now")
    );
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
}

#[test]
fn copy_gives_the_paragraph_with_its_citation() {
    let mut s = reader(120, 40);
    let [Effect::Copy(text)] = &typing(&mut s, ":12<enter>y")[..] else {
        panic!("nothing copied")
    };
    assert!(
        text.starts_with("09USNATO595 ¶12 (SBU): All interlocutors asked NATO to consider positively CSTO's request for establishing formal relations with NATO, and referred"),
        "{text}"
    );
    assert!(
        text.ends_with("broader inclusion of China and India."),
        "{text}"
    );
    assert!(!text.contains('\n'));
    assert_eq!(
        Some(text.clone()),
        cable_reader::cite::citation(s.open_cable().unwrap(), 11)
    );
    assert!(
        status(&s).contains("Copied 09USNATO595 ¶12 with its citation"),
        "{}",
        status(&s)
    );
    // The CLI prints exactly the same text.
    let out = common::Home::new().run(&[
        "show",
        "--id",
        "09USNATO595",
        "--para",
        "12",
        &common::repo_file("assets/samples/09USNATO595.txt").to_string_lossy(),
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{text}\n"));
    // An inherited marking is cited in brackets, none when unmarked.
    let report = LoadReport {
        cables: vec![small_cable("09TEST1")],
        errors: Vec::new(),
    };
    let c = &report.cables[0];
    assert_eq!(
        cable_reader::cite::citation(c, 3).unwrap(),
        "09TEST1 ¶5: Closing words."
    );
}

#[test]
fn the_prompt_remembers_what_was_typed() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>:filter SBU<enter>/lavrov<enter>");
    assert_eq!(s.memory.command_history, ["12", "filter SBU"]);
    assert_eq!(s.memory.search_history, ["lavrov"]);
    typing(&mut s, ":fil");
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "filter SBU");
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "12");
    key(&mut s, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "filter SBU");
    key(&mut s, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(
        s.prompt.as_ref().unwrap().text(),
        "fil",
        "the draft comes back"
    );
    typing(&mut s, "<esc>/");
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "lavrov");
    // Repeats move to the end; the size is capped by history_size.
    let c = config("history_size = 2\n");
    let mut s = reader_with(&c, Memory::default());
    typing(&mut s, ":1<enter>:2<enter>:1<enter>:3<enter>");
    assert_eq!(s.memory.command_history, ["1", "3"]);
}

#[test]
fn settings_shape_the_start() {
    let c = config("filter = \"SBU\"\nshow_list = false\nfold_header = true\nmouse = false\n");
    let mut s = reader_with(&c, Memory::default());
    assert_eq!(s.filter_label().as_deref(), Some("SBU"));
    assert!(!s.show_list && s.reader.header_folded);
    // The first cable the filter leaves is open, at its first SBU paragraph's place.
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    handle_event(&mut s, wheel);
    assert_eq!(s.reader.top, 0, "mouse off: the wheel does nothing");
    // A filter naming no marking present is reported, not fatal.
    let c = config("filter = \"TS\"\n");
    let s = reader_with(&c, Memory::default());
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .starts_with("Filter from the settings: No paragraph is marked TS"),
        "{:?}",
        s.message
    );
}

#[test]
fn mono_shows_no_colour_and_still_shows_state() {
    let env = Env {
        no_color: true,
        home: None,
    };
    let c = Config::from_text(None, &env).unwrap();
    let mut s = reader_with(&c, Memory::default());
    typing(&mut s, "/lavrov<enter><s-tab>");
    let t = terminal(&s);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    use ratatui::style::Modifier;
    // the list's selected row is reversed, the current match reversed and bold
    let reversed: usize = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 100, "{reversed}");
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::UNDERLINED)),
        "other matches are underlined"
    );
}

#[test]
fn a_cited_cable_opens_at_its_paragraph_whatever_the_settings_remember() {
    let cited = |text: &str| cable_reader::cable::citation::parse(text, None).unwrap();
    let c = config("remember_position = false\n");
    // Cables already loaded: it opens at once.
    let mut s = reader_with(&c, Memory::default());
    s.open_cited(cited("10RIYADH182:4"));
    assert_eq!(s.open_cable().unwrap().id, "10RIYADH182");
    assert_eq!(s.paragraph_position().unwrap(), "¶4/10");
    // A paragraph the cable does not have: said as `:N` says it.
    s.open_cited(cited("10RIYADH182:40"));
    assert_eq!(
        s.message.as_deref(),
        Some("No ¶40 in 10RIYADH182: its paragraphs are numbered 1–10")
    );
    // A cable not in the corpus: said, and the open cable stays.
    s.open_cited(cited("09XYZ1:3"));
    assert_eq!(
        s.message.as_deref(),
        Some("09XYZ1 is not among the cables indexed")
    );
    assert_eq!(s.open_cable().unwrap().id, "10RIYADH182");

    // While indexing: the status line says it is awaited, and it opens when it arrives.
    let paths = vec![common::corpus()];
    let mut s = State::indexing(paths.clone(), &c, Memory::default(), "c".into(), 120, 40);
    s.open_cited(cited("85BEIRUT1014:3"));
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    cable_reader::cable::index::index_with(&paths, LoadOptionsDefault::get(), &cancel, |e| {
        events.push(e)
    });
    let mut events = events.into_iter();
    use cable_reader::app::action::Shared;
    dispatch(&mut s, Action::Indexed(Shared::new(events.next().unwrap())));
    assert!(
        status(&s).contains("85BEIRUT1014 opens once indexed"),
        "{}",
        status(&s)
    );
    for e in events {
        dispatch(&mut s, Action::Indexed(Shared::new(e)));
    }
    assert_eq!(s.open_cable().unwrap().id, "85BEIRUT1014");
    assert_eq!(s.paragraph_position().unwrap(), "¶3/7");
    let status = status(&s);
    assert!(!status.contains("opens once indexed"), "{status}");
    assert!(!status.contains("not among"), "{status}");
    // A citation read as another id's form finds the cable by the form the files use.
    s.open_cited(cited("1974 ATHENS 2959 ¶2"));
    assert_eq!(s.open_cable().unwrap().id, "1974ATHENS02959");
    assert_eq!(s.paragraph_position().unwrap(), "¶2/2");
}
