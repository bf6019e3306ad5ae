//! Teletype text made readable at any width: the lines broken only to fit the teletype are
//! joined, the breaks that were meant are kept, and the result is wrapped by words. Lines are
//! byte ranges of the source text, so highlights land exactly on wrapped text.

use std::ops::Range;

use super::width::char_width;
use super::width::str_width;

/// Splits a paragraph's text into lines that were meant as lines, joining the ones that were
/// only broken to fit the teletype's width. A break is kept before a blank line, an indented or
/// list-like line, or when the next word would have fit on the line it follows.
pub fn logical_lines(text: &str, first_prefix: usize, source_w: usize) -> Vec<Range<usize>> {
    let mut raw: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            raw.push(start..i);
            start = i + 1;
        }
    }
    raw.push(start..text.len());

    let mut out: Vec<Range<usize>> = Vec::new();
    let mut cur: Option<Range<usize>> = None;
    let mut prev_blank = false;
    for (n, r) in raw.iter().enumerate() {
        let line = &text[r.clone()];
        if line.trim().is_empty() {
            if let Some(c) = cur.take() {
                out.push(c);
            }
            if !prev_blank && !out.is_empty() {
                out.push(r.start..r.start);
            }
            prev_blank = true;
            continue;
        }
        prev_blank = false;
        match cur.take() {
            None => cur = Some(r.clone()),
            Some(c) => {
                let prev = text[raw[n - 1].clone()].trim_end();
                let prev_w = str_width(prev) + if n == 1 { first_prefix } else { 0 };
                let next_word = line.split_whitespace().next().map(str_width).unwrap_or(0);
                // Typed cables wrap raggedly, so only a clearly short line counts as meant.
                let slack = (source_w / 6).max(8);
                let hard = line.starts_with([' ', '\u{a0}'])
                    || (looks_like_list_item(line) && ends_clause(prev))
                    || is_table_row(prev)
                    || is_table_row(line)
                    || prev_w + 1 + next_word + slack <= source_w;
                if hard {
                    out.push(c);
                    cur = Some(r.clone());
                } else {
                    cur = Some(c.start..r.end);
                }
            }
        }
    }
    if let Some(c) = cur {
        out.push(c);
    }
    while out.last().is_some_and(|r| r.is_empty()) {
        out.pop();
    }
    out
}

/// A line that could end a sentence or introduce a list, so a list item may follow it; a dash
/// after anything else is more likely a dash inside a sentence.
fn ends_clause(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', ':', ';', '?', '!', ')', '"', '\''])
}

/// Columns set apart by runs of spaces.
fn is_table_row(line: &str) -> bool {
    line.trim().contains("   ")
}

fn looks_like_list_item(line: &str) -> bool {
    if line.starts_with(['-', '*', '•', '+', '=', '_']) || line.starts_with("o ") {
        return true;
    }
    // A. / 1) / (a) / iii. followed by a space
    let t = line.strip_prefix('(').unwrap_or(line);
    let tag: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if tag.is_empty() || tag.len() > 3 {
        return false;
    }
    let rest = &t[tag.len()..];
    (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(".) "))
        && (tag.len() == 1 || tag.chars().all(|c| c.is_ascii_digit()))
}

/// A soft line break right after a word's hyphen (`JURIS-\nDICTION`): the word goes on
/// without a space.
pub fn hyphen_join(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    i >= 2
        && b.get(i) == Some(&b'\n')
        && b[i - 1] == b'-'
        && b[i - 2].is_ascii_alphabetic()
        && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
}

fn width_at(s: &str, i: usize, c: char) -> usize {
    if hyphen_join(s, i) { 0 } else { char_width(c) }
}

