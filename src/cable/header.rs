//! Decoding of the header lines: date-time group, banner, captions, E.O., TAGS, SUBJECT, REF,
//! Classified By. Works on text lines; knows nothing of formats.

use std::sync::LazyLock;

use regex::Regex;

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Caption words that stand alone on header lines.
const CAPTIONS: &[&str] = &[
    "SIPDIS",
    "NOFORN",
    "EXDIS",
    "NODIS",
    "LIMDIS",
    "SENSITIVE",
    "STADIS",
    "CHEROKEE",
    "ROGER",
    "DISSENT",
    "ORCON",
    "NOCONTRACT",
    "PROPIN",
    "FOUO",
];

static DTG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])([0-3]\d)([0-2]\d)([0-5]\d)Z\s*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*(\d{2})(?:[^0-9]|$)")
        .expect("valid regex")
});

/// Banner: a classification word (possibly letter-spaced) at a line start, optionally followed
/// by `SECTION 01 OF 02` and the post and serial.
///
/// `^\s*(WORD)\b(.*)$` is matched as [`BANNER`] finding `^\s*WORD\b` (its automaton is much
/// cheaper than capture groups) and the rest of the text, which must hold no line end.
static BANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:UNCLAS(?:SIFIED)?|U N C L A S(?: S I F I E D)?|CONFIDENTIAL|C O N F I D E N T I A L|SECRET|S E C R E T|TOP SECRET|T O P S E C R E T|LIMITED OFFICIAL USE)\b")
        .expect("valid regex")
});

/// `POST 000123` at the end of a banner, or a page-break line `POST 00000595 001.2 OF 003`.
static POST_SERIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)([A-Z][A-Z .'-]*?[A-Z])\s+(\d{5,8})(?:\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}|\s*$|\s)",
    )
    .expect("valid regex")
});

/// A date-time group as UTC ISO 8601, given the two-digit year's century from `year_hint`.
pub fn find_dtg(text: &str, year_hint: Option<i32>) -> Option<String> {
    for caps in DTG.captures_iter(text) {
        let day: u32 = caps[1].parse().ok()?;
        let hour: u32 = caps[2].parse().ok()?;
        let minute: u32 = caps[3].parse().ok()?;
        let month = MONTHS.iter().position(|m| *m == &caps[4])? as u32 + 1;
        let yy: i32 = caps[5].parse().ok()?;
        let year = full_year(yy, year_hint);
        if (1..=31).contains(&day) && hour < 24 && minute < 60 {
            if chrono::NaiveDate::from_ymd_opt(year, month, day).is_none() {
                continue;
            }
            return Some(format!(
                "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z"
            ));
        }
    }
    None
}

fn full_year(yy: i32, hint: Option<i32>) -> i32 {
    if let Some(h) = hint
        && h % 100 == yy
    {
        return h;
    }
    if yy >= 50 { 1900 + yy } else { 2000 + yy }
}

/// A source's `YYYY-MM-DD HH:MM` as ISO 8601.
pub fn created_to_iso(created: &str) -> Option<String> {
    let t = created.trim();
    let (date, time) = t.split_once(' ').unwrap_or((t, "00:00"));
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let tm = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    Some(format!(
        "{}T{}:00Z",
        d.format("%Y-%m-%d"),
        tm.format("%H:%M")
    ))
}

