//! Splitting a cable's text into preamble, numbered paragraphs and closing.
//!
//! Paragraph numbers are found as candidates (`N.` at a line start) and then the most plausible
//! increasing sequence is chosen among them, so that a wrapped `2005.` split into `200` / `5.`, or
//! a numbered list inside a paragraph, does not start a paragraph. The choice only looks back a
//! bounded number of candidates, which keeps the cost linear in the text's length.

use std::sync::LazyLock;

use regex::Regex;

use super::header;
use super::marking::{Marking, Portion, parse_portion, strip_entire_text};
use super::model::{Paragraph, Warning};

/// The parts of a cable's text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Split {
    /// Lines before the first paragraph (banner, captions, TAGS, SUBJECT, REF ...).
    pub preamble: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub closing: String,
    pub warnings: Vec<Warning>,
    /// The whole-text marking found in a paragraph (`C - ENTIRE TEXT`), if any.
    pub entire: Option<Marking>,
}

/// One line kept after page breaks and repeated banners are removed.
#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    /// A blank line or a removed page break stands right before it.
    gap_before: bool,
}

/// A line that may start a paragraph.
#[derive(Debug)]
struct Candidate {
    line: usize,
    number: u32,
    weight: i32,
    marked: bool,
}

/// How far back the sequence search looks; bounds the work per candidate.
const WINDOW: usize = 64;
/// The largest jump in numbering still taken as a paragraph (with a warning); redacted or
/// template cables jump from 3 to 15.
const MAX_GAP: u32 = 40;
/// The cost of a jump in numbering, whatever its size: a jump is rare but real.
const GAP_PENALTY: i32 = 3;
/// The cost of numbering that starts above 1.
const START_PENALTY: i32 = 5;

/// Removes page-break lines, teletype page headers and repeated banners; the text runs on.
fn clean_lines(text: &str) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::with_capacity(text.len() / 48);
    let mut gap = false;
    let mut after_break = false;
    let mut seen_paragraph = false;
    for raw in lines(text) {
        let t = raw.trim_end();
        if t.is_empty() {
            if !after_break {
                gap = true;
            }
            continue;
        }
        let noise = header::is_page_break(t)
            || (seen_paragraph && is_repeated_banner(t))
            || (t.ends_with("NNNN") && t.trim() == "NNNN");
        if noise {
            // Within paragraphs, blank lines around a break are layout, not text: drop them,
            // so the text runs on. Before the first paragraph they still end header fields.
            if seen_paragraph {
                while out.last().is_some_and(|l: &Line| l.text.trim().is_empty()) {
                    out.pop();
                }
                after_break = true;
                gap = false;
            } else {
                gap = true;
            }
            continue;
        }
        if gap && !out.is_empty() {
            out.push(Line {
                text: "",
                gap_before: false,
            });
        }
        if !seen_paragraph && candidate_number(t).is_some_and(|(n, _)| n < 1000) {
            seen_paragraph = true;
        }
        out.push(Line {
            text: t,
            gap_before: gap || after_break || out.is_empty(),
        });
        gap = false;
        after_break = false;
    }
    out
}

/// `str::lines` with a vectorised search for line ends: split at `\n`, one `\r` before it
/// dropped, no empty line after a final line end.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let Some(end) = ends.next() else {
            // The last line, without a line end: a CR at its end stays.
            let line = &text[start..];
            start = text.len();
            return Some(line);
        };
        let line = &text[start..end];
        start = end + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// A banner line repeated at a page or section start (`CONFIDENTIAL`, `UNCLAS SECTION 02 OF 03 ...`).
fn is_repeated_banner(line: &str) -> bool {
    // Banners start with a capital: skip the trimming for the other lines.
    if line
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !header::is_space(*b) && !b.is_ascii_uppercase())
    {
        return false;
    }
    match header::banner(line.trim()) {
        Some((_, tail)) => {
            tail.is_empty() || tail.starts_with("SECTION") || header::post_serial(&tail).is_some()
        }
        None => false,
    }
}

/// `N.` at a line start (after an optional `¶`): the number and the rest of the line.
fn candidate_number(line: &str) -> Option<(u32, &str)> {
    candidate(line).map(|c| (c.0, c.1))
}

