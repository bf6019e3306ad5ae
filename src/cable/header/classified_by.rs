//! The Classified By statement, up to where it ends.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A Classified By statement at the start of a paragraph's text (`CLASSIFIED BY DCM ROBERT S.
/// DEUTSCH; REASONS 1.5 (B) AND (D).`), up to where it ends.
pub fn classified_by_in(text: &str) -> Option<String> {
    let head = text.get(..text.len().min(400)).unwrap_or(text);
    let flat = collapse(head);
    let (field, rest) = key_of(&flat)?;
    if field != Field::ClassifiedBy {
        return None;
    }
    let statement = classification_statement(rest);
    // Without its reasons the statement ends with the sentence.
    let statement = if REASONS_END.is_match(rest) {
        statement
    } else {
        statement.split(". ").next().unwrap_or(statement)
    };
    (!statement.is_empty()).then(|| statement.to_string())
}

pub(super) static REASONS_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\breasons?\b[^0-9]{0,12}1\.\s?\d(?:\s*\(?\s*[a-h]\s*\)?(?:\s*(?:,|and|&|/)\s*\(?\s*[a-h]\s*\)?)*)?\s*\.?")
        .expect("valid regex")
});

/// A Classified By statement up to where it ends: after its reasons (`1.4 (b) and (d).`), so
/// that a redaction, a heading or ¶1 glued after it stay out.
pub fn classification_statement(value: &str) -> &str {
    let end = REASONS_END.find(value).map_or(value.len(), |m| m.end());
    value[..end].trim().trim_end_matches(['-', ';', ',']).trim()
}
