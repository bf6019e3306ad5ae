//! (to be written)

use super::{Extracted, LoadError};

pub fn extract(_bytes: &[u8]) -> Extracted {
    Extracted {
        errors: vec![LoadError::new("format not supported yet")],
        ..Default::default()
    }
}
