//! cable-reader: read US diplomatic cables by numbered paragraph and portion marking.

pub mod cable;
pub mod app;