/// The banner line's classification, letter spacing removed (`CONFIDENTIAL`), and its tail.
pub fn banner(line: &str) -> Option<(String, String)> {
    // The regex's words, checked first: most lines are rejected here.
    if !first_byte(line).is_some_and(|b| matches!(b, b'U' | b'C' | b'S' | b'T' | b'L')) {
        return None;
    }
    let t = line.trim_start();
    if ![
        "UNCLAS",
        "U N C L A S",
        "CONFIDENTIAL",
        "C O N F I D E N T I A L",
        "SECRET",
        "S E C R E T",
        "TOP SECRET",
        "T O P S E C R E T",
        "LIMITED OFFICIAL USE",
    ]
    .iter()
    .any(|w| t.starts_with(w))
    {
        return loose_banner(t);
    }
    let m = BANNER.find(line)?;
    let rest = &line[m.end()..];
    if rest.contains('\n') {
        return None;
    }
    let word: String = line[..m.end()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let word = if word == "UNCLAS" {
        "UNCLASSIFIED".to_string()
    } else {
        word.replace("TOPSECRET", "TOP SECRET")
            .replace("LIMITEDOFFICIALUSE", "LIMITED OFFICIAL USE")
    };
    let tail = rest.trim().to_string();
    // A banner stands alone or is followed by SECTION/post/serial/captions, never by prose.
    let ok = tail.is_empty()
        || tail.starts_with("SECTION")
        || tail.starts_with('/')
        || tail.starts_with('-')
        || POST_SERIAL.is_match(&tail)
        || tail
            .split_whitespace()
            .all(|w| CAPTIONS.contains(&w.trim_matches(|c: char| !c.is_ascii_alphabetic())));
    ok.then_some((word, tail))
}

/// A banner in mixed case or letter-spaced in mixed case (`C o n f i d e n t i a l`,
/// `Confidential`): the word alone on its line, or spaced letters then the usual tail.
fn loose_banner(t: &str) -> Option<(String, String)> {
    const WORDS: [&str; 6] = [
        "UNCLASSIFIED",
        "UNCLAS",
        "CONFIDENTIAL",
        "SECRET",
        "TOPSECRET",
        "LIMITEDOFFICIALUSE",
    ];
    let name = |w: &str| match w {
        "UNCLAS" => "UNCLASSIFIED".to_string(),
        "TOPSECRET" => "TOP SECRET".to_string(),
        "LIMITEDOFFICIALUSE" => "LIMITED OFFICIAL USE".to_string(),
        w => w.to_string(),
    };
    let b = t.as_bytes();
    if b.get(1) == Some(&b' ') && b.get(2).is_some_and(u8::is_ascii_alphabetic) {
        let mut word = String::new();
        let mut rest = t;
        for tok in t.split(' ') {
            if tok.len() == 1 && tok.as_bytes()[0].is_ascii_alphabetic() {
                word.push(tok.as_bytes()[0].to_ascii_uppercase() as char);
                rest = &rest[rest.len().min(2)..];
            } else {
                break;
            }
        }
        if WORDS.contains(&word.as_str()) {
            let tail = rest.trim().to_string();
            let tail_ok = tail.is_empty()
                || tail.starts_with("SECTION")
                || POST_SERIAL.is_match(&tail)
                || tail.split_whitespace().all(|w| CAPTIONS.contains(&w));
            return tail_ok.then(|| (name(&word), tail));
        }
        return None;
    }
    if t.len() <= 24 {
        let t = t.trim_end();
        for (written, word) in [
            ("UNCLASSIFIED", "UNCLASSIFIED"),
            ("UNCLAS", "UNCLAS"),
            ("CONFIDENTIAL", "CONFIDENTIAL"),
            ("SECRET", "SECRET"),
            ("TOP SECRET", "TOPSECRET"),
            ("LIMITED OFFICIAL USE", "LIMITEDOFFICIALUSE"),
        ] {
            if t.eq_ignore_ascii_case(written) && t.bytes().any(|b| b.is_ascii_lowercase()) {
                return Some((name(word), String::new()));
            }
        }
    }
    None
}

/// `(post, serial)` from a banner tail or page-break line: (`USNATO`, 595).
pub fn post_serial(text: &str) -> Option<(String, u64)> {
    let caps = POST_SERIAL.captures(text)?;
    let post: String = caps[1].split_whitespace().collect::<Vec<_>>().join(" ");
    let post = post.trim_start_matches("SECTION").trim().to_string();
    let post = strip_section(&post);
    let serial: u64 = caps[2].parse().ok()?;
    (!post.is_empty()).then_some((post, serial))
}

fn strip_section(post: &str) -> String {
    // "SECTION 01 OF 02 REYKJAVIK" leaves digits out by the regex; drop a leading "OF".
    let words: Vec<&str> = post
        .split_whitespace()
        .filter(|w| !matches!(*w, "SECTION" | "OF"))
        .collect();
    words.join(" ")
}

/// Captions found on a line made only of caption words (or trailing a banner).
pub fn captions_in(line: &str) -> Vec<String> {
    // Every caption starts with one of these letters: most lines fail here.
    let first = line.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '/');
    if !first.starts_with(['S', 'N', 'E', 'L', 'C', 'R', 'D', 'O', 'P', 'F']) {
        return Vec::new();
    }
    let words = || {
        line.split(|c: char| c.is_whitespace() || c == ',' || c == '/')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches(['.', ':', '-']))
    };
    // Checked before anything is allocated: most lines hold other words.
    if words().next().is_some() && words().all(|w| CAPTIONS.contains(&w)) {
        return words().map(str::to_string).collect();
    }
    Vec::new()
}

