//! Line breaks given back to cable text that lost them: exports that collapsed every line end
//! into spaces (`... END SUMMARY  2.  ACCORDING ...`) or glued paragraphs together
//! (`... End summary.¶2. (C) ...`).
//!
//! Only paragraph starts and the header's line structure are restored: before the first
//! paragraph number a run of two or more spaces was a line end; from it on, each paragraph
//! number that stands where a paragraph can start begins a new paragraph. Which numbers really
//! are paragraphs is left to the paragraph splitter, as for any text.

use std::borrow::Cow;

/// The text with its breaks restored when it is collapsed; else as it is.
pub fn restore(text: &str) -> String {
    match restore_cow(text) {
        Cow::Borrowed(s) => s.to_string(),
        Cow::Owned(s) => s,
    }
}

fn restore_cow(text: &str) -> Cow<'_, str> {
    if !collapsed(text) {
        return Cow::Borrowed(text);
    }
    let starts = paragraph_starts(text);
    let head_end = starts.first().map_or(text.len(), |s| s.drop_from);
    let mut out = String::with_capacity(text.len() + 2 * starts.len() + 64);
    // The header: runs of two or more spaces were line ends.
    let mut spaces = 0;
    for c in text[..head_end].chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 2 {
            out.push('\n');
        } else if spaces == 1 {
            out.push(' ');
        }
        spaces = 0;
        out.push(c);
    }
    for (k, s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |n| n.drop_from);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        push_with_rules(&mut out, &text[s.at..end]);
    }
    Cow::Owned(out)
}

/// A paragraph's text; a rule of dashes in it (`HEADING  -----`) stands on its own line, and
/// so does the heading before it (back to the last double space).
fn push_with_rules(out: &mut String, text: &str) {
    let mut pos = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'-' || (i > 0 && b[i - 1] != b' ') {
            i += 1;
            continue;
        }
        let run = b[i..]
            .iter()
            .take_while(|&&c| c == b'-' || c == b' ')
            .count();
        let rule = text[i..i + run].trim_end();
        if rule.bytes().filter(|&c| c == b'-').count() < 5 {
            i += run.max(1);
            continue;
        }
        let before = &text[pos..i];
        let trimmed = before.trim_end();
        match trimmed.rfind("  ") {
            Some(h) => {
                out.push_str(trimmed[..h].trim_end());
                out.push('\n');
                out.push_str(trimmed[h..].trim());
            }
            None => out.push_str(trimmed),
        }
        out.push('\n');
        out.push_str(rule);
        out.push('\n');
        i += run;
        pos = i;
    }
    let rest = &text[pos..];
    if rest.trim().is_empty() {
        while out.ends_with('\n') {
            out.pop();
        }
    } else {
        out.push_str(rest);
    }
}

/// A text of some length with (almost) no line ends.
fn collapsed(text: &str) -> bool {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    text.len() > 400 && lines * 400 < text.len()
}

/// Where a paragraph number stands.
struct Start {
    /// The number's first digit.
    at: usize,
    /// Where the text before it ends (before the spaces or `¶` that precede the number).
    drop_from: usize,
}

/// Paragraph numbers (1 to 4 digits, a full stop, then a space or a marking) that stand after
/// two spaces, after a `¶`, or after a finished sentence when a marking follows the number.
fn paragraph_starts(text: &str) -> Vec<Start> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let number_ok = end - i <= 4 && b[i] != b'0';
        let after_dot =
            b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(|c| *c == b' ' || *c == b'(');
        if !(number_ok && after_dot) {
            i = end;
            continue;
        }
        let marking_follows = text[end + 1..].trim_start().starts_with('(');
        let before = &text[..i];
        let start = if i == 0 {
            None
        } else if let Some(p) = before.strip_suffix('¶') {
            Some(p.len())
        } else if before.ends_with("  ")
            || marking_follows
                && before.ends_with(' ')
                && before
                    .trim_end()
                    .ends_with(['.', ':', ';', '!', '?', '"', ')', '-'])
        {
            Some(before.trim_end().len())
        } else {
            None
        };
        if let Some(drop_from) = start {
            out.push(Start { at: i, drop_from });
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_text_gets_its_breaks() {
        let filler = "WORDS ".repeat(80);
        let text = format!(
            "UNCLAS NEW DELHI 007033  SIPDIS  E.O. 12958: N/A TAGS: PREL  1.  SUMMARY: {filler}ON AUGUST 6.  END SUMMARY  2.  ACCORDING TO 1.4 (B). Done.¶3. (C) Three. 4. (U) Four."
        );
        let got = restore(&text);
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(
            lines[..4],
            [
                "UNCLAS NEW DELHI 007033",
                "SIPDIS",
                "E.O. 12958: N/A TAGS: PREL",
                ""
            ]
        );
        assert!(lines[4].starts_with("1.  SUMMARY: WORDS"));
        assert!(lines[4].ends_with("ON AUGUST 6.  END SUMMARY"));
        assert_eq!(lines[6], "2.  ACCORDING TO 1.4 (B). Done.");
        assert_eq!(lines[8], "3. (C) Three.");
        assert_eq!(lines[10], "4. (U) Four.");
    }

    #[test]
    fn rules_and_headings_stand_alone() {
        let filler = "WORDS ".repeat(80);
        let text = format!(
            "UNCLAS X 000001  1.  (C) {filler}END SUMMARY  MILD REACTION ------------ --- 2.  (U) Two."
        );
        let got = restore(&text);
        assert!(
            got.ends_with("WORDS END SUMMARY\nMILD REACTION\n------------ ---\n\n2.  (U) Two."),
            "{got}"
        );
    }

    #[test]
    fn text_with_lines_is_left_alone() {
        let text = "UNCLAS\n\n1. (U) One.\n";
        assert_eq!(restore(text), text);
    }
}
