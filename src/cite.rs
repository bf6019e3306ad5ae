//! The citation form of a paragraph, `09USNATO595 ¶12 (SBU): text`, shared by the reader's copy
//! key and `cable-reader show --para`, so both give the same text.

use crate::cable::Cable;

/// `09USNATO595 ¶12 (SBU): text` for paragraph index `index`: the marking as in the paragraph
/// view (`[C]` when inherited from an ENTIRE TEXT marking, the raw text when not understood,
/// nothing when unmarked), then the text with the teletype's line breaks joined and the breaks
/// that were meant (lists, blank lines) kept.
pub fn citation(cable: &Cable, index: usize) -> Option<String> {
    let p = cable.paragraphs.get(index)?;
    let id = if cable.id.is_empty() {
        "(no id)"
    } else {
        cable.id.as_str()
    };
    let marking = marking_label(cable, index)
        .map(|m| format!(" {m}"))
        .unwrap_or_default();
    Some(format!(
        "{id} ¶{}{marking}: {}",
        p.number.unwrap_or(0),
        crate::ui::reader::readable_text(cable, index)
    ))
}

/// The marking as cited: `(SBU)`, `[C]` when inherited, `(raw)` when not understood.
pub fn marking_label(cable: &Cable, index: usize) -> Option<String> {
    let p = cable.paragraphs.get(index)?;
    match (&p.marking, &p.marking_raw) {
        (Some(m), _) if p.inherited => Some(format!("[{m}]")),
        (Some(m), _) => Some(format!("({m})")),
        (None, Some(raw)) if !raw.trim().is_empty() => Some(format!("({})", raw.trim())),
        _ => None,
    }
}