/// Header items that may follow another on the same line, each with what must come right
/// after it. Upper-case; matched on the line's ASCII upper-case copy.
const GLUED_KEYS: [&str; 9] = [
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
    let t = line.trim_start();
    let banner_like = [
        "UNCLAS",
        "U N C L A S",
        "CONFIDENTIAL",
        "C O N F I D E N T I A L",
        "SECRET",
        "S E C R E T",
        "TOP SECRET",
        "T O P S E C R E T",
        "LIMITED OFFICIAL USE",
    ]
    .iter()
    .any(|w| t.starts_with(w));
    let colons = memchr::memchr_iter(b':', lb).count();
    let eo_inside = memchr::memchr_iter(b'.', lb).any(|i| {
        i > 1 && matches!(lb[i - 1], b'E' | b'e') && matches!(lb.get(i + 1), Some(b'O' | b'o'))
    });
    // One item with its value (`E.O. 12958: DECL: 01/07/2014`, `SUBJECT: X`) holds at most
    // two colons and no E.O. after its start: most lines end here.
    if !banner_like
        && !eo_inside
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

/// The routing lines decoded: transmission id, precedence and date-time group, FM, TO, INFO.
pub fn routing(header: &str) -> crate::cable::model::Routing {
    let mut r = crate::cable::model::Routing::default();
    #[derive(PartialEq)]
    enum In {
        None,
        To,
        Info,
    }
    let mut list = In::None;
    for line in header.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if r.transmission_id.is_none()
            && let Some(at) = t.find("VZCZC")
        {
            let id: String = t[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            r.transmission_id = Some(id);
            continue;
        }
        if r.dtg.is_none()
            && let Some(m) = DTG.find(t)
        {
            // The precedence letters before the group: `O 210722Z JUL 06`, `P R 281848Z ...`.
            let before = t[..m.start()].trim();
            let group = t[m.start()..m.end()].trim_matches(|c: char| !c.is_ascii_alphanumeric());
            let letter = before
                .split_whitespace()
                .next()
                .and_then(|w| w.chars().next());
            r.precedence = letter
                .and_then(|l| match l {
                    'Z' => Some("FLASH"),
                    'O' => Some("IMMEDIATE"),
                    'P' => Some("PRIORITY"),
                    'R' => Some("ROUTINE"),
                    _ => None,
                })
                .map(str::to_string);
            r.dtg = Some(format!("{before} {group}").trim().to_string());
            list = In::None;
            // `FM` may follow the group on the same line.
            let rest = t[m.end()..].trim();
            if let Some(from) = rest.strip_prefix("FM ") {
                r.from = Some(addressee(from));
            }
            continue;
        }
        if let Some(from) = t.strip_prefix("FM ") {
            r.from = Some(addressee(from));
            list = In::None;
            continue;
        }
        let (target, rest) = if let Some(rest) = t.strip_prefix("TO ") {
            (In::To, rest)
        } else if let Some(rest) = t.strip_prefix("INFO ") {
            (In::Info, rest)
        } else if t == "BT" || t.starts_with("ZEN") || t.starts_with("ZFF") {
            list = In::None;
            continue;
        } else if list != In::None && t.contains('/') {
            (list, t)
        } else {
            list = In::None;
            continue;
        };
        let a = addressee(rest);
        if !a.is_empty() {
            match target {
                In::To => r.to.push(a),
                In::Info => r.info.push(a),
                In::None => {}
            }
        }
        list = target;
    }
    r
}

/// `RUEHC/SECSTATE WASHDC IMMEDIATE 6818` → `SECSTATE WASHDC`: the routing indicator, the
/// precedence and the message number dropped.
fn addressee(text: &str) -> String {
    let t = text.trim();
    let t = match t.split_once('/') {
        Some((ri, rest)) if ri.starts_with('R') && !ri.contains(' ') => rest,
        _ => t,
    };
    let mut words: Vec<&str> = t.split_whitespace().collect();
    while let Some(last) = words.last() {
        if last.bytes().all(|b| b.is_ascii_digit())
            || matches!(
                *last,
                "IMMEDIATE" | "PRIORITY" | "ROUTINE" | "FLASH" | "NIACT" | "BT"
            )
        {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// The fields a header block yields.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeaderFields {
    pub banner: Option<String>,
    pub post_serial: Option<(String, u64)>,
    pub captions: Vec<String>,
    pub eo: Option<String>,
    /// The declassification date or instruction as written.
    pub declassify: Option<String>,
    pub tags: Vec<String>,
    pub subject: Option<String>,
    pub references_raw: Option<String>,
    pub classified_by: Option<String>,
    /// The `ENTIRE TEXT` level stated before the first paragraph, if any.
    pub entire_text: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    None,
    Tags,
    Subject,
    Ref,
    ClassifiedBy,
}

fn key_of(line: &str) -> Option<(Field, &str)> {
    let mut t = line.trim_start();
    // `(U) Classified by ...`: a portion marking before the key.
    if t.starts_with('(')
        && let Some(close) = t.find(')').filter(|&c| c <= 12)
        && crate::cable::marking::Marking::parse(&t[1..close]).is_some()
    {
        t = t[close + 1..].trim_start();
    }
    // Every key starts with T, S, U, R or C in either case (a non-ASCII letter may upper-case to
    // one of them, so only ASCII is rejected here).
    if t.as_bytes().first().is_none_or(|&b| {
        b.is_ascii() && !matches!(b.to_ascii_uppercase(), b'T' | b'S' | b'U' | b'R' | b'C')
    }) {
        return None;
    }
    let head = &t.as_bytes()[..t.len().min(16)];
    let mut ascii = [0u8; 16];
    let unicode: String;
    let upper_prefix: &str = if head.is_ascii() {
        // The first 16 characters are the first 16 bytes: upper-case them in place.
        ascii[..head.len()].copy_from_slice(head);
        ascii[..head.len()].make_ascii_uppercase();
        std::str::from_utf8(&ascii[..head.len()]).unwrap_or("")
    } else {
        unicode = t.chars().take(16).flat_map(char::to_uppercase).collect();
        &unicode
    };
    // `CLASSIFIED CONFIDENTIAL BY ...` in older cables.
    if upper_prefix.starts_with("CLASSIFIED ")
        && let Some(by) = t
            .get(..t.len().min(40))
            .and_then(|h| h.to_ascii_uppercase().find(" BY "))
        && let Some(level) = t.get(11..by).filter(|_| by > 11)
        && crate::cable::Level::of_classification(level.trim()).is_some()
    {
        return Some((Field::ClassifiedBy, t[by + 4..].trim_start()));
    }
    // Longer spellings first; teletype lost letters (`UBJECT:`), `REF(S):`, `REFTEL:`.
    for (key, field) in [
        ("TAGS", Field::Tags),
        ("TAG", Field::Tags),
        ("SUBJECT", Field::Subject),
        ("SUBJ", Field::Subject),
        ("UBJECT", Field::Subject),
        ("REFERENCES", Field::Ref),
        ("REFERENCE", Field::Ref),
        ("REF(S)", Field::Ref),
        ("REFTELS", Field::Ref),
        ("REFTEL", Field::Ref),
        ("REFS", Field::Ref),
        ("REF", Field::Ref),
        ("CLASSIFIED BY", Field::ClassifiedBy),
    ] {
        let Some(rest) = upper_prefix.strip_prefix(key) else {
            continue;
        };
        let sep = rest.starts_with([':', ';'])
            || (rest.starts_with('.') && key.starts_with("REF"))
            // `TAGS PREL, PGOV`, `SUBJECT ...`, `REF A: ...`: a space, then the value.
            || (rest.starts_with(' ') && (key.len() > 4 || key == "TAGS" || key == "REFS" || key == "REF"));
        if !sep {
            continue;
        }
        let after = t[key.len()..].trim_start();
        // `REF A: STATE 1`: the item's letter stays with the value.
        let after = after.trim_start_matches([':', ';', '.']).trim_start();
        if key == "REF" && rest.starts_with(' ') {
            let word = after.split_whitespace().next().unwrap_or("");
            // `REF` before a value, not the word in a sentence: the value starts with a
            // capital, a digit or a list letter.
            if !after
                .starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '(')
                || word.chars().any(char::is_lowercase)
            {
                continue;
            }
        }
        if key == "TAGS"
            && rest.starts_with(' ')
            && !after.starts_with(|c: char| c.is_ascii_uppercase())
        {
            continue;
        }
        return Some((field, after));
    }
    None
}

/// Keys that end a header item without being decoded.
fn ends_item(line: &str) -> bool {
    let b = line.as_bytes();
    [
        "DERIVED FROM",
        "REASON:",
        "REASONS:",
        "DECLASSIFY ON",
        "PASS TO",
        "ATTN:",
        "FOR:",
    ]
    .iter()
    .any(|k| {
        b.get(..k.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(k.as_bytes()))
    })
}

/// `(?i)^\s*E\.\s?O\.?\s*(\d{4,5}\b.*)$`, matched in two steps without capture groups (see
/// [`eo_value`]).
static EO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*E\.?\s?O\.?\s*").expect("valid regex"));

static EO_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4,5}\b").expect("valid regex"));

/// The E.O. line's value (from its number to the end), if `line` is one. The prefix can match
/// only one way (whitespace, dots and the optional space cannot stand where a digit must), so
/// the prefix found and then the number after it are what the one regex would capture.
fn eo_value(line: &str) -> Option<&str> {
    let m = EO.find(line)?;
    let value = &line[m.end()..];
    (EO_NUMBER.is_match(value) && !value.contains('\n')).then_some(value)
}

static DECL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:DECL(?:ASSIFY)?(?:\s+ON)?|DNG:\s*CO)\b\s*:?\s*(.+)$")
        .expect("valid regex")
});

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bOADR\b").expect("valid regex"));

