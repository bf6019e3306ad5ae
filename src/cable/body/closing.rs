//! The end of a cable: the signature, and the summary near its start.

use std::sync::LazyLock;

use regex::Regex;

use super::*;
use crate::cable::build::REDACTION;

/// A signature line: a name of up to four words (`CLINTON`, `LeBaron`, `van Voorst`), or a
/// teletype end mark.
pub(super) static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:(?:van|von|de|da|del|di|du|la|le|ten|ter|al|el)\s+)?[A-Z][A-Za-z'.-]*(?:\s+[A-Z][A-Za-z'.-]*){0,3}|NNN|BT|#\d+)$",
    )
    .expect("valid regex")
});

/// `Declassified/Released US Department of State EO Systematic Review 30 JUN 2005` wrapped:
/// the line its end went onto.
static REVIEW_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:SYSTEMATIC\s+)?REVIEW\s+\d{1,2}\s+[A-Z]{3}\s+\d{4}$").expect("valid regex")
});

/// A declassification group mark that older cables end with, above or below the signature
/// (`GP-3`, `GDS`, `XGDS-2`): never a name, never text.
static GROUP_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:GP|GROUP)[- ]?[1-4]|X?GDS(?:[- ]?[1-4])?)\.?$").expect("valid regex")
});

/// Marks that close a cable's text, a quoted text or a comment, after which a signature may
/// follow on the same line (`END TEXT  WISNER`); never a name themselves.
const END_MARKS: [&str; 7] = [
    "END CABLE TEXT",
    "END OF TEXT",
    "END TEXT",
    "END COMMENT",
    "END QUOTE",
    "UNQUOTE",
    "CABLE END",
];

/// `t` (upper case) is an end mark alone, set in any punctuation (`====CABLE END`).
fn end_mark_alone(upper: &str) -> bool {
    let core = upper.trim_matches(|c: char| !c.is_alphanumeric());
    END_MARKS.contains(&core)
}

/// A line that may follow a cable's signature without being its text or its signer: `NNNN`,
/// `Declassified/Released ...`, repeated classification and caption lines, page breaks, web
/// and mail addresses, a publisher's credit (`EPET @ EL PAÍS`), a site's title cut off
/// (`DANIEL ORTEGA AN...`).
fn is_trailer(t: &str) -> bool {
    let upper = t.to_uppercase();
    let cut_off = t
        .strip_suffix("...")
        .is_some_and(|rest| rest.chars().next_back().is_some_and(char::is_alphanumeric));
    t.is_empty()
        || cut_off
        // Rules and stray marks (`-----`, `>`).
        || !t.chars().any(char::is_alphanumeric)
        || end_mark_alone(&upper)
        || REVIEW_END.is_match(&upper)
        || matches!(t, "NNNN" | "NNN" | "BT")
        || GROUP_MARK.is_match(t)
        || t.starts_with('#')
        || upper.starts_with("DECLASSIFIED")
        || upper.starts_with("VISIT ")
        || t.contains("http")
        || t.contains("www.")
        || t.contains('@')
        || header::is_page_break(t)
        || header::banner(t).is_some()
        || !header::captions_in(t).is_empty()
}

/// A line ending in a redaction (`3. (SBU) XXXXXXXXXXXX`): what was cut out ends the text, as a
/// finished sentence does.
fn ends_with_redaction(line: &str) -> bool {
    line.split_whitespace()
        .next_back()
        .is_some_and(|w| w.len() >= REDACTION.len() && w.bytes().all(|b| b == b'X'))
}

/// A line that sets a signature off from the text above it: a rule (`*****`, `-----`), or a
/// web address.
fn set_off(t: &str) -> bool {
    let rule = !t.is_empty() && !t.chars().any(char::is_alphanumeric);
    rule || t.contains("http") || t.contains("www.")
}

/// `text` without the trailers at its end (and white space): what a signature would end.
pub fn without_trailers(text: &str) -> &str {
    let mut t = text.trim_end();
    loop {
        let line_start = t.rfind('\n').map_or(0, |i| i + 1);
        if line_start == 0 || !is_trailer(t[line_start..].trim()) {
            return t;
        }
        t = t[..line_start].trim_end();
    }
}

