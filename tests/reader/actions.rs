//! Actions on the model: jumps, filters, in-cable search, panes, mouse.

use super::*;

#[test]
fn jump_sets_the_current_paragraph() {
    let mut s = reader(120, 40);
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    dispatch(&mut s, Action::JumpTo(12));
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    // the last paragraph can be brought to the top too
    dispatch(&mut s, Action::JumpTo(19));
    assert_eq!(s.paragraph_position().unwrap(), "¶19/19");
    dispatch(&mut s, Action::JumpTo(40));
    assert_eq!(s.paragraph_position().unwrap(), "¶19/19");
    assert!(s.message.as_deref().unwrap().contains("No ¶40"));
}

#[test]
fn digits_in_the_paragraph_view_start_the_jump_prompt() {
    let mut s = reader(120, 40);
    typing(&mut s, "1");
    assert!(s.prompt.is_some());
    typing(&mut s, "7<enter>");
    assert!(s.prompt.is_none());
    assert_eq!(s.paragraph_position().unwrap(), "¶17/19");
}

#[test]
fn next_and_previous_paragraph() {
    let mut s = reader(120, 40);
    typing(&mut s, "]");
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    assert_eq!(s.reader.top, s.reader.doc.paragraph_line(0).unwrap());
    typing(&mut s, "]]");
    assert_eq!(s.paragraph_position().unwrap(), "¶3/19");
    typing(&mut s, "[");
    assert_eq!(s.paragraph_position().unwrap(), "¶2/19");
}

#[test]
fn back_returns_to_before_the_jump() {
    let mut s = reader(120, 40);
    typing(&mut s, ":5<enter>");
    let at5 = s.reader.top;
    typing(&mut s, ":12<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    typing(&mut s, "<c-o>");
    assert_eq!(s.reader.top, at5);
    assert_eq!(s.paragraph_position().unwrap(), "¶5/19");
    typing(&mut s, "''");
    assert_eq!(s.reader.top, 0);
    typing(&mut s, "''");
    assert_eq!(s.message.as_deref(), Some("No earlier place to go back to"));
    // an unbound key after a lone ' clears the pending key
    typing(&mut s, "'x");
    assert!(s.pending_keys.is_empty());
}

#[test]
fn back_after_opening_another_cable() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    let before = s.reader.top;
    typing(&mut s, "<s-tab>");
    assert_eq!(s.focus, Pane::List);
    typing(&mut s, "j<enter>");
    assert_eq!(s.open_cable().unwrap().id, "10RIYADH182");
    assert_eq!(s.focus, Pane::Reader);
    typing(&mut s, "<c-o>");
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.reader.top, before);
}

#[test]
fn filter_by_command_and_by_pane_share_state() {
    let mut s = reader(120, 40);
    typing(&mut s, ":filter SBU<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("SBU"));
    // only cables with an SBU paragraph are listed
    let ids: Vec<&str> = s
        .list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].id())
        .collect();
    assert_eq!(ids, ["09USNATO595", "08STATE116943"]);
    assert!(status(&s).contains("filter SBU"));
    // ¶1 and ¶2 are (U): hidden, and said so
    assert!(screen(&s).contains("⋯ 2 paragraphs hidden by filter (¶1–2)"));
    typing(&mut s, ":1<enter>");
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .contains("hidden by the filter")
    );

    // the pane shows the same state, and Space there changes it
    let sbu = s.markings.find("SBU").unwrap() as usize;
    let u = s.markings.find("U").unwrap() as usize;
    assert!(s.filter.enabled[sbu]);
    typing(&mut s, "<tab>");
    assert_eq!(s.focus, Pane::Filter);
    s.filter.cursor.selected = u;
    typing(&mut s, " ");
    assert_eq!(s.filter_label().as_deref(), Some("U,SBU"));
    typing(&mut s, ":filter<enter>");
    assert_eq!(s.filter_label(), None);
    assert_eq!(s.list.rows.len(), s.corpus.len());

    typing(&mut s, ":filter U,SBU<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("U,SBU"));
    typing(&mut s, ":filter TS<enter>");
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .contains("No paragraph is marked TS")
    );
    assert_eq!(s.filter_label().as_deref(), Some("U,SBU"));
    // markings with commas inside, and a level standing for all its markings
    typing(&mut s, ":filter S//REL TO USA, FVEY<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("S//REL TO USA, FVEY"));
    typing(&mut s, ":filter s<enter>");
    assert!(s.filter_label().unwrap().starts_with("S//"));
}

#[test]
fn filter_keeps_the_current_paragraph_in_view() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    typing(&mut s, ":filter SBU<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    typing(&mut s, ":filter U<enter>");
    // 12 is hidden now: the view sits on the run that hides it
    let text = screen(&s);
    let first_row = text
        .lines()
        .skip_while(|l| !l.contains('┏'))
        .nth(1)
        .unwrap();
    assert!(
        first_row.contains("⋯ 17 paragraphs hidden by filter (¶3–19)"),
        "{text}"
    );
}