/// Scans the lines before the first paragraph for header fields.
pub fn decode(lines: &[&str]) -> HeaderFields {
    decode_with(lines, true)
}

/// [`decode`]; with `post_serial` false the post and serial are not looked for (they only serve
/// to make up an id when the source gives none) and stay `None`.
pub fn decode_with(lines: &[&str], post_serial: bool) -> HeaderFields {
    let want_post_serial = post_serial;
    let mut h = HeaderFields::default();
    let mut field = Field::None;
    let mut buf = String::new();
    let flush = |h: &mut HeaderFields, field: Field, buf: &mut String| {
        let value = collapse(buf);
        buf.clear();
        if value.is_empty() {
            return;
        }
        match field {
            Field::Tags => {
                for tag in split_tags(&value) {
                    if !h.tags.contains(&tag) {
                        h.tags.push(tag);
                    }
                }
            }
            Field::Subject => {
                // Some pages glue the REF line onto the subject: `... UK PRIMEREF: A. LONDON 1939`.
                match value.find("REF:") {
                    Some(i) if i > 0 => {
                        h.references_raw = Some(value[i + 4..].trim().to_string());
                        h.subject = Some(value[..i].trim().to_string());
                    }
                    _ => h.subject = Some(value),
                }
                if let Some(subject) = h.subject.as_mut() {
                    let t = subject.trim_end_matches(['\\', '<', ' ']).len();
                    subject.truncate(t);
                }
            }
            Field::Ref => h.references_raw = Some(value),
            Field::ClassifiedBy => {
                if h.classified_by.is_none() {
                    h.classified_by = Some(classification_statement(&value).to_string());
                }
            }
            Field::None => {}
        }
    };
    let mut banner_line_pending = false;
    for line in lines {
        let trimmed = line.trim();
        if std::mem::take(&mut banner_line_pending)
            && let Some(ps) = self::post_serial(trimmed)
                .filter(|_| trimmed.ends_with(|c: char| c.is_ascii_digit()) && trimmed.len() < 40)
        {
            h.post_serial = Some(ps);
            continue;
        }
        if let Some((f, rest)) = key_of(line) {
            flush(&mut h, field, &mut buf);
            field = f;
            buf.push_str(rest);
            continue;
        }
        if trimmed.is_empty() {
            // REF lists and Classified By may continue after a blank line only with a new item.
            flush(&mut h, field, &mut buf);
            field = Field::None;
            continue;
        }
        if trimmed.starts_with(['E', 'e'])
            && let Some(eo) = eo_value(trimmed)
        {
            flush(&mut h, field, &mut buf);
            field = Field::None;
            let value = collapse(eo);
            h.declassify = declassify_of(&value);
            h.eo = Some(value);
            continue;
        }
        if h.banner.is_none()
            && let Some((word, tail)) = banner(trimmed)
        {
            flush(&mut h, field, &mut buf);
            field = Field::None;
            h.banner = Some(word);
            if want_post_serial && h.post_serial.is_none() {
                h.post_serial = self::post_serial(&tail);
                // A banner whose post and serial went onto the next line.
                banner_line_pending = h.post_serial.is_none();
            }
            for w in tail.split_whitespace() {
                if CAPTIONS.contains(&w) && !h.captions.iter().any(|c| c == w) {
                    h.captions.push(w.to_string());
                }
            }
            continue;
        }
        if field == Field::None {
            for c in captions_in(trimmed) {
                if !h.captions.contains(&c) {
                    h.captions.push(c);
                }
            }
            if h.entire_text.is_none() && contains_entire_text(trimmed) {
                h.entire_text = Some(trimmed.to_string());
            }
            if want_post_serial && h.post_serial.is_none() {
                h.post_serial = page_break(trimmed);
            }
            continue;
        }
        if is_page_break(trimmed) {
            // The text runs across a page break; the line is not part of any item.
            continue;
        }
        let caption_line = !captions_in(trimmed).is_empty();
        if (field == Field::Tags && (trimmed.contains(':') || caption_line))
            || ends_item(trimmed)
            || (field == Field::Subject && caption_line)
        {
            // A new "KEY:" line that we don't decode, or a caption, ends the item.
            flush(&mut h, field, &mut buf);
            field = Field::None;
            for c in captions_in(trimmed) {
                if !h.captions.contains(&c) {
                    h.captions.push(c);
                }
            }
            continue;
        }
        if prose(trimmed) {
            // Running text, not a wrapped header line: the item ended before it.
            flush(&mut h, field, &mut buf);
            field = Field::None;
            continue;
        }
        buf.push(' ');
        buf.push_str(trimmed.trim_end_matches('\\'));
    }
    flush(&mut h, field, &mut buf);
    h
}