/// The signer's name in a cable's closing: the last name line, past trailers.
pub fn signer(closing: &str) -> Option<String> {
    for line in closing.lines().rev() {
        let t = line.trim();
        if is_trailer(t) {
            continue;
        }
        let upper = t.to_uppercase();
        // `END TEXT HEFFERN`: the name after an end marker on its line.
        let mut name = t.trim_end_matches(['.', ',']);
        if let Some(marker) = END_MARKS.iter().find(|m| upper.starts_with(*m)) {
            name = name[marker.len()..].trim_start_matches(['.', ' ']);
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
pub(super) fn glued_signature(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    let at = t.rfind(' ')?;
    let name = t[at..].trim();
    let before = t[..at].trim_end();
    // After one space only in mixed-case text, where a name in capitals stands out.
    let two_spaces = t[..at].ends_with(' ');
    if !two_spaces && !before.chars().any(char::is_lowercase) {
        return None;
    }
    // `... Ha'asara.KURTZER`: glued to the full stop of a mixed-case sentence.
    if let Some(dot) = name.rfind('.')
        && name[..dot].ends_with(|c: char| c.is_lowercase())
        && surname(&name[dot + 1..])
        && name.len() - dot > 4
    {
        let split = t.len() - (name.len() - dot - 1);
        return Some((&t[..split], &t[split..]));
    }
    // An end mark closing `before`, not the end of a longer word: only its last bytes are read.
    let b = before.as_bytes();
    let after_mark = END_MARKS.iter().any(|m| {
        b.len() >= m.len()
            && b[b.len() - m.len()..].eq_ignore_ascii_case(m.as_bytes())
            && !b[..b.len() - m.len()]
                .last()
                .is_some_and(u8::is_ascii_alphanumeric)
    });
    let ok = surname(name)
        && !matches!(
            name,
            "END" | "NNNN" | "NNN" | "SUMMARY" | "COMMENT" | "TEXT"
        )
        && (before.ends_with(['.', '!', '?', '"', ')']) || after_mark);
    ok.then_some((before, name))
}

/// In mixed-case text (`above`), a last line of a name in capitals stands apart by itself.
fn stands_apart_in_capitals(line: &str, above: &str) -> bool {
    let l = line.trim();
    !l.chars().any(char::is_lowercase)
        && l.split_whitespace().count() <= 3
        && !END_MARKS.contains(&l)
        && above.chars().any(char::is_lowercase)
}

/// A surname in capitals as a signature writes it (`EAGLETON`, `O'NEILL`).
fn surname(name: &str) -> bool {
    (3..=20).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'-' || b == b'\'')
}

/// False only when a paragraph's raw text cannot end with a signature that the closing takes,
/// as `split_closing` looks for one: a surname in capitals glued to the text's last sentence
/// (trailers and all), else a last line of at most 40 bytes not ending in a full stop above
/// any trailers. Such a text need not be kept to find the signer.
pub fn may_close_with_signature(raw: &str) -> bool {
    if glued_signature(raw).is_some() {
        return true;
    }
    let t = without_trailers(raw);
    let last_line = t[t.rfind('\n').map_or(0, |i| i + 1)..].trim();
    last_line.len() <= 40 && !last_line.ends_with('.')
}

/// Moves a trailing signature (`CLINTON`, `NNN`) out of the last paragraph; also a name glued
/// to the last sentence (`... CONSIDERED.  EAGLETON`).
pub(super) fn split_closing(text: &str) -> (String, String) {
    if let Some((body, name)) = glued_signature(text) {
        return (body.to_string(), name.to_string());
    }
    let signature = |l: &str| SIGNATURE.is_match(l) && l.len() <= 40 && !l.ends_with('.');
    // Only the last lines are read: those that may be trailers, blank or a signature, and the
    // one above them. Lines are cut at `\n` as `str::lines` cuts them (a CR before it is the
    // line's end too: such a text is read whole).
    if text.is_empty() || text.contains('\r') {
        let lines: Vec<(usize, &str)> = text
            .lines()
            .scan(0, |at, l| {
                let start = *at;
                *at += l.len() + 1;
                Some((start, l))
            })
            .collect();
        return closing_of(text, &lines, true, &signature);
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut tail: Vec<(usize, &str)> = Vec::new();
    let mut end = body.len();
    loop {
        let start = body[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &body[start..end];
        tail.push((start, line));
        let t = line.trim();
        if start == 0 || !(is_trailer(t) || signature(t)) {
            break;
        }
        end = start - 1;
    }
    tail.reverse();
    let from_start = tail[0].0 == 0;
    closing_of(text, &tail, from_start, &signature)
}

/// The split of [`split_closing`] on the last `lines` of `text` (each with its offset), all of
/// them when `from_start`, else from a line that is neither a trailer nor a signature.
fn closing_of(
    text: &str,
    lines: &[(usize, &str)],
    from_start: bool,
    signature: &dyn Fn(&str) -> bool,
) -> (String, String) {
    // `cut` counts lines from the text's start only for the test `cut > 1`: above a first line
    // that is neither a trailer nor a signature, one more line stands.
    let base = usize::from(!from_start);
    let line = |k: usize| lines[k - base].1;
    let mut cut = lines.len() + base;
    // Trailers below the signature, then the signature itself.
    while cut > 1 && is_trailer(line(cut - 1).trim()) {
        cut -= 1;
    }
    while cut > 1 {
        let l = line(cut - 1).trim();
        if l.is_empty() || signature(l) || GROUP_MARK.is_match(l) {
            cut -= 1;
        } else {
            break;
        }
    }
    let rest = &lines[cut - base..];
    // Trailers alone are no closing.
    if !rest.iter().any(|(_, l)| signature(l.trim())) {
        return (text.to_string(), String::new());
    }
    // Only a block set apart is a signature: by a blank line, a finished sentence, a rule of
    // stars or dashes, or the post's web address note (`Visit ... Classified Website: http...`,
    // which stays with the text).
    let (before_at, before) = lines[cut - 1 - base];
    let first_closing = rest.iter().position(|(_, l)| !l.trim().is_empty());
    let named_in_capitals =
        rest.len() == 1 && stands_apart_in_capitals(rest[0].1, &text[..rest[0].0]);
    let set_apart = rest.first().is_some_and(|(_, l)| l.trim().is_empty())
        || ends_sentence(before)
        || ends_with_redaction(before)
        || set_off(before.trim())
        || named_in_capitals;
    match first_closing {
        Some(_) if set_apart => {
            let body_end = before_at + before.len();
            let (body, closing) = if text.contains('\r') {
                // Lines cut at CRLF: joined again with `\n` alone.
                let all: Vec<&str> = lines.iter().map(|(_, l)| *l).collect();
                let k = cut - base;
                (all[..k].join("\n"), all[k..].join("\n"))
            } else {
                (text[..body_end].to_string(), text[rest[0].0..].to_string())
            };
            (body.trim_end().to_string(), closing.trim().to_string())
        }
        _ => (text.to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The split as first written: every line collected.
    fn split_closing_whole(text: &str) -> (String, String) {
        if let Some((body, name)) = glued_signature(text) {
            return (body.to_string(), name.to_string());
        }
        let lines: Vec<&str> = text.lines().collect();
        let mut cut = lines.len();
        while cut > 1 && is_trailer(lines[cut - 1].trim()) {
            cut -= 1;
        }
        let signature = |l: &str| SIGNATURE.is_match(l) && l.len() <= 40 && !l.ends_with('.');
        while cut > 1 {
            let l = lines[cut - 1].trim();
            if l.is_empty() || signature(l) || GROUP_MARK.is_match(l) {
                cut -= 1;
            } else {
                break;
            }
        }
        if !lines[cut..].iter().any(|l| signature(l.trim())) {
            return (text.to_string(), String::new());
        }
        let before = lines[cut - 1];
        let first_closing = lines[cut..].iter().position(|l| !l.trim().is_empty());
        let named_in_capitals = cut + 1 == lines.len()
            && stands_apart_in_capitals(lines[cut], &lines[..cut].join("\n"));
        let set_apart = lines.get(cut).is_some_and(|l| l.trim().is_empty())
            || ends_sentence(before)
            || ends_with_redaction(before)
            || set_off(before.trim())
            || named_in_capitals;
        match first_closing {
            Some(_) if set_apart => (
                lines[..cut].join("\n").trim_end().to_string(),
                lines[cut..].join("\n").trim().to_string(),
            ),
            _ => (text.to_string(), String::new()),
        }
    }

    #[test]
    fn the_last_lines_split_as_all_lines_do() {
        let mut texts: Vec<String> = [
            "",
            "\n",
            "CLINTON",
            "One.\n\nCLINTON\n",
            "One.\nCLINTON",
            "One\nCLINTON",
            "One.\n\nCLINTON\n\nNNNN\n",
            "One.\r\n\r\nCLINTON\r\n",
            "One.\n\nRICE\nBT\n\n",
            "\n\nRICE",
            "RICE\n\nNNNN",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        // Every cable text of the real corpus.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let bytes = std::fs::read(&p).unwrap();
                for raw in crate::cable::formats::extract(&bytes).cables {
                    let body = crate::cable::decode::normalize_newlines(&raw.body).into_owned();
                    let s = split(&body);
                    if let Some(last) = s.paragraphs.last() {
                        texts.push(format!("{}\n\n{}", last.text, s.closing));
                    }
                    texts.push(body);
                }
            }
        }
        assert!(texts.len() > 400, "{}", texts.len());
        for t in &texts {
            assert_eq!(split_closing(t), split_closing_whole(t), "{t:?}");
        }
    }

    #[test]
    fn trailers_cut_from_the_end() {
        let text = "worth taking. .\n\nAGUIRRE\n\nEPET @ EL PA\u{cd}S\n";
        assert_eq!(without_trailers(text), "worth taking. .\n\nAGUIRRE");
        let release = "REPORT FURTHER.\n\nHELMS\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n\nNNN";
        assert_eq!(without_trailers(release), "REPORT FURTHER.\n\nHELMS");
        assert_eq!(without_trailers("One line only."), "One line only.");
    }
}
