//! Splitting a cable's text into preamble, numbered paragraphs and closing.