/// A Classified By statement at the start of a paragraph's text (`CLASSIFIED BY DCM ROBERT S.
/// DEUTSCH; REASONS 1.5 (B) AND (D).`), up to where it ends.
pub fn classified_by_in(text: &str) -> Option<String> {
    let head = text.get(..text.len().min(400)).unwrap_or(text);
    let flat = collapse(head);
    let (field, rest) = key_of(&flat)?;
    if field != Field::ClassifiedBy {
        return None;
    }
    let statement = classification_statement(rest);
    // Without its reasons the statement ends with the sentence.
    let statement = if REASONS_END.is_match(rest) {
        statement
    } else {
        statement.split(". ").next().unwrap_or(statement)
    };
    (!statement.is_empty()).then(|| statement.to_string())
}

static REASONS_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\breasons?\b[^0-9]{0,12}1\.\s?\d(?:\s*\(?\s*[a-h]\s*\)?(?:\s*(?:,|and|&|/)\s*\(?\s*[a-h]\s*\)?)*)?\s*\.?")
        .expect("valid regex")
});

/// A Classified By statement up to where it ends: after its reasons (`1.4 (b) and (d).`), so
/// that a redaction, a heading or ¶1 glued after it stay out.
pub fn classification_statement(value: &str) -> &str {
    let end = REASONS_END.find(value).map_or(value.len(), |m| m.end());
    value[..end].trim().trim_end_matches(['-', ';', ',']).trim()
}