/// [`candidate_number`], also for a marking written before the number (`(C) 1. Text`): then the
/// marking's inside comes third, to be read as if it followed the number.
fn candidate(line: &str) -> Option<(u32, &str, Option<&str>)> {
    // A line that starts with an ASCII letter or sign is no candidate: most lines end here.
    if line
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !header::is_space(*b) && !b.is_ascii_digit() && *b != b'(')
    {
        return None;
    }
    let t = line.trim_start();
    let t = t.strip_prefix('¶').map(str::trim_start).unwrap_or(t);
    let (before, t) = match t.strip_prefix('(') {
        Some(inner) => {
            let close = inner.find(')').filter(|&c| c <= 40)?;
            let marking = &inner[..close];
            // A number must follow; checked before the marking is parsed.
            if !inner[close + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
                || !matches!(parse_portion(marking), Portion::Marking { .. })
            {
                return None;
            }
            (Some(marking), inner[close + 1..].trim_start())
        }
        None => (None, t),
    };
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let number: u32 = t[..digits].parse().ok()?;
    let after = &t[digits..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let rest = after.strip_prefix('.')?;
    if rest.is_empty() {
        return Some((number, "", before));
    }
    let first = rest.chars().next()?;
    if first.is_whitespace() || first == '(' {
        Some((number, rest.trim_start(), before))
    } else {
        None
    }
}

/// The text a candidate's paragraph starts with: its rest, a marking written before the number
/// put back in front.
fn push_start(out: &mut String, line: &str) {
    match candidate(line) {
        Some((_, rest, Some(marking))) => {
            out.push('(');
            out.push_str(marking);
            out.push_str(") ");
            out.push_str(rest);
        }
        Some((_, rest, None)) => out.push_str(rest),
        None => {}
    }
}

/// The marking that opens a paragraph's text, if any.
struct Lead<'a> {
    marking: Option<Marking>,
    raw: Option<String>,
    entire: bool,
    unknown: bool,
    text: &'a str,
}

static ENTIRE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?((?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE|LOU|TS|C|S|U)(?:\s*/\s*NOFORN|\s*/\s*NF|\s+NOFORN)?\s*-?\s*ENTIRE TEXT)\)?\.?\s*")
        .expect("valid regex")
});

fn lead(rest: &str) -> Lead<'_> {
    let none = Lead {
        marking: None,
        raw: None,
        entire: false,
        unknown: false,
        text: rest,
    };
    if let Some(inner_end) = rest
        .strip_prefix('(')
        .and_then(|r| {
            r.char_indices()
                .take(90)
                .find(|&(_, c)| c == ')' || c == '(')
        })
        .filter(|&(_, c)| c == ')')
        .map(|(i, _)| i + 1)
    {
        let inner = &rest[1..inner_end];
        let after = rest[inner_end + 1..].trim_start();
        // A long release list may wrap onto the next line.
        let joined;
        let inner = if inner.contains('\n') {
            joined = inner.split_whitespace().collect::<Vec<_>>().join(" ");
            joined.as_str()
        } else {
            inner
        };
        return match parse_portion(inner) {
            Portion::Marking { marking, entire } => {
                let head = &after.as_bytes()[..after.len().min(16)];
                let entire_after = if head.is_ascii() {
                    // The first 16 characters are these bytes: compare without copying.
                    let start = head
                        .iter()
                        .position(|&b| b != b'-' && b != b' ')
                        .unwrap_or(head.len());
                    head[start..]
                        .get(..11)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"ENTIRE TEXT"))
                } else {
                    let upper_after: String =
                        after.chars().take(16).collect::<String>().to_uppercase();
                    upper_after
                        .trim_start_matches(['-', ' '])
                        .starts_with("ENTIRE TEXT")
                };
                Lead {
                    marking: Some(marking),
                    raw: Some(inner.to_string()),
                    entire: entire || entire_after,
                    unknown: false,
                    text: after,
                }
            }
            Portion::Unknown => Lead {
                marking: None,
                raw: Some(inner.to_string()),
                entire: false,
                unknown: true,
                text: after,
            },
            Portion::NotMarking => none,
        };
    }
    // The regex needs a level word at the start and ENTIRE TEXT after it: check both cheaply.
    let level_start = rest
        .strip_prefix('(')
        .unwrap_or(rest)
        .starts_with(['T', 'S', 'C', 'U', 'L']);
    if level_start
        && memchr::memmem::find(rest.as_bytes(), b"ENTIRE TEXT").is_some()
        && let Some(m) = ENTIRE_LEAD.captures(rest)
    {
        let raw = m.get(1).map_or("", |g| g.as_str());
        let upper = raw.to_uppercase();
        let (level_text, _) = strip_entire_text(&upper);
        let level_text = level_text.replace(" NOFORN", "/NF");
        if let Some(marking) = Marking::parse(&level_text) {
            let end = m.get(0).map_or(0, |g| g.end());
            return Lead {
                marking: Some(marking),
                raw: Some(raw.to_string()),
                entire: true,
                unknown: false,
                text: &rest[end..],
            };
        }
    }
    none
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', ':', ';', '?', '!', '"', '\'', ')'])
}

