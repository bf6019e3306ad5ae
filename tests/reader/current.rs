//! The current paragraph.

use super::*;

#[test]
fn g_makes_the_last_paragraph_current_for_y_and_m() {
    let mut s = reader(120, 40);
    typing(&mut s, "G");
    assert_eq!(s.paragraph_position().unwrap(), "¶19/19");
    assert!(status(&s).contains("09USNATO595 ¶19/19"));
    let [Effect::Copy(text)] = &typing(&mut s, "y")[..] else {
        panic!("nothing copied")
    };
    assert_eq!(
        Some(text.clone()),
        cable_reader::cite::citation(s.open_cable().unwrap(), 18)
    );
    typing(&mut s, "m");
    assert_eq!(
        s.message.as_deref(),
        Some("Bookmarked 09USNATO595 ¶19 (B lists bookmarks)")
    );
    // Moving away makes the topmost paragraph current again.
    typing(&mut s, "k");
    assert_ne!(s.paragraph_position().unwrap(), "¶19/19");
}

#[test]
fn the_current_paragraph_is_marked_in_the_gutter() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    let area = state_reader_text_top(&s);
    let lines = s.current_lines().unwrap();
    let want: Vec<u16> = (0..lines.len() as u16).map(|k| area + k).collect();
    assert_eq!(marked_rows(&s), want);
    typing(&mut s, "G");
    let lines = s.current_lines().unwrap();
    let first = area + (lines.start - s.reader.top) as u16;
    let want: Vec<u16> = (first..first + lines.len() as u16).collect();
    assert_eq!(marked_rows(&s), want);
    assert!(!want.is_empty() && first > area);
}

#[test]
fn a_filter_on_and_off_keeps_the_place() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>:filter U<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("U"));
    typing(&mut s, ":filter<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    assert_eq!(s.reader.top, s.reader.doc.paragraph_line(11).unwrap());
    // Twice over, and through a second filter, the place is the one the reader left.
    typing(&mut s, ":filter U<enter>:filter C<enter>:filter<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    // Once the reader moves under the filter, that is the place kept.
    typing(&mut s, ":filter SBU<enter>]");
    assert_eq!(s.paragraph_position().unwrap(), "¶13/19");
    typing(&mut s, ":filter<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶13/19");
}