/// A line longer than a cable's lines ever are: running text of a collapsed or unwrapped
/// body, never the continuation of a header item.
fn prose(line: &str) -> bool {
    line.len() > 90 && line.chars().count() > 90
}

/// Where the header items before a cable's text end: the index of the first line after the
/// last banner, caption, E.O., TAGS, SUBJECT, REF or Classified By item (an item runs on to the
/// next blank line). For a cable without numbered paragraphs, its text starts there.
pub fn header_end(lines: &[&str]) -> usize {
    let mut end = 0;
    let mut in_item = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            in_item = false;
            continue;
        }
        let item = key_of(t).is_some()
            || eo_value(t).is_some()
            || banner(t).is_some()
            || !captions_in(t).is_empty()
            || is_page_break(t)
            || unglue(t).len() > 1;
        if item || (in_item && !prose(t)) {
            in_item = true;
            end = i + 1;
        } else {
            in_item = false;
        }
    }
    end
}

/// `line.to_uppercase().contains("ENTIRE TEXT")`, without the copy for ASCII lines.
pub(crate) fn contains_entire_text(line: &str) -> bool {
    if line.is_ascii() {
        const NEEDLE: &[u8] = b"ENTIRE TEXT";
        let b = line.as_bytes();
        // Wherever the needle's X falls, compare the bytes around it.
        return memchr::memchr2_iter(b'X', b'x', b).any(|x| {
            x >= 8
                && b.get(x - 8..x + 3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(NEEDLE))
        });
    }
    line.to_uppercase().contains("ENTIRE TEXT")
}