/// Splits the text that follows the routing header.
pub fn split(text: &str) -> Split {
    let lines = clean_lines(text);
    let cands = candidates(&lines);
    let chosen = choose_sequence(&cands);
    build_paragraphs(&lines, &cands, &chosen, Texts::All)
}

/// The same split as [`split`], paragraph by paragraph, without the paragraphs' texts: numbers,
/// markings (`text` left empty), preamble, whole-text marking and the numbering warnings. What
/// an index needs, at a fraction of the cost.
///
/// The preamble's lines are returned beside it, borrowed from `text` (`Split::preamble` stays
/// empty): they are only read.
pub fn split_markings(text: &str) -> (Split, Vec<&str>) {
    let lines = clean_lines(text);
    let cands = candidates(&lines);
    let chosen = choose_sequence(&cands);
    let split = build_paragraphs(&lines, &cands, &chosen, Texts::First);
    (split, preamble_of(&lines, &cands, &chosen))
}

/// The same split as [`split`], with the texts only of the paragraphs whose raw text (before
/// trimming and before the signature is cut off the last one) passes `keep`; the others' texts
/// are left empty. No missing-text warnings. For a search whose every match holds a literal:
/// a paragraph without it cannot match.
/// The preamble's lines are returned beside it, as by [`split_markings`].
pub fn split_matching<'a>(text: &'a str, keep: &dyn Fn(&str) -> bool) -> (Split, Vec<&'a str>) {
    let lines = clean_lines(text);
    let cands = candidates(&lines);
    let chosen = choose_sequence(&cands);
    let split = build_paragraphs(&lines, &cands, &chosen, Texts::Matching(keep));
    (split, preamble_of(&lines, &cands, &chosen))
}

/// The lines before the first chosen paragraph (for a cable without numbered paragraphs, its
/// header lines).
fn preamble_of<'a>(lines: &[Line<'a>], cands: &[Candidate], chosen: &[usize]) -> Vec<&'a str> {
    lines[..text_start(lines, cands, chosen)]
        .iter()
        .map(|l| l.text)
        .collect()
}

/// Where the paragraphs start: at the first chosen number, or, without numbers, after the
/// header items.
fn text_start(lines: &[Line], cands: &[Candidate], chosen: &[usize]) -> usize {
    match chosen.first() {
        Some(&k) => cands[k].line,
        None => {
            let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
            header::header_end(&texts)
        }
    }
}

/// Which paragraph texts [`build_paragraphs`] keeps.
#[derive(Clone, Copy)]
enum Texts<'a> {
    All,
    /// Only the first paragraph's.
    First,
    Matching(&'a dyn Fn(&str) -> bool),
}

/// Every line that may start a paragraph, weighed.
fn candidates(lines: &[Line]) -> Vec<Candidate> {
    let mut cands: Vec<Candidate> = Vec::new();
    let mut prev_text: Option<&str> = None;
    let mut with_next = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        if let Some((number, _)) = candidate_number(line.text) {
            let next = lines.get(i + 1).map_or("", |l| l.text);
            with_next.clear();
            push_start(&mut with_next, line.text);
            with_next.push('\n');
            with_next.push_str(next);
            let l = lead(&with_next);
            let marked = l.marking.is_some() || l.unknown;
            let mut weight = 2;
            if marked {
                weight += 2;
            }
            if line.gap_before {
                weight += 1;
            }
            match prev_text {
                None => weight += 1,
                Some(p) => {
                    if ends_sentence(p) {
                        weight += 1;
                    }
                    if !line.gap_before && p.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
                        weight -= 4;
                    }
                }
            }
            if l.text.starts_with(|c: char| c.is_lowercase()) {
                weight -= 2;
            }
            cands.push(Candidate {
                line: i,
                number,
                weight,
                marked,
            });
        }
        prev_text = Some(line.text);
    }
    cands
}

