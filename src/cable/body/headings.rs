//! Section headings: found at the end of a paragraph, moved to the paragraph they introduce.

use super::*;
use crate::cable::build::REDACTION;

/// Section headings found at the end of a paragraph (or of the preamble) are moved to the
/// paragraph they introduce.
pub(super) fn move_headings(split: &mut Split) {
    let preamble = split.preamble.join("\n");
    // Where the header items end, looked for only when a heading is found.
    let header_end = |lines: &[String]| -> usize {
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        lines[..header::header_end(&lines)]
            .iter()
            .map(|l| l.len() + 1)
            .sum()
    };
    if let Some(first) = split.paragraphs.first_mut()
        && first.number.is_some()
        && let Some((cut, heading)) = trailing_heading(&preamble)
            .filter(|(cut, heading)| !heading.is_empty() && *cut >= header_end(&split.preamble))
    {
        first.heading = Some(heading);
        let kept: Vec<String> = preamble[..cut]
            .trim_end()
            .lines()
            .map(str::to_string)
            .collect();
        split.preamble = kept;
    }
    for i in 1..split.paragraphs.len() {
        let (before, after) = split.paragraphs.split_at_mut(i);
        let prev = &mut before[i - 1];
        // A section heading may stand over a subsection's: up to three, top one first.
        let mut headings: Vec<String> = Vec::new();
        for _ in 0..3 {
            let Some((cut, heading)) = trailing_heading(&prev.text) else {
                break;
            };
            prev.text.truncate(cut);
            let t = prev.text.trim_end().len();
            prev.text.truncate(t);
            if !heading.is_empty() {
                headings.insert(0, heading);
            }
        }
        if !headings.is_empty() {
            after[0].heading = Some(headings.join("\n"));
        }
    }
}

/// A line of dashes, equals signs or underscores (`-----`, `- - -`).
pub(super) fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.bytes().all(|b| matches!(b, b'-' | b'=' | b'_' | b' '))
        && t.bytes().filter(|&b| b != b' ').count() >= 3
}

/// Lines that close a part of the text rather than open one.
pub(super) fn is_end_marker(upper: &str) -> bool {
    ["END ", "BEGIN ", "CONTINUED", "NNNN", "CLASSIFIED BY"]
        .iter()
        .any(|m| upper.starts_with(m))
}

/// A line that can be a heading on its own: short, not ending a sentence or clause, not a
/// list item, and written as headings are (capitals, `//Title//`, a portion marking first) or
/// standing alone after a finished sentence.
pub(super) fn heading_line(line: &str, after_sentence: bool) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 90 || ends_clause(t) {
        return false;
    }
    let upper = t.to_uppercase();
    if is_end_marker(&upper) || t.starts_with(['-', '*', '\u{2022}', '"']) || t.contains(REDACTION)
    {
        return false;
    }
    // `A.`, `1)`, `(a)` list items.
    let b = t.as_bytes();
    let lead = b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if (1..=2).contains(&lead)
        && matches!(b.get(lead), Some(b'.' | b')'))
        && b.get(lead + 1).is_none_or(|c| *c == b' ')
    {
        return false;
    }
    let t = t.trim_start_matches('.');
    if !t.chars().any(char::is_alphabetic) {
        return false;
    }
    if t.starts_with("//") && t.ends_with("//") {
        return true;
    }
    if let Some(rest) = t.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && matches!(parse_portion(&rest[..close]), Portion::Marking { .. })
    {
        return rest[close + 1..]
            .trim_start()
            .starts_with(char::is_uppercase);
    }
    if t.starts_with('(') {
        return false;
    }
    let capitals = !t.chars().any(char::is_lowercase);
    let words = t.split_whitespace().count();
    // A mixed-case line is a heading only when it reads as a title: no clause inside it.
    let title = after_sentence && words <= 10 && !t.contains([',', ';']) && !t.contains(". ");
    (capitals || title) && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// A line ending a sentence or a clause: never a heading.
fn ends_clause(t: &str) -> bool {
    t.ends_with(['.', ',', ';', ':'])
}