#[test]
fn search_counts_highlights_and_steps() {
    let mut s = reader(120, 40);
    typing(&mut s, "/lavrov<enter>");
    let search = s.reader.search.clone().unwrap();
    assert_eq!(search.matches.len(), 14);
    assert!(status(&s).contains("/lavrov 1/14"), "{}", status(&s));
    typing(&mut s, "n");
    assert!(status(&s).contains("/lavrov 2/14"));
    typing(&mut s, "NN");
    assert!(status(&s).contains("/lavrov 14/14"));
    assert_eq!(s.message.as_deref(), Some("Search wrapped to the bottom"));
    // the current match is drawn highlighted
    let t = terminal(&s);
    let buf = t.backend().buffer();
    let hl = buf
        .content()
        .iter()
        .filter(|c| c.bg == Color::LightRed)
        .map(|c| c.symbol())
        .collect::<String>();
    assert_eq!(hl.to_lowercase(), "lavrov");
    // Esc clears it
    typing(&mut s, "<esc>");
    assert!(s.reader.search.is_none());
    assert!(!status(&s).contains("/lavrov"));
    // a phrase across a line break in the source
    typing(&mut s, "/secretary general rasmussen<enter>");
    assert_eq!(s.reader.search.as_ref().unwrap().matches.len(), 1);
    typing(&mut s, "/zzzz<enter>");
    assert_eq!(s.message.as_deref(), Some("Not found: zzzz"));
}

#[test]
fn search_reports_matches_the_filter_hides() {
    let mut s = reader(120, 40);
    typing(&mut s, ":filter U<enter>/lavrov<enter>");
    assert!(status(&s).contains("(+"), "{}", status(&s));
}

#[test]
fn focus_moves_between_panes() {
    let mut s = reader(120, 40);
    assert_eq!(s.focus, Pane::Reader);
    typing(&mut s, "<tab>");
    assert_eq!(s.focus, Pane::Filter);
    typing(&mut s, "<tab>");
    assert_eq!(s.focus, Pane::List);
    typing(&mut s, "<s-tab>");
    assert_eq!(s.focus, Pane::Filter);
    // j moves the filter cursor, not the text
    typing(&mut s, "j");
    assert_eq!(s.filter.cursor.selected, 1);
    assert_eq!(s.reader.top, 0);
    // a hidden list is skipped
    typing(&mut s, "L<tab><tab>");
    assert_eq!(s.focus, Pane::Filter);
}

#[test]
fn prompt_takes_every_key() {
    let mut s = reader(120, 40);
    assert_eq!(typing(&mut s, "/q?j<tab>G"), []);
    assert!(s.overlay.is_none());
    assert_eq!(s.prompt.as_ref().unwrap().text(), "q?j G");
    typing(&mut s, "<esc>");
    assert!(s.prompt.is_none());
    typing(&mut s, ":<bs>");
    assert!(s.prompt.is_none());
}

#[test]
fn esc_and_q_close_overlays_before_quitting() {
    let mut s = reader(120, 40);
    typing(&mut s, "?");
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    typing(&mut s, "j");
    assert_eq!(s.reader.top, 0);
    assert_eq!(typing(&mut s, "q"), []);
    assert!(s.overlay.is_none());
    typing(&mut s, "<f1><esc>");
    assert!(s.overlay.is_none());
    assert_eq!(typing(&mut s, "q"), [Effect::Quit]);
}