/// Picks the best increasing run of paragraph numbers among the candidates.
fn choose_sequence(cands: &[Candidate]) -> Vec<usize> {
    let n = cands.len();
    let mut best = vec![i32::MIN; n];
    let mut from: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        let c = &cands[j];
        // Numbering may start anywhere (partial extracts keep ¶10 on), at a cost: a lone
        // unmarked number is not enough. Four-digit numbers only continue a run.
        let start_penalty = match c.number {
            1 => 0,
            2..=999 => START_PENALTY,
            _ => i32::MAX / 4,
        };
        best[j] = c.weight - start_penalty;
        for i in j.saturating_sub(WINDOW)..j {
            if best[i] == i32::MIN {
                continue;
            }
            let prev = cands[i].number;
            if c.number <= prev || c.number - prev > MAX_GAP + 1 {
                continue;
            }
            let penalty = if c.number == prev + 1 { 0 } else { GAP_PENALTY };
            let score = best[i] + c.weight - penalty;
            if score > best[j] {
                best[j] = score;
                from[j] = Some(i);
            }
        }
    }
    let Some(mut end) = (0..n)
        .filter(|&j| best[j] > 0)
        .max_by_key(|&j| (best[j], j))
    else {
        return Vec::new();
    };
    let mut chain = vec![end];
    while let Some(p) = from[end] {
        chain.push(p);
        end = p;
    }
    chain.reverse();
    // A marked candidate standing after a gap that the run left out is a real paragraph whose
    // number repeats or goes back: keep it (a warning says so).
    let mut in_chain = vec![false; n];
    for &k in &chain {
        in_chain[k] = true;
    }
    (chain[0]..n)
        .filter(|&k| in_chain[k] || cands[k].marked)
        .collect()
}

/// The paragraphs of the chosen candidates, with the texts `texts` asks for; what depends on
/// texts left out (closing, missing-text warnings) is skipped.
fn build_paragraphs(lines: &[Line], cands: &[Candidate], chosen: &[usize], texts: Texts) -> Split {
    let mut split = Split::default();
    let mut whole = String::new();
    let first_line = text_start(lines, cands, chosen);
    // A search keeps the preamble too, so that a heading is moved out of it as in full.
    if !matches!(texts, Texts::First) {
        split.preamble = lines[..first_line]
            .iter()
            .map(|l| l.text.to_string())
            .collect();
    }
    // Each paragraph: its number and its lines; without numbers, one unnumbered block.
    let mut spans: Vec<(Option<u32>, usize, usize)> = chosen
        .iter()
        .enumerate()
        .map(|(pos, &k)| {
            let end = chosen.get(pos + 1).map_or(lines.len(), |&n| cands[n].line);
            (Some(cands[k].number), cands[k].line, end)
        })
        .collect();
    if spans.is_empty()
        && let Some(at) = lines[first_line..]
            .iter()
            .position(|l| !l.text.trim().is_empty())
    {
        spans.push((None, first_line + at, lines.len()));
    }
    let mut last_number = 0u32;
    for (pos, &(number, start, end)) in spans.iter().enumerate() {
        whole.clear();
        match number {
            Some(_) => push_start(&mut whole, lines[start].text),
            None => whole.push_str(lines[start].text.trim_start()),
        }
        for line in &lines[start + 1..end] {
            whole.push('\n');
            whole.push_str(line.text);
        }
        let l = lead(&whole);
        let keep = match texts {
            Texts::All => true,
            // The first paragraph's text is kept: older cables say who classified them there.
            Texts::First => pos == 0,
            Texts::Matching(keep) => keep(&whole),
        };
        let text = if keep {
            l.text.trim().to_string()
        } else {
            String::new()
        };
        if let Some(n) = number {
            if pos > 0 {
                if n > last_number + 1 {
                    split.warnings.push(Warning::NumberSkipped {
                        after: last_number,
                        found: n,
                    });
                } else if n <= last_number {
                    split.warnings.push(Warning::NumberRepeated {
                        after: last_number,
                        found: n,
                    });
                }
            } else if n != 1 {
                split.warnings.push(Warning::NumberingStartsAt { first: n });
            }
            last_number = last_number.max(n);
        }
        if l.unknown {
            split.warnings.push(Warning::UnknownMarking {
                paragraph: number.unwrap_or(0),
                raw: l.raw.clone().unwrap_or_default(),
            });
        }
        if l.entire && split.entire.is_none() {
            split.entire = l.marking.clone();
        }
        split.paragraphs.push(Paragraph {
            number,
            heading: None,
            marking: l.marking,
            marking_raw: l.raw,
            inherited: false,
            text,
        });
    }
    if matches!(texts, Texts::First) {
        return split;
    }
    if let Some(last) = split.paragraphs.last_mut()
        && (matches!(texts, Texts::All) || !last.text.is_empty())
    {
        let (body, closing) = split_closing(&last.text);
        last.text = body;
        split.closing = closing;
    }
    // A search sees the paragraph texts a full load gives: headings moved out of them.
    move_headings(&mut split);
    if !matches!(texts, Texts::All) {
        return split;
    }
    let count = split.paragraphs.len();
    for (i, p) in split.paragraphs.iter().enumerate() {
        if i + 1 < count
            && let Some(n) = p.number
            && stops_mid_sentence(&p.text)
        {
            split.warnings.push(Warning::MissingText { paragraph: n });
        }
    }
    split
}

