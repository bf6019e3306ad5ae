//! The keys of less and vim.

use super::*;

#[test]
fn ctrl_f_and_ctrl_b_page_as_in_less() {
    let mut s = reader(120, 40);
    let h = s.reader_height();
    typing(&mut s, "<c-f>");
    assert!(s.prompt.is_none());
    assert_eq!(s.reader.top, h - 1);
    typing(&mut s, "<c-b>");
    assert_eq!(s.reader.top, 0);
    // the corpus search moved to F
    typing(&mut s, "F");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "search ");
}

#[test]
fn ctrl_l_repaints_even_over_help() {
    let mut s = reader(120, 40);
    assert_eq!(typing(&mut s, "<c-l>"), vec![Effect::Redraw]);
    typing(&mut s, "?");
    assert_eq!(typing(&mut s, "<c-l>"), vec![Effect::Redraw]);
    assert!(s.overlay.is_some());
}

#[test]
fn zz_and_the_quit_commands_quit() {
    for keys in ["ZZ", ":q<enter>", ":wq<enter>", ":x<enter>"] {
        let mut s = reader(120, 40);
        assert_eq!(typing(&mut s, keys), vec![Effect::Quit], "{keys}");
    }
    let mut s = reader(120, 40);
    typing(&mut s, "Z");
    assert!(status(&s).contains(" Z "));
}

#[test]
fn percent_jumps_through_the_cable() {
    let mut s = reader(120, 40);
    let total = s.reader.doc.total_lines();
    typing(&mut s, "50%");
    assert!(s.prompt.is_none());
    assert_eq!(s.reader.top, total / 2);
    typing(&mut s, "<c-o>");
    assert_eq!(s.reader.top, 0);
    typing(&mut s, ":25%<enter>");
    assert_eq!(s.reader.top, total / 4);
    typing(&mut s, "0%");
    assert_eq!(s.reader.top, 0);
    typing(&mut s, ":150%");
    assert_eq!(
        s.message.as_deref(),
        Some("150% is past the end: 0% to 100%")
    );
}

#[test]
fn ctrl_g_says_where_the_reader_is() {
    let mut s = reader(120, 40);
    typing(&mut s, "<c-g>");
    assert_eq!(
        s.message.as_deref(),
        Some("09USNATO595 · samples/09USNATO595.txt · ¶1/19 · 0%")
    );
    typing(&mut s, ":12<enter><c-g>");
    let total = s.reader.doc.total_lines();
    let want = format!(
        "09USNATO595 · samples/09USNATO595.txt · ¶12/19 · {}%",
        s.reader.top * 100 / total
    );
    assert_eq!(s.message.as_deref(), Some(want.as_str()));
    assert!(status(&s).contains(&want));
}
