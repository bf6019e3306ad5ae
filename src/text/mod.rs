//! Pure text: widths on a terminal, reflow and word wrap. Knows nothing of cables or screens.

pub mod reflow;
pub mod width;

pub use width::{char_width, digits, str_width, truncate};
