//! The bookmark list: its cursor and which loaded cable each bookmark points at. The bookmarks
//! themselves are remembered between runs (`crate::memory`).

use super::cursor::Cursor;

/// The bookmark list while it is open: the bookmarks are `State::memory.bookmarks`, in order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BookmarkView {
    pub cursor: Cursor,
    /// For each bookmark, the loaded cable it points at.
    pub cables: Vec<Option<usize>>,
}

/// The first `n` words of `text`, on one line: how a bookmark recalls its paragraph.
pub fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s.push_str(" …");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_end_in_an_ellipsis_when_cut() {
        assert_eq!(first_words("one  two\nthree", 10), "one two three");
        assert_eq!(first_words("a b c d", 3), "a b c …");
        assert_eq!(first_words("", 3), "");
    }
}
