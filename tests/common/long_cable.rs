//! A cable of one very long paragraph, for the in-cable search that must cost a key the same
//! however many matches there are. The reader's tests and `benches/keys.rs` both use it.

use cable_reader::cable::{Cable, Paragraph};

/// A cable whose one paragraph has `lines` teletype lines, each with the word `the` twice.
pub fn long_paragraph_cable(lines: usize) -> Cable {
    let text: Vec<String> = (0..lines)
        .map(|n| format!("Line {n} of the long paragraph, which the reader wraps"))
        .collect();
    Cable {
        id: "09LONG1".into(),
        subject: "ONE LONG PARAGRAPH".into(),
        paragraphs: vec![Paragraph {
            number: Some(1),
            heading: None,
            marking_raw: None,
            marking: None,
            inherited: false,
            text: text.join("\n"),
        }],
        ..Cable::default()
    }
}
