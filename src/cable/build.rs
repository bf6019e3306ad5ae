//! From a format's [`RawCable`] to a decoded [`Cable`]: the rules shared by every format.

use super::formats::RawCable;
use super::model::Cable;

/// Decodes one raw cable. `source` is the path it came from.
pub fn build(raw: RawCable, source: &str) -> Cable {
    Cable {
        id: raw.id.unwrap_or_default(),
        format: raw.format,
        source: source.to_string(),
        record: raw.record,
        subject: raw.subject.unwrap_or_default(),
        origin: raw.origin.unwrap_or_default(),
        classification: raw.classification.unwrap_or_default(),
        references: raw.references,
        header: raw.header,
        preamble: raw.body,
        warnings: raw.warnings,
        ..Default::default()
    }
}