/// Section headings found at the end of a paragraph (or of the preamble) are moved to the
/// paragraph they introduce.
fn move_headings(split: &mut Split) {
    let preamble = split.preamble.join("\n");
    let header_end: usize = {
        let lines: Vec<&str> = split.preamble.iter().map(String::as_str).collect();
        lines[..header::header_end(&lines)]
            .iter()
            .map(|l| l.len() + 1)
            .sum()
    };
    if let Some(first) = split.paragraphs.first_mut()
        && first.number.is_some()
        && let Some((cut, heading)) = trailing_heading(&preamble)
            .filter(|(cut, heading)| *cut >= header_end && !heading.is_empty())
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
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.bytes().all(|b| matches!(b, b'-' | b'=' | b'_' | b' '))
        && t.bytes().filter(|&b| b != b' ').count() >= 3
}

/// Lines that close a part of the text rather than open one.
fn is_end_marker(upper: &str) -> bool {
    ["END ", "BEGIN ", "CONTINUED", "NNNN", "CLASSIFIED BY"]
        .iter()
        .any(|m| upper.starts_with(m))
}

/// A line that can be a heading on its own: short, not ending a sentence or clause, not a
/// list item, and written as headings are (capitals, `//Title//`, a portion marking first) or
/// standing alone after a finished sentence.
fn heading_line(line: &str, after_sentence: bool) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 90 || t.ends_with(['.', ',', ';', ':']) {
        return false;
    }
    let upper = t.to_uppercase();
    if is_end_marker(&upper) || t.starts_with(['-', '*', '\u{2022}', '"']) || t.contains("XXXXXX") {
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

/// The heading a paragraph's text ends with: the byte offset where it starts and its text.
fn trailing_heading(text: &str) -> Option<(usize, String)> {
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

/// The text of a line that carries its own rules: `---- TITLE ----` or `TITLE -----`.
fn inline_ruled(line: &str) -> Option<&str> {
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
fn tidy_heading(heading: &str) -> String {
    let h = heading.trim().trim_end_matches(['-', '=', '_', ' ']).trim();
    h.strip_prefix("//")
        .and_then(|h| h.strip_suffix("//"))
        .map_or(h, str::trim)
        .to_string()
}

/// A line whose last sentence is complete: `.`, `:`, `;`, `?`, `!`, also inside closing quotes or
/// parentheses (`."`, `.)`); a possessive `authorities'` is not.
fn finished_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
    t.ends_with(['.', ':', ';', '?', '!'])
}

/// A paragraph that ends on a word or comma in the middle of running text lost its end.
/// Headings, tables, `END SUMMARY` and lines standing after a finished sentence are not that.
fn stops_mid_sentence(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let Some(last_at) = lines.iter().rposition(|l| !l.is_empty()) else {
        return false;
    };
    let last = lines[last_at];
    if !last.ends_with(|c: char| c.is_alphanumeric() || c == ',') {
        return false;
    }
    let prev = last_at.checked_sub(1).map(|i| lines[i]);
    let standalone = match prev {
        // A one-line paragraph this short is a title or heading.
        None => last.chars().count() < 60,
        Some(p) => p.is_empty() || finished_sentence(p),
    };
    let list_item = last.starts_with(['-', '*', '(', '\u{2022}']);
    let redacted = last.ends_with("XXXX");
    let upper = last.to_uppercase();
    let caps_heading = !last.chars().any(char::is_lowercase)
        && lines.iter().any(|l| l.chars().any(char::is_lowercase));
    let footnote = last
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .ends_with(['.', ',']);
    let end_marker = [
        "END SUMMARY",
        "END COMMENT",
        "END NOTE",
        "END QUOTE",
        "END TEXT",
    ]
    .iter()
    .any(|m| upper.ends_with(m));
    !(standalone
        || caps_heading
        || footnote
        || end_marker
        || list_item
        || redacted
        || last.contains("   "))
}

static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z'.-]*(?:\s+[A-Z][A-Za-z'.-]*){0,3}|NNN|BT|#\d+)$")
        .expect("valid regex")
});

