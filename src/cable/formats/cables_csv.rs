//! (to be written)

use super::{Extracted, LoadError};

pub fn extract(_bytes: &[u8]) -> Extracted {
    Extracted {
        errors: vec![LoadError::new("format not supported yet")],
        ..Default::default()
    }
}

/// True when the bytes (leading whitespace removed) start like a `cables.csv` file.
pub fn looks_like(b: &[u8]) -> bool {
    b.starts_with(b"\"")
}
