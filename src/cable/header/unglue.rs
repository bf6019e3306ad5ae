//! Header items run together on one line, cut apart.

use std::sync::LazyLock;

use super::*;

/// Header items that may follow another on the same line, each with what must come right
/// after it. Upper-case; matched on the line's ASCII upper-case copy.
pub(super) const GLUED_KEYS: [&str; 9] = [
    "DERIVED FROM:",
    "TAGS:",
    "TAGS;",
    "SUBJECT:",
    "SUBJ:",
    "REF:",
    "REFS:",
    "CLASSIFIED BY:",
    "CLASSIFIED BY ",
];

/// A page-break line's text inside a longer line: post, serial, page `OF` pages.
static INNER_PAGE_BREAK: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?:^|\s)[A-Z][A-Z .'-]*[A-Z]\s+\d{5,8}\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}\b")
        .expect("valid regex")
});

/// Where paragraph 1 starts in a line of header items: `1.` at its start or after white space, then a
/// marking (`1. (C)`) or running text (two words in small letters among the next ten), as no
/// list of references reads.
pub(super) fn first_paragraph_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    memchr::memmem::find_iter(b, b"1.").find(|&at| {
        if at > 0 && !matches!(b[at - 1], b' ' | b'\t') {
            return false;
        }
        let rest = line[at + 2..].trim_start();
        if rest.starts_with('(') {
            return rest
                .strip_prefix('(')
                .is_some_and(|m| m.len() > 2 && m.starts_with(|c: char| c.is_ascii_uppercase()));
        }
        rest.starts_with(|c: char| c.is_ascii_uppercase())
            && rest
                .split_whitespace()
                .take(10)
                .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
                .count()
                >= 2
    })
}

const SBU_STATEMENT: &[u8] = b"SENSITIVE BUT UNCLASSIFIED";

/// Text opening with an SBU cable's handling statement (`SENSITIVE BUT UNCLASSIFIED--PLEASE
/// PROTECT ACCORDINGLY`, `... UNCLASSIFIED.`, the words alone): no item goes on into it. A word
/// after it (`... UNCLASSIFIED INFORMATION`) makes it a subject's words instead.
pub(super) fn is_sbu_statement(text: &[u8]) -> bool {
    text.get(..SBU_STATEMENT.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(SBU_STATEMENT))
        && text[SBU_STATEMENT.len()..]
            .iter()
            .find(|c| **c != b' ')
            .is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// Where `PLEASE PASS` (any case) starts in a line, after white space or punctuation.
fn pass_instruction(line: &[u8]) -> Option<usize> {
    const WORDS: &[u8] = b"PLEASE PASS ";
    memchr::memchr2_iter(b'P', b'p', line).find(|&at| {
        at > 0
            && !line[at - 1].is_ascii_alphanumeric()
            && line
                .get(at..at + WORDS.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(WORDS))
    })
}

/// A line holding several header items run together (edited or collapsed texts: `E.O. 12958:
/// DECL: 11/7/2015 TAGS: PREL SUBJECT: ...`, `... 004403SIPDISE.O. 12958 ...`) cut into one
/// line per item. Other lines come back whole.
pub fn unglue(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    unglue_into(line, &mut out);
    out
}

/// [`unglue`], the pieces appended to `out` (no allocation for a line that stays whole).
pub fn unglue_into<'a>(line: &'a str, out: &mut Vec<&'a str>) {
    // Two items and their values take more than 40 characters.
    if line.len() < 40 || !line.is_ascii() {
        out.push(line);
        return;
    }
    static EO_FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"E.O"));
    static KEY_FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        GLUED_KEYS
            .iter()
            .map(|k| memchr::memmem::Finder::new(k.as_bytes()))
            .collect()
    });
    let lb = line.as_bytes();
    let banner_like = opens_like_banner(line.trim_start());
    let colons = memchr::memchr_iter(b':', lb).count();
    let eo_inside = memchr::memchr_iter(b'.', lb).any(|i| {
        i > 1 && matches!(lb[i - 1], b'E' | b'e') && matches!(lb.get(i + 1), Some(b'O' | b'o'))
    });
    // One item with its value (`E.O. 12958: DECL: 01/07/2014`, `SUBJECT: X`) holds at most
    // two colons and no E.O. after its start: most lines end here.
    // Only after an item: in running text it is a request of the text's own. (The key is
    // looked for first: most lines fail it on their first letter.)
    let pass = super::key_of(line).and_then(|_| pass_instruction(lb));
    if !banner_like
        && !eo_inside
        && pass.is_none()
        && (colons < 2 || (colons == 2 && memchr::memmem::find(lb, b"DECL").is_some()))
    {
        out.push(line);
        return;
    }
    let upper = line.to_ascii_uppercase();
    let u = upper.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    // E.O. with its order number, wherever it stands (also glued: `SIPDISE.O. 12958`).
    for at in EO_FINDER.find_iter(u) {
        let rest = &upper[at + 3..];
        let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
        if at > 0 && rest.starts_with(|c: char| c.is_ascii_digit()) {
            cuts.push(at);
        }
    }
    // The other keys after white space or punctuation.
    for finder in KEY_FINDERS.iter() {
        for at in finder.find_iter(u) {
            if at > 0 && !u[at - 1].is_ascii_alphanumeric() {
                cuts.push(at);
            }
        }
    }
    // The handling statement of an SBU cable (`SENSITIVE BUT UNCLASSIFIED--PLEASE PROTECT
    // ACCORDINGLY`), run on after the subject: it ends there, as its own line would end it. A
    // subject about such texts (`... UNCLASSIFIED INFORMATION`) goes on with a word.
    for at in memchr::memmem::find_iter(u, SBU_STATEMENT) {
        if at > 0 && !u[at - 1].is_ascii_alphanumeric() && is_sbu_statement(&u[at..]) {
            cuts.push(at);
        }
    }
    // A routing instruction run on after an item (`REF: STATE 6461  PLEASE PASS TO RSO, POLOFF`):
    // it ends the item, as on a line of its own.
    cuts.extend(pass);
    // A page-break line run into the text (`REF: 08 STATE 74840 TRIPOLI 00000269 001.2 OF
    // 003 1.The ...`): a piece of its own, which no item takes in.
    for m in INNER_PAGE_BREAK.find_iter(line) {
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        cuts.push(start);
        cuts.push(m.end());
    }
    // The first paragraph run on after the header items (`REF: SECSTATE 165115 1. Post grants
    // country clearance ...`): running text after `1.`, not a list item of references.
    if let Some(at) = first_paragraph_start(line).filter(|&at| at > 0) {
        cuts.push(at);
    }
    // A banner whose serial has text glued to it (`ANKARA 008305S/CT FOR REAP`).
    if banner_like && BANNER.is_match(line) {
        let mut i = 0;
        while i < u.len() {
            if u[i].is_ascii_digit() && (i == 0 || u[i - 1] == b' ') {
                let end = i + u[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if (5..=8).contains(&(end - i)) && u.get(end).is_some_and(u8::is_ascii_uppercase) {
                    cuts.push(end);
                    break;
                }
                i = end;
            } else {
                i += 1;
            }
        }
    }
    if cuts.is_empty() {
        out.push(line);
        return;
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut from = 0;
    for cut in cuts {
        let piece = line[from..cut].trim();
        if !piece.is_empty() {
            out.push(piece);
        }
        from = cut;
    }
    let piece = line[from..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
}