/// A declassification date as ISO 8601 (`2020-02-10`): `02/10/2020`, `6/30/08`,
/// `2020/02/23`, `2020-02-23`; `None` for an instruction (`OADR`, `1.6X1`).
pub fn declassify_iso(raw: &str) -> Option<String> {
    let t = raw.trim().trim_end_matches('.');
    let parts: Vec<&str> = t.split(['/', '-']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else {
        let y = num(c)?;
        let y = match c.len() {
            2 => {
                if y >= 50 {
                    1900 + y
                } else {
                    2000 + y
                }
            }
            4 => y,
            _ => return None,
        };
        (y, num(a)?, num(b)?)
    };
    let d = chrono::NaiveDate::from_ymd_opt(year, month as u32, day as u32)?;
    Some(d.format("%Y-%m-%d").to_string())
}

fn declassify_of(eo: &str) -> Option<String> {
    if let Some(c) = DECL.captures(eo) {
        let v = c[1].trim().trim_end_matches('.');
        // A date, then anything glued after it: the date alone.
        let first = v.split_whitespace().next().unwrap_or("");
        let v = if declassify_iso(first).is_some() {
            first
        } else {
            v
        };
        return (!v.is_empty()).then(|| v.to_string());
    }
    DATE.find(eo).map(|m| m.as_str().to_string())
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn split_tags(value: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let comma_separated = value.contains(',');
    for c in value.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth <= 0 => {
                push_tag(&mut tags, &cur);
                cur.clear();
            }
            c if c.is_whitespace() && depth <= 0 && !comma_separated => {
                push_tag(&mut tags, &cur);
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    push_tag(&mut tags, &cur);
    tags
}

fn push_tag(tags: &mut Vec<String>, t: &str) {
    let t = collapse(t);
    let t = t.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    if !t.is_empty() {
        tags.push(t.to_string());
    }
}

static PAGE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    // The post in capitals, or as edited texts write it (`Kuwait 00000808 004 of 007`).
    Regex::new(
        r"^\s*([A-Z][A-Za-z .'-]*?[A-Za-z])\s+(\d{5,8})\s+\d{3}(?:\.\d+)?\s+(?i:OF)\s+\d{3}\s*$",
    )
    .expect("valid regex")
});

/// A page-break line `USNATO 00000595 002.2 OF 003` gives (`USNATO`, 595).
pub fn page_break(line: &str) -> Option<(String, u64)> {
    if !may_be_page_break(line) {
        return None;
    }
    let caps = PAGE_BREAK.captures(line)?;
    Some((collapse(&caps[1]).to_uppercase(), caps[2].parse().ok()?))
}

/// True for a page-break or teletype page line that the text runs across.
pub fn is_page_break(line: &str) -> bool {
    // Both forms start with a capital letter.
    if !first_byte(line).is_some_and(|b| b.is_ascii_uppercase()) {
        return false;
    }
    (may_be_page_break(line) && PAGE_BREAK.is_match(line)) || is_teletype_page(line)
}

/// An ASCII byte that `char::is_whitespace` (and the regexes' `\s`) take as whitespace: unlike
/// `u8::is_ascii_whitespace`, with the vertical tab.
pub fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The first byte after leading whitespace; without decoding when the line starts with ASCII.
fn first_byte(line: &str) -> Option<u8> {
    match line.as_bytes().first() {
        Some(&b) if b.is_ascii() && !is_space(b) => Some(b),
        _ => line.trim_start().as_bytes().first().copied(),
    }
}

/// The last character before trailing whitespace; without decoding when the line ends with
/// ASCII.
fn last_char(line: &str) -> Option<char> {
    match line.as_bytes().last() {
        Some(&b) if b.is_ascii() && !is_space(b) => Some(b as char),
        _ => line.trim_end().chars().next_back(),
    }
}

/// What [`PAGE_BREAK`] needs: a capital first, a digit last (bar whitespace; `\d` takes
/// non-ASCII digits too) and `OF` in any case.
fn may_be_page_break(line: &str) -> bool {
    let b = line.as_bytes();
    first_byte(line).is_some_and(|b| b.is_ascii_uppercase())
        && last_char(line).is_some_and(|c| c.is_ascii_digit() || !c.is_ascii())
        && memchr::memchr2_iter(b'F', b'f', b).any(|i| i > 0 && matches!(b[i - 1], b'O' | b'o'))
}

static TELETYPE_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*PAGE \d{2}\s+\S.*$").expect("valid regex"));

fn is_teletype_page(line: &str) -> bool {
    line.trim_start().starts_with("PAGE ") && TELETYPE_PAGE.is_match(line)
}

/// What a line before the first paragraph is, read as [`decode_with`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    /// Banner, captions, E.O., TAGS, REF, Classified By, addressee notes among them, blanks.
    Header,
    /// A line of the SUBJECT field.
    Subject,
    /// Text after the header fields (the whole text of a cable without paragraph numbers).
    Text,
}