#[test]
fn moving_and_paging() {
    let mut s = reader(120, 40);
    typing(&mut s, "jjj");
    assert_eq!(s.reader.top, 3);
    typing(&mut s, "k");
    assert_eq!(s.reader.top, 2);
    let h = s.reader_height();
    typing(&mut s, " ");
    assert_eq!(s.reader.top, 2 + h - 1);
    typing(&mut s, "b");
    assert_eq!(s.reader.top, 2);
    typing(&mut s, "<c-d>");
    assert_eq!(s.reader.top, 2 + h / 2);
    typing(&mut s, "<c-u>");
    assert_eq!(s.reader.top, 2);
    // G shows the end with the screen full
    let fill = s.reader.doc.total_lines() - h;
    typing(&mut s, "G");
    assert_eq!(s.reader.top, fill);
    assert!(status(&s).contains("/19"));
    typing(&mut s, "jjj");
    assert_eq!(s.reader.top, fill);
    typing(&mut s, "g");
    assert_eq!(s.reader.top, 0);
    key(&mut s, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(s.reader.top, fill);
    key(&mut s, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(s.reader.top, 0);
    key(&mut s, KeyCode::Down, KeyModifiers::NONE);
    key(&mut s, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(s.reader.top, h);
    key(&mut s, KeyCode::PageUp, KeyModifiers::NONE);
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.reader.top, 0);
}

#[test]
fn header_folds_and_raw_text_shows() {
    let mut s = reader(120, 40);
    let before = s.reader.doc.total_lines();
    typing(&mut s, "h");
    assert!(s.reader.doc.total_lines() < before);
    assert!(screen(&s).contains("▸ 09USNATO595 · 2009-12-21 15:02 UTC"));
    typing(&mut s, "hr");
    assert!(screen(&s).contains("DE RUEHNO #0595/01 3551502"));
}

#[test]
fn resizing_keeps_the_current_paragraph() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>jjj");
    for (w, h) in [(60, 20), (200, 60), (45, 12), (120, 40)] {
        dispatch(&mut s, Action::Resize(w, h));
        assert_eq!(s.paragraph_position().unwrap(), "¶12/19", "at {w}x{h}");
    }
}

#[test]
fn narrow_terminals_fold_panes() {
    let mut s = reader(60, 20);
    let a = s.areas().unwrap();
    assert!(a.list.is_none() && a.filter.is_none() && a.reader.is_some());
    typing(&mut s, "<s-tab>");
    let a = s.areas().unwrap();
    assert!(a.list.is_some() && a.reader.is_none());
    assert!(screen(&s).contains("09USNATO595"));
    dispatch(&mut s, Action::Resize(20, 6));
    assert!(screen(&s).contains("too small"));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_focuses() {
    let mut s = reader(120, 40);
    let a = s.areas().unwrap();
    let r = a.reader.unwrap();
    let wheel = |row, column| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    handle_event(&mut s, wheel(r.y + 3, r.x + 3));
    assert_eq!(s.reader.top, 3);
    let l = a.list.unwrap();
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: l.x + 5,
        row: l.y + 3,
        modifiers: KeyModifiers::NONE,
    });
    handle_event(&mut s, click);
    assert_eq!(s.focus, Pane::List);
    assert_eq!(s.list.cursor.selected, 1);
    let f = a.filter.unwrap();
    handle_event(&mut s, wheel(f.y + 2, f.x + 2));
    assert_eq!(s.filter.cursor.selected, 3);
    assert_eq!(s.reader.top, 3);
}

#[test]
fn only_key_presses_count() {
    let s = reader(120, 40);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(key_action(&s, release), None);
}

#[test]
fn warnings_show_where_they_apply() {
    let report = LoadReport {
        cables: vec![small_cable("09TEST1")],
        errors: vec![("bad/file.txt".into(), "format not recognised".into())],
    };
    let mut s = State::new(report, Keymap::default_keymap(), 80, 30);
    let text = screen(&s);
    let lines: Vec<&str> = text.lines().collect();
    let para3 = lines
        .iter()
        .position(|l| l.contains("3. (C) Nothing"))
        .unwrap();
    assert!(lines[para3 + 1].contains("⚠ text may be missing here"));
    assert!(lines[para3 + 3].contains("⚠ numbering skips from 3 to 5"));
    assert!(lines[para3 + 4].contains("5. Closing words."));
    // load errors: counted in the status line, listed by E
    // said once at the start, then a standing note on the right
    let line = status(&s);
    assert!(
        line.contains(" 1 input failed to load: E lists them "),
        "{line}"
    );
    assert!(!line.contains("load error"), "{line}");
    typing(&mut s, "j");
    assert!(
        status(&s).ends_with(" 1 load error: E  ? help "),
        "{}",
        status(&s)
    );
    typing(&mut s, "E");
    let text = screen(&s);
    let at = text
        .lines()
        .position(|l| l.contains("bad/file.txt"))
        .unwrap();
    assert!(
        text.lines()
            .nth(at + 1)
            .unwrap()
            .contains("format not recognised")
    );
}

#[test]
fn badges_are_coloured_by_level() {
    let s = reader(120, 40);
    let t = terminal(&s);
    let buf = t.backend().buffer();
    let text = screen(&s);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("3. (SBU)"))
        .unwrap();
    let x = line.chars().position(|c| c == '(').unwrap() - 1; // the quote TestBackend adds
    let cell = &buf[(x as u16, y as u16)];
    assert_eq!(cell.symbol(), "(");
    assert_eq!(cell.bg, ui::level_color(Level::Sbu));
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("1. (U)"))
        .unwrap();
    let x = line.chars().position(|c| c == '(').unwrap() - 1;
    assert_eq!(buf[(x as u16, y as u16)].bg, ui::level_color(Level::U));
}

#[test]
fn nothing_loaded_does_not_panic() {
    let mut s = State::new(LoadReport::default(), Keymap::default_keymap(), 80, 24);
    for keys in [
        "jkgG<c-d><c-u>]][[ <tab><enter><tab> <tab>",
        ":12<enter>/x<enter>nN<c-o>''hrLE?<esc>",
    ] {
        typing(&mut s, keys);
    }
    assert!(screen(&s).contains("Nothing loaded"));
}

#[test]
fn every_bindable_action_on_every_sample_never_panics() {
    let mut s = reader(100, 30);
    for i in 0..s.corpus.len() {
        s.open(i);
        for a in cable_reader::keys::BINDABLE {
            if matches!(a.0, Command::Quit | Command::Suspend) {
                continue;
            }
            dispatch(&mut s, a.0);
            dispatch(&mut s, Command::Cancel);
            s.prompt = None;
            let _ = screen(&s);
        }
    }
}