/// Greedy word wrap of `text[range]`: the first line gets `first` columns, the rest `rest`.
/// Leading spaces are kept on the first line only; words wider than a line are cut.
pub fn wrap(text: &str, range: Range<usize>, first: usize, rest: usize) -> Vec<Range<usize>> {
    let first = first.max(1);
    let rest = rest.max(1);
    let s = text.get(range.clone()).unwrap_or("");
    let base = range.start;
    let mut out: Vec<Range<usize>> = Vec::new();
    // (start, end, width) of the visual line being filled, relative to `s`
    let mut cur: Option<(usize, usize, usize)> = None;
    let indent = s.len() - s.trim_start_matches(' ').len();

    let mut i = 0;
    let mut gap_w = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() && !hyphen_join(s, i) {
            gap_w += char_width(c);
            i += c.len_utf8();
            continue;
        }
        let ws = i;
        let mut ww = 0;
        while i < s.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() && !hyphen_join(s, i) {
                break;
            }
            ww += width_at(s, i, c);
            i += c.len_utf8();
        }
        let we = i;
        let avail = |out: &Vec<Range<usize>>| if out.is_empty() { first } else { rest };
        if let Some((ls, le, lw)) = cur {
            if lw + gap_w + ww <= avail(&out) {
                cur = Some((ls, we, lw + gap_w + ww));
                gap_w = 0;
                continue;
            }
            out.push(base + ls..base + le);
        }
        // The word starts a visual line.
        let (mut ls, mut lw) = if out.is_empty() && ws == indent && indent + ww <= first {
            (0, indent + ww)
        } else {
            (ws, ww)
        };
        if lw > avail(&out) {
            // Cut an over-long word into pieces that fit.
            let mut piece_start = ws;
            let mut w = 0;
            let mut j = ws;
            while j < we {
                let c = s[j..].chars().next().unwrap_or(' ');
                let cw = width_at(s, j, c);
                if w + cw > avail(&out) && j > piece_start {
                    out.push(base + piece_start..base + j);
                    piece_start = j;
                    w = 0;
                }
                w += cw;
                j += c.len_utf8();
            }
            ls = piece_start;
            lw = w;
        }
        cur = Some((ls, we, lw));
        gap_w = 0;
    }
    if let Some((ls, le, _)) = cur {
        out.push(base + ls..base + le);
    }
    if out.is_empty() {
        out.push(range.start..range.start);
    }
    out
}

/// Source text as shown: soft line breaks become spaces, or nothing after a hyphen.
pub fn shown(text: &str, a: usize, b: usize) -> String {
    let Some(slice) = text.get(a..b) else {
        return String::new();
    };
    if !slice.contains('\n') {
        return slice.to_string();
    }
    let mut out = String::with_capacity(slice.len());
    for (i, c) in slice.char_indices() {
        match c {
            '\n' if hyphen_join(text, a + i) => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole() {
        let t = "one two three four";
        let r = wrap(t, 0..t.len(), 8, 8);
        let got: Vec<&str> = r.into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["one two", "three", "four"]);
    }

    #[test]
    fn wrap_cuts_long_words_and_handles_tiny_widths() {
        let t = "abcdefghij";
        let got: Vec<&str> = wrap(t, 0..t.len(), 4, 4)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(got, ["abcd", "efgh", "ij"]);
        let got: Vec<&str> = wrap(t, 0..t.len(), 0, 0)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(got.len(), 10);
        assert_eq!(wrap("", 0..0, 5, 5), vec![0..0]);
    }

    #[test]
    fn wrap_wide_characters() {
        let t = "日本語の文章";
        let got: Vec<&str> = wrap(t, 0..t.len(), 4, 4)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(got, ["日本", "語の", "文章"]);
    }

    #[test]
    fn reflow_joins_teletype_lines_and_keeps_lists() {
        let text = "My visit to Moscow took place in a constructive and\nforward-looking atmosphere. I met with President Medvedev,\nPrime Minister Putin.\n-- first point\n-- second point";
        let lines = logical_lines(text, 9, 61);
        let got: Vec<&str> = lines.into_iter().map(|r| &text[r]).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].ends_with("Prime Minister Putin."));
        assert_eq!(got[1], "-- first point");
    }

    #[test]
    fn hyphenated_words_rejoin_without_a_space() {
        let t = "SEAS JURIS-\nDICTION NOW and follow-\n up";
        let got: Vec<String> = wrap(t, 0..t.len(), 40, 40)
            .into_iter()
            .map(|r| shown(t, r.start, r.end))
            .collect();
        assert_eq!(got, ["SEAS JURIS-DICTION NOW and follow-  up"]);
    }
}
