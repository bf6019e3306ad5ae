//! Completing a cable id typed in the prompt (`:open 09USN` + Tab).

use crate::cable::Corpus;

/// The longest text every loaded id starting with `typed` (in any case) starts with, and how
/// many distinct ids those are; `None` when no id starts so.
pub fn complete_id(corpus: &Corpus, typed: &str) -> Option<(String, usize)> {
    let upper = typed.to_ascii_uppercase();
    let mut ids: Vec<&str> = corpus
        .cables
        .iter()
        .map(|c| c.id())
        .filter(|id| id.to_ascii_uppercase().starts_with(&upper))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let (first, last) = (ids.first()?, ids.last()?);
    // Sorted, so the first and last share what all share.
    let common = first
        .char_indices()
        .zip(last.chars())
        .find(|((_, a), b)| a != b)
        .map_or(first.len().min(last.len()), |((i, _), _)| i);
    Some((first[..common].to_string(), ids.len()))
}

/// The prompt's text after Tab: an `:open` argument completed, with a note when several ids
/// remain. `None` when the text is no `:open` or nothing completes it.
pub fn complete_line(corpus: &Corpus, line: &str) -> Option<(String, Option<String>)> {
    let (cmd, arg) = line.split_once(' ')?;
    if !matches!(cmd, "open" | "o" | "e") || arg.contains(' ') {
        return None;
    }
    let (done, n) = complete_id(corpus, arg)?;
    let note = (n > 1).then(|| format!("{n} cables start {done}"));
    Some((format!("{cmd} {done}"), note))
}
