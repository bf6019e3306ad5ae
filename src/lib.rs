//! cable-reader: read US diplomatic cables by numbered paragraph and portion marking.

pub mod allocator;
pub mod app;
pub mod cable;
pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod keys;
pub mod memory;
pub mod runtime;
pub mod samples;
pub mod sanitize;
pub mod store;
pub mod terminal;
pub mod text;
pub mod ui;