/// The signer's name in a cable's closing: the last name line, past trailers (`NNNN`,
/// `Declassified/Released ...`, repeated classification lines, page breaks, web addresses).
pub fn signer(closing: &str) -> Option<String> {
    for line in closing.lines().rev() {
        let t = line.trim();
        let upper = t.to_uppercase();
        let trailer = t.is_empty()
            || matches!(t, "NNNN" | "NNN" | "BT")
            || t.starts_with('#')
            || upper.starts_with("DECLASSIFIED")
            || upper.starts_with("VISIT ")
            || t.contains("http")
            || t.contains("www.")
            || header::is_page_break(t)
            || header::banner(t).is_some()
            || !header::captions_in(t).is_empty();
        if trailer {
            continue;
        }
        // `END TEXT HEFFERN`: the name after an end marker on its line.
        let mut name = t.trim_end_matches(['.', ',']);
        for marker in ["END CABLE TEXT", "END TEXT", "END OF TEXT"] {
            if upper.starts_with(marker) {
                name = name[marker.len()..].trim_start_matches(['.', ' ']);
            }
        }
        if name.is_empty() || name.contains("XXXX") {
            return None;
        }
        let words = name.split_whitespace().count();
        let looks_like_name =
            SIGNATURE.is_match(name) && (1..=4).contains(&words) && name.len() <= 40;
        return looks_like_name.then(|| name.to_string());
    }
    None
}

/// The cable's summary: `BEGIN SUMMARY ... END SUMMARY`, or a paragraph opening with
/// `Summary:` (to its `End summary` or its end).
pub fn summary(paragraphs: &[Paragraph]) -> Option<String> {
    static OPEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:begin\s+)?summary\s*(?:and\s+comment\s*)?[:.\-]+\s*")
            .expect("valid regex")
    });
    static BEGIN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bbegin\s+summary\s*[:.\-]*\s*").expect("valid regex"));
    static END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\(?\s*end\s+summary\b").expect("valid regex"));
    for (i, p) in paragraphs.iter().enumerate().take(4) {
        let start = OPEN
            .find(&p.text)
            .map(|m| m.end())
            .or_else(|| BEGIN.find(&p.text).map(|m| m.end()));
        let Some(start) = start else {
            continue;
        };
        let mut text = p.text[start..].to_string();
        // A summary may run over paragraphs until its END SUMMARY.
        let mut next = i + 1;
        while END.find(&text).is_none() && next < paragraphs.len() && next < i + 4 {
            if !END.is_match(&paragraphs[next].text) {
                break;
            }
            text.push_str("\n\n");
            text.push_str(&paragraphs[next].text);
            next += 1;
        }
        if let Some(m) = END.find(&text) {
            text.truncate(m.start());
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.trim_end_matches(['(', ' ']).to_string();
        return (!text.is_empty()).then_some(text);
    }
    None
}

/// `... CONSIDERED.  EAGLETON`: a surname in capitals after two spaces closing the text.
fn glued_signature(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    let at = t.rfind(' ')?;
    let name = t[at..].trim();
    let before = t[..at].trim_end();
    // After one space only in mixed-case text, where a name in capitals stands out.
    let two_spaces = t[..at].ends_with(' ');
    if !two_spaces && !before.chars().any(char::is_lowercase) {
        return None;
    }
    let ok = name.len() >= 3
        && name.len() <= 20
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'-' || b == b'\'')
        && !matches!(
            name,
            "END" | "NNNN" | "NNN" | "SUMMARY" | "COMMENT" | "TEXT"
        )
        && before.ends_with(['.', '!', '?', '"', ')']);
    ok.then_some((before, name))
}