/// The heading a paragraph's text ends with: the byte offset where it starts and its text.
pub(super) fn trailing_heading(text: &str) -> Option<(usize, String)> {
    // Most paragraphs end on a finished clause: such a last line is neither a heading nor a
    // rule nor a note under one, so nothing below can find one (nor in a text left empty).
    let body = text.trim_end();
    let last = body[body.rfind('\n').map_or(0, |i| i + 1)..].trim();
    if body.is_empty() || ends_clause(last) {
        return None;
    }
    if let Some(found) = ruled_heading_with_note(text) {
        return Some(found);
    }
    // The last few lines with their offsets.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut end = text.trim_end().len();
    while lines.len() < 8 {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        lines.push((start, &text[start..end]));
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    lines.reverse();
    let blank = |k: usize| lines[k].1.trim().is_empty();
    let rule_or_blank = |k: usize| blank(k) || is_rule(lines[k].1);
    // Rules (and blank lines between them) below the heading.
    let mut k = lines.len();
    let mut ruled = false;
    while k > 0 && rule_or_blank(k - 1) {
        ruled |= is_rule(lines[k - 1].1);
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    let text_end = k;
    let last = lines[text_end - 1].1.trim();
    // A heading written on one line with its rules (`---- AAR TURNS UP THE HEAT ----`).
    if let Some(inner) = inline_ruled(last) {
        let start = lines[text_end - 1].0;
        return (!text[..start].trim().is_empty()).then(|| (start, tidy_heading(inner)));
    }
    // Above a rule: up to three lines set apart by a blank line or a rule; else one line.
    k = text_end - 1;
    let mut bounded = false;
    if ruled {
        let mut top = k;
        while top > 0 && text_end - top < 3 && !rule_or_blank(top - 1) {
            top -= 1;
        }
        if top > 0 && rule_or_blank(top - 1) {
            k = top;
            bounded = true;
        }
    }
    let mut start = k;
    while ruled && start > 0 && rule_or_blank(start - 1) {
        start -= 1;
    }
    let before = &text[..lines[start].0];
    let heading_lines = &lines[k..text_end];
    let prev_ends_sentence = finished_sentence(before.trim_end());
    let set_apart = blank(start.saturating_sub(1)) || prev_ends_sentence || ruled;
    let fits = |t: &str| !t.is_empty() && t.chars().count() <= 90;
    let count = heading_lines.len();
    let ok = !before.trim().is_empty()
        && set_apart
        && heading_lines.iter().enumerate().all(|(i, (_, l))| {
            let t = l.trim();
            if ruled && (bounded || count == 1) {
                fits(t)
                    && (i + 1 < count || !t.ends_with(','))
                    && t.split_whitespace().count() <= 14
            } else {
                heading_line(t, prev_ends_sentence)
            }
        });
    if ok {
        let heading = heading_lines
            .iter()
            .map(|(_, l)| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        return Some((lines[start].0, tidy_heading(&heading)));
    }
    // Edited text that lost the line end before a ruled heading: `... the two. Deep Divisions`.
    if ruled && heading_lines.len() == 1 {
        let line = heading_lines[0].1.trim_end();
        let cut = line.rfind(". ")? + 2;
        let tail = line[cut..].trim();
        if fits(tail)
            && tail.split_whitespace().count() <= 8
            && tail.starts_with(char::is_uppercase)
            && (tail.ends_with("...") || !tail.ends_with(['.', ',']))
        {
            let at = heading_lines[0].0 + (line.len() - line[cut..].len());
            return Some((at, tidy_heading(tail)));
        }
    }
    // A rule with no heading left: layout, not text.
    if ruled && text_end < lines.len() && !text[..lines[text_end].0].trim().is_empty() {
        return Some((lines[text_end].0, String::new()));
    }
    None
}

/// A ruled heading with a note in parentheses standing under it (`---- COOPERATION (K/1) ----`,
/// then `(INFORMATION FOR THE REPORT'S CLASSIFIED ANNEX)`): the note is the heading's.
fn ruled_heading_with_note(text: &str) -> Option<(usize, String)> {
    let body = text.trim_end();
    let at = body.rfind('\n')? + 1;
    let note = body[at..].trim();
    let is_note = note.starts_with('(')
        && note.ends_with(')')
        && note.chars().count() <= 90
        && !note.chars().any(char::is_lowercase)
        && !matches!(
            parse_portion(&note[1..note.len() - 1]),
            Portion::Marking { .. }
        );
    let above = body[..at].trim_end();
    let last_above = above.rsplit('\n').next().unwrap_or(above);
    if !is_note || !(is_rule(last_above) || inline_ruled(last_above.trim()).is_some()) {
        return None;
    }
    let (cut, heading) = trailing_heading(above)?;
    (!heading.is_empty()).then(|| (cut, format!("{heading} {note}")))
}

/// The text of a line that carries its own rules: `---- TITLE ----` or `TITLE -----`.
pub(super) fn inline_ruled(line: &str) -> Option<&str> {
    let inner = line.trim_end_matches(['-', '=', ' ']);
    let trailing = line[inner.len()..].bytes().filter(|&b| b != b' ').count();
    let core = inner.trim_start_matches(['-', '=']);
    let leading = inner.len() - core.len();
    let core = core.trim();
    (trailing >= 5
        && (leading >= 3 || leading == 0)
        && !core.is_empty()
        && core.chars().count() <= 80
        && !core.ends_with([',', ';']))
    .then_some(core)
}

/// A heading as shown: without rules and `//` around it.
pub(super) fn tidy_heading(heading: &str) -> String {
    let h = heading.trim().trim_end_matches(['-', '=', '_', ' ']).trim();
    h.strip_prefix("//")
        .and_then(|h| h.strip_suffix("//"))
        .map_or(h, str::trim)
        .to_string()
}

/// A line whose last sentence is complete: `.`, `:`, `;`, `?`, `!`, also inside closing quotes or
/// parentheses (`."`, `.)`); a possessive `authorities'` is not.
pub(super) fn finished_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
    t.ends_with(['.', ':', ';', '?', '!'])
}

#[cfg(test)]
mod heading_tests {
    use super::*;

    #[test]
    fn heading_forms() {
        let s = split(
            "1. (C) One ends here.\n\nTALKS IN KUWAIT\n\n2. (C) Two ends.\n\n(U) Demonstrations\n\n3. (U) Three.\n\nNot a heading, it goes on\n\n4. (U) Four.\n",
        );
        let heads: Vec<Option<&str>> = s.paragraphs.iter().map(|p| p.heading.as_deref()).collect();
        assert_eq!(
            heads,
            vec![
                None,
                Some("TALKS IN KUWAIT"),
                Some("(U) Demonstrations"),
                None
            ]
        );
        assert_eq!(s.paragraphs[0].text, "One ends here.");
        assert_eq!(s.paragraphs[2].text, "Three.\n\nNot a heading, it goes on");
    }

    #[test]
    fn markings_before_the_number() {
        let s = split("(C) 1. One.\n\n(S/NF) 2. Two.\n");
        let got: Vec<(Option<u32>, String)> = s
            .paragraphs
            .iter()
            .map(|p| (p.number, p.marking.as_ref().unwrap().to_string()))
            .collect();
        assert_eq!(got, vec![(Some(1), "C".into()), (Some(2), "S//NF".into())]);
        assert_eq!(s.paragraphs[1].text, "Two.");
    }
}