/// The role of each of `lines`: header fields as [`decode_with`] finds them; lines after the
/// last of them are text.
pub fn line_roles(lines: &[&str]) -> Vec<LineRole> {
    let mut roles = Vec::with_capacity(lines.len());
    let mut field = Field::None;
    let mut banner_seen = false;
    let mut last_field = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let role = if let Some((f, _)) = key_of(line) {
            field = f;
            last_field = Some(i);
            if f == Field::Subject {
                LineRole::Subject
            } else {
                LineRole::Header
            }
        } else if trimmed.is_empty() {
            field = Field::None;
            LineRole::Header
        } else if trimmed.starts_with(['E', 'e']) && eo_value(trimmed).is_some()
            || !banner_seen && banner(trimmed).is_some()
            || field == Field::None && (!captions_in(trimmed).is_empty() || is_page_break(trimmed))
        {
            banner_seen |= banner(trimmed).is_some();
            field = Field::None;
            last_field = Some(i);
            LineRole::Header
        } else if field == Field::Subject {
            last_field = Some(i);
            LineRole::Subject
        } else if field != Field::None {
            last_field = Some(i);
            LineRole::Header
        } else {
            LineRole::Text
        };
        roles.push(role);
    }
    // Lines among the fields (`STATE FOR EUR/RPM`) are the header's.
    if let Some(last) = last_field {
        for r in &mut roles[..last] {
            if *r == LineRole::Text {
                *r = LineRole::Header;
            }
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtg() {
        assert_eq!(
            find_dtg("P 211502Z DEC 09", Some(2009)).as_deref(),
            Some("2009-12-21T15:02:00Z")
        );
        assert_eq!(
            find_dtg("ZZHP 162341Z JAN 06FM AMEMBASSY", None).as_deref(),
            Some("2006-01-16T23:41:00Z")
        );
        assert_eq!(
            find_dtg("P R 281848Z DEC 66", None).as_deref(),
            Some("1966-12-28T18:48:00Z")
        );
    }

    #[test]
    fn eo_lines() {
        let old = Regex::new(r"(?i)^\s*E\.?\s?O\.?\s*(\d{4,5}\b.*)$").unwrap();
        for line in [
            "E.O. 12958: DECL: 1/1/2019",
            "e.o.12356: N/A",
            "E. O. 12958 DECL",
            "E.O 11652",
            "E.O. 129581",
            "E.O. 1295",
            "E.O.  12958x",
            "E..O. 12958",
            "E.O. 12958\nmore",
            " \u{b}E.O. 12065: GDS",
            "EO 12958",
            "E.O. ١٢٩٥٨ x",
        ] {
            let want = old.captures(line).map(|c| c.get(1).unwrap().as_str());
            assert_eq!(eo_value(line), want, "{line:?}");
        }
        let old = Regex::new(r"^\s*(UNCLAS(?:SIFIED)?|U N C L A S(?: S I F I E D)?|CONFIDENTIAL|C O N F I D E N T I A L|SECRET|S E C R E T|TOP SECRET|T O P S E C R E T|LIMITED OFFICIAL USE)\b(.*)$").unwrap();
        for line in [
            "UNCLASSIFIED",
            "UNCLAS SECTION 01 OF 02 STATE 000123",
            "UNCLASSIFIEDX",
            "UNCLASX",
            "SECRET\nSECTION",
            "  C O N F I D E N T I A L SECTION 01",
            "TOP SECRET/NOFORN",
            "SECRETARY",
            "LIMITED OFFICIAL USE SIPDIS",
        ] {
            let want = old
                .captures(line)
                .map(|c| c.get(2).unwrap().as_str().trim().to_string());
            let got = banner(line);
            assert!(want.is_some() || got.is_none(), "{line:?}");
            if let Some((_, tail)) = got {
                assert_eq!(Some(tail), want, "{line:?}");
            }
        }
    }

    #[test]
    fn banners() {
        assert_eq!(
            banner("C O N F I D E N T I A L SECTION 01 OF 02 REYKJAVIK 000195"),
            Some((
                "CONFIDENTIAL".into(),
                "SECTION 01 OF 02 REYKJAVIK 000195".into()
            ))
        );
        assert_eq!(
            post_serial("SECTION 01 OF 02 REYKJAVIK 000195"),
            Some(("REYKJAVIK".into(), 195))
        );
        assert_eq!(
            page_break("USNATO 00000595 002.2 OF 003"),
            Some(("USNATO".into(), 595))
        );
        assert_eq!(
            page_break("BERN 00000881  002 OF 002"),
            Some(("BERN".into(), 881))
        );
        assert!(banner("SECRET agents met").is_none());
    }
}

#[cfg(test)]
mod loose_banners {
    use super::*;

    #[test]
    fn mixed_case_and_spaced() {
        assert_eq!(
            banner("C o n f i d e n t i a l SECTION 01 OF 02 ROME 000123"),
            Some(("CONFIDENTIAL".into(), "SECTION 01 OF 02 ROME 000123".into()))
        );
        assert_eq!(
            banner("Confidential"),
            Some(("CONFIDENTIAL".into(), String::new()))
        );
        assert_eq!(
            banner("S e c r e t"),
            Some(("SECRET".into(), String::new()))
        );
        assert_eq!(banner("Secret talks"), None);
        assert_eq!(banner("C o n f i d e n t i a l talks went on"), None);
    }
}