/// Moves a trailing signature (`CLINTON`, `NNN`) out of the last paragraph; also a name glued
/// to the last sentence (`... CONSIDERED.  EAGLETON`).
fn split_closing(text: &str) -> (String, String) {
    if let Some((body, name)) = glued_signature(text) {
        return (body.to_string(), name.to_string());
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut cut = lines.len();
    while cut > 1 {
        let l = lines[cut - 1].trim();
        if l.is_empty() || (SIGNATURE.is_match(l) && l.len() <= 40 && !l.ends_with('.')) {
            cut -= 1;
        } else {
            break;
        }
    }
    if cut == lines.len() {
        return (text.to_string(), String::new());
    }
    // Only a block set apart by a blank line (or after a finished sentence) is a signature.
    let before = lines[cut - 1];
    let first_closing = lines[cut..].iter().position(|l| !l.trim().is_empty());
    let set_apart = lines.get(cut).is_some_and(|l| l.trim().is_empty()) || ends_sentence(before);
    match first_closing {
        Some(_) if set_apart => (
            lines[..cut].join("\n").trim_end().to_string(),
            lines[cut..].join("\n").trim().to_string(),
        ),
        _ => (text.to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_as_str_lines() {
        for t in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb\r",
            "a\n\nb\n\n",
            "\r\n\r",
            "x\ry\n",
        ] {
            assert_eq!(
                lines(t).collect::<Vec<_>>(),
                t.lines().collect::<Vec<_>>(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn candidates() {
        assert_eq!(candidate_number("1. (C) Text"), Some((1, "(C) Text")));
        assert_eq!(candidate_number("¶12. Text"), Some((12, "Text")));
        assert_eq!(candidate_number("3.(S) x"), Some((3, "(S) x")));
        assert_eq!(candidate_number("2006. The year"), Some((2006, "The year")));
        assert_eq!(candidate_number("(C) 1. Text"), Some((1, "Text")));
        assert_eq!(candidate("(C) 1. Text"), Some((1, "Text", Some("C"))));
        assert_eq!(candidate_number("(Iran) 1. Text"), None);
        assert_eq!(candidate_number("1.4 (b)"), None);
    }

    #[test]
    fn split_number_is_not_a_paragraph() {
        let s = split("1. (C) Lange died in August 200\n5. It is not clear.\n2. (S) More.\n");
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, vec![1, 2]);
        assert!(s.paragraphs[0].text.ends_with("200\n5. It is not clear."));
    }

    #[test]
    fn page_breaks_run_on() {
        let s = split("1. (U) One\n\nBERN 00000881  002 OF 002\n\ncontinues.\n2. (U) Two.");
        assert_eq!(s.paragraphs[0].text, "One\ncontinues.");
    }

    #[test]
    fn inner_list_does_not_split() {
        let s = split(
            "1. (C) Points:\n\n1. first\n2. second\n3. third\n4. fourth\n\n2. (C) Two.\n\n3. (C) Three.\n\n4. (C) Four.\n",
        );
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4]);
    }

    #[test]
    fn signature() {
        let s = split("1. (U) One.\n\n2. (U) Two.\n\nCLINTON\n");
        assert_eq!(s.closing, "CLINTON");
        assert_eq!(s.paragraphs[1].text, "Two.");
    }
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

    #[test]
    fn numbers_above_999_continue_a_run() {
        let mut text = String::new();
        for n in 995..=1002 {
            text.push_str(&format!("{n}. (U) Item {n}.\n\n"));
        }
        text.push_str("The year\n2006. was long.\n");
        let s = split(&text);
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, (995..=1002).collect::<Vec<_>>());
        assert!(
            s.warnings
                .contains(&Warning::NumberingStartsAt { first: 995 })
        );
    }
}
