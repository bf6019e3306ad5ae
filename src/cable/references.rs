//! A `REF:` text read as a careful reader reads it: its lettered items, the cable ids they name
//! (spelt as the release spells them), and the references that are not cables (e-mails, IIRs,
//! telcons, papers), kept as written with their letter.

use serde::Serialize;

/// A reference that names no cable: an e-mail, a report, a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherReference {
    /// The item's letter or number as written (`C`), if the list has them.
    pub letter: Option<String>,
    pub text: String,
}

/// How the citing cable's id is written, which is how the ids it cites are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdStyle {
    /// `09MADRID59`: two-digit year, serial without leading zeros.
    Cablegate,
    /// `1974ATHENS02959`: four-digit year, serial of five digits (six for STATE).
    Plusd,
}

/// Posts of the release as its ids spell them; a post written in words (`NEW DELHI`,
/// `RIO DE JANEIRO`, `PORT-OF-SPAIN`) is its letters joined.
const POSTS: &str = "ABIDJAN ABUDHABI ABUJA ACCRA ADANA ADDISABABA AITTAIPEI ALEXANDRIA ALGIERS ALMATY \
AMMAN AMSTERDAM ANKARA ANTANANARIVO APIA ASHGABAT ASMARA ASTANA ASUNCION ATHENS AUCKLAND BAGHDAD \
BAKU BAMAKO BANDARSERIBEGAWAN BANGKOK BANGUI BANJUL BARCELONA BASRAH BEIJING BEIRUT BELFAST \
BELGRADE BELIZE BELMOPAN BERLIN BERN BISHKEK BOGOTA BONN BRASILIA BRATISLAVA BRAZZAVILLE \
BRIDGETOWN BRUSSELS BUCHAREST BUDAPEST BUENOSAIRES BUJUMBURA CAIRO CALCUTTA CALGARY CANBERRA \
CAPETOWN CARACAS CASABLANCA CDGENEVA CHENGDU CHENNAI CHIANGMAI CHISINAU CIUDADJUAREZ COLOMBO \
CONAKRY COPENHAGEN COTONOU CURACAO DAKAR DAMASCUS DARESSALAAM DHAHRAN DHAKA DILI DJIBOUTI DOHA \
DUBAI DUBLIN DURBAN DUSHANBE DUSSELDORF FLORENCE FRANKFURT FREETOWN FUKUOKA GABORONE GENEVA \
GEORGETOWN GRENADA GUADALAJARA GUANGZHOU GUATEMALA GUAYAQUIL HALIFAX HAMBURG HAMILTON HANOI \
HARARE HAVANA HELSINKI HERMOSILLO HILLAH HOCHIMINHCITY HONGKONG HYDERABAD ISLAMABAD ISTANBUL \
IZMIR JAKARTA JEDDAH JERUSALEM JOHANNESBURG KABUL KADUNA KAMPALA KARACHI KATHMANDU KHARTOUM KIEV \
KIGALI KINGSTON KINSHASA KIRKUK KOLKATA KOLONIA KOROR KRAKOW KUALALUMPUR KUWAIT KYIV LAGOS LAHORE \
LAPAZ LEIPZIG LIBREVILLE LILONGWE LIMA LISBON LJUBLJANA LOME LONDON LUANDA LUSAKA LUXEMBOURG \
MADRAS MADRID MAJURO MALABO MANAGUA MANAMA MANILA MAPUTO MARSEILLE MASERU MATAMOROS MBABANE \
MELBOURNE MERIDA MEXICO MILAN MINSK MOGADISHU MONROVIA MONTERREY MONTEVIDEO MONTREAL MOSCOW MOSUL \
MUMBAI MUNICH MUSCAT NAGOYA NAHA NAIROBI NAPLES NASSAU NDJAMENA NEWDELHI NIAMEY NICOSIA NOGALES \
NOUAKCHOTT NUEVOLAREDO OSAKAKOBE OSLO OTTAWA OUAGADOUGOU PANAMA PARAMARIBO PARIS PERTH PESHAWAR \
PHNOMPENH PODGORICA PORTAUPRINCE PORTLOUIS PORTMORESBY PORTOFSPAIN PRAGUE PRAIA PRETORIA PRISTINA \
QUEBEC QUITO RABAT RANGOON RECIFE REYKJAVIK RIGA RIODEJANEIRO RIYADH ROME RPODUBAI SAIGON SANAA \
SANJOSE SANSALVADOR SANTIAGO SANTODOMINGO SAOPAULO SAPPORO SARAJEVO SEOUL SHANGHAI SHENYANG \
SINGAPORE SKOPJE SOFIA STATE STOCKHOLM STPETERSBURG STRASBOURG SURABAYA SUVA SYDNEY TAIPEI TALLINN \
TASHKENT TBILISI TEGUCIGALPA TEHRAN TELAVIV THEHAGUE THESSALONIKI TIJUANA TIRANA TOKYO TORONTO \
TRIPOLI TUNIS ULAANBAATAR UNESCOPARIS UNROME UNVIEVIENNA USEUBRUSSELS USNATO USOSCE USUNNEWYORK \
VALLETTA VANCOUVER VATICAN VIENNA VIENTIANE VILNIUS VLADIVOSTOK WARSAW WELLINGTON WINDHOEK YAOUNDE \
YEKATERINBURG YEREVAN ZAGREB";

/// Short forms cables write for a post, and the post as ids spell it.
const ALIASES: [(&str, &str); 8] = [
    ("SECSTATE", "STATE"),
    ("DEPTEL", "STATE"),
    ("DEPT", "STATE"),
    ("UNVIE", "UNVIEVIENNA"),
    ("USUN", "USUNNEWYORK"),
    ("USEU", "USEUBRUSSELS"),
    ("USOSCE", "USOSCE"),
    ("AIT", "AITTAIPEI"),
];

/// Words that stand before a number without being a post.
const NOT_POSTS: &[&str] = &[
    "REF",
    "REFS",
    "REFTEL",
    "REFTELS",
    "AND",
    "OR",
    "THE",
    "OF",
    "TO",
    "FROM",
    "IN",
    "ON",
    "AT",
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "PARAGRAPHS",
    "SECTION",
    "PAGE",
    "NO",
    "NUMBER",
    "DATED",
    "FAM",
    "FAH",
    "IIR",
    "DTG",
    "MSG",
    "MESSAGE",
    "EMAIL",
    "E-MAIL",
    "MAIL",
    "TELCON",
    "MEMCON",
    "REPORT",
    "CIRCULAR",
    "PREVIOUS",
    "NOTAL",
    "JAN",
    "FEB",
    "MAR",
    "APR",
    "MAY",
    "JUN",
    "JUL",
    "AUG",
    "SEP",
    "SEPT",
    "OCT",
    "NOV",
    "DEC",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "USC",
    "CFR",
    "USG",
    "LAW",
    "RES",
    "RESOLUTION",
    "UNSCR",
    "DOC",
    "DOCUMENT",
    "REASON",
    "REASONS",
    "FY",
    "TAB",
    "ANNEX",
    "ITEM",
    "ITEMS",
    "PL",
    "EO",
];

/// Words that mark an item as something other than a cable.
const NOT_CABLES: &[&str] = &[
    "E-MAIL",
    "EMAIL",
    "MAIL",
    "IIR",
    "TELCON",
    "TELECON",
    "MEMCON",
    "LETTER",
    "FAX",
    "PAPER",
    "NONPAPER",
    "NON-PAPER",
    "MEETING",
    "CONVERSATION",
    "DTG",
    "FAM",
    "FAH",
    "DIPNOTE",
    "NOTE",
    "REPORT",
    "MSG",
    "CALL",
    "WEBSITE",
    "REPORTING",
];

/// True when `text` (a reference that gave no id) names one of `listed` once read with that
/// id's year: the source's own list already holds it (`STATE 15228` in a cable whose id has
/// no year, beside a metadata list with `08STATE15228`).
pub fn names_listed(text: &str, listed: &[String], style: IdStyle) -> bool {
    listed.iter().any(|id| {
        let year = id_year(id).0;
        year.is_some() && ids_in(text, year, style).iter().any(|found| found == id)
    })
}

/// The year an id starts with (`09` or `1974`), and how many digits it takes.
pub fn id_year(id: &str) -> (Option<i32>, usize) {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    let year = match digits {
        2 => id[..2]
            .parse::<i32>()
            .ok()
            .map(|y| if y >= 50 { 1900 + y } else { 2000 + y }),
        4 => id[..4].parse().ok().filter(|y| (1900..2100).contains(y)),
        _ => None,
    };
    (year, digits)
}

/// The cable ids and the other references of a `REF:` text, each cable id with the letter of
/// the list item that names it first (`A` for `A. 09 STATE 123`), if the list has letters.
/// `own_year` is the citing cable's year (four digits); `own_id` its id, never cited by itself.
pub fn resolve_lettered(
    raw: &str,
    own_year: Option<i32>,
    style: IdStyle,
    own_id: &str,
) -> (Vec<(String, Option<char>)>, Vec<OtherReference>) {
    let mut ids: Vec<(String, Option<char>)> = Vec::new();
    let mut others = Vec::new();
    for (letter, text) in items(raw) {
        let found = ids_in(text, own_year, style);
        let found: Vec<String> = found.into_iter().filter(|id| id != own_id).collect();
        let text = text.trim().trim_end_matches([';', ',']).trim();
        if found.is_empty() {
            if !text.is_empty() {
                others.push(OtherReference {
                    letter: letter.map(str::to_string),
                    text: text.to_string(),
                });
            }
            continue;
        }
        let letter = letter.and_then(|l| l.chars().next().filter(char::is_ascii_alphabetic));
        let letter = letter.map(|c| c.to_ascii_uppercase());
        for id in found {
            if !ids.iter().any(|(x, _)| *x == id) {
                ids.push((id, letter));
            }
        }
    }
    (ids, others)
}

/// The list items of a REF text: `A. ...`, `(A) ...`, `A) ...`, `¶B. ...`, `1. ...`, in
/// sequence (a doubled `A. A.` or `A. (a)` is one marker); without markers, items split at `;`.
fn items(raw: &str) -> Vec<(Option<&str>, &str)> {
    let markers = markers(raw);
    if markers.is_empty() {
        return raw
            .split(';')
            .filter(|t| !t.trim().is_empty())
            .map(|t| (None, t))
            .collect();
    }
    let mut out = Vec::new();
    let head = &raw[..markers[0].0];
    if !head.trim().is_empty() {
        out.push((None, head));
    }
    for (i, &(_, text_start, label)) in markers.iter().enumerate() {
        let end = markers.get(i + 1).map_or(raw.len(), |m| m.0);
        out.push((Some(label), &raw[text_start..end]));
    }
    out
}

/// `(marker start, text start, label)` of the markers that follow each other in sequence.
fn markers(raw: &str) -> Vec<(usize, usize, &str)> {
    let b = raw.as_bytes();
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let at_start = i == 0 || matches!(b[i - 1], b' ' | b';' | b',' | b'\t' | b'\n');
        if !at_start {
            i += 1;
            continue;
        }
        let mut j = i;
        if raw[j..].starts_with('¶') {
            j += '¶'.len_utf8();
        }
        let paren = b.get(j) == Some(&b'(');
        if paren {
            j += 1;
        }
        let label_start = j;
        while j < b.len() && b[j].is_ascii_alphanumeric() && j - label_start < 2 {
            j += 1;
        }
        let label = &raw[label_start..j];
        let closed = match b.get(j) {
            Some(b')') => true,
            Some(b'.') => !paren,
            _ => false,
        };
        let single_letter = label.len() == 1 && label.as_bytes()[0].is_ascii_alphabetic();
        let number = !label.is_empty() && label.bytes().all(|c| c.is_ascii_digit());
        if closed
            && (single_letter || number)
            && b.get(j + 1)
                .is_none_or(|c| *c == b' ' || c.is_ascii_uppercase() || *c == b'(')
        {
            found.push((i, j + 1, label));
            i = j + 1;
            continue;
        }
        i += 1;
    }
    // Keep the markers in sequence: A, B, C ... or 1, 2, 3 ...
    let mut kept: Vec<(usize, usize, &str)> = Vec::new();
    for m in found {
        let next = match kept.last() {
            None => matches!(m.2, "A" | "a" | "1"),
            Some(last) => {
                let (a, b) = (ordinal(last.2), ordinal(m.2));
                match (a, b) {
                    (Some(a), Some(b)) if b == a => {
                        // `A. A.` or `A. (a)`: the text starts after the second one.
                        if let Some(l) = kept.last_mut() {
                            l.1 = m.1;
                        }
                        continue;
                    }
                    (Some(a), Some(b)) => b == a + 1,
                    _ => false,
                }
            }
        };
        if next {
            kept.push(m);
        }
    }
    kept
}

fn ordinal(label: &str) -> Option<u32> {
    let b = label.as_bytes();
    match b {
        [c] if c.is_ascii_alphabetic() => Some((c.to_ascii_uppercase() - b'A') as u32 + 1),
        _ => label.parse().ok(),
    }
}

/// A word of a post as ids write it: letters only, upper-case (`N'DJAMENA` → `NDJAMENA`).
fn post_word(w: &str) -> Option<String> {
    let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')'));
    if w.is_empty() || !w.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    if !w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'))
    {
        return None;
    }
    let letters: String = w
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    (!letters.is_empty()).then_some(letters)
}

fn known_post(joined: &str) -> Option<&'static str> {
    if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == joined) {
        return Some(to);
    }
    // Looked up for every number of every REF line: a set, not a scan of the list.
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| POSTS.split_whitespace().collect());
    SET.get(joined).copied()
}

/// A serial as written: digits, a leading `-` or `#` allowed, a range (`6773-6779`) read as its
/// first number.
fn serial(token: &str) -> Option<u64> {
    let t = token.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | ')'));
    let t = t.trim_start_matches(['-', '#']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 7 {
        return None;
    }
    let rest = &t[digits..];
    if !(rest.is_empty() || rest.starts_with('-') && rest[1..].bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    t[..digits].parse().ok()
}

/// A year written beside an id: `09`, `2009`, `(08)`.
fn year_token(token: &str) -> Option<i32> {
    let t = token.trim_matches(|c: char| matches!(c, ',' | ';' | ':'));
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    match t.len() {
        2 if t.bytes().all(|c| c.is_ascii_digit()) => {
            let yy: i32 = t.parse().ok()?;
            Some(if yy >= 50 { 1900 + yy } else { 2000 + yy })
        }
        4 if t.bytes().all(|c| c.is_ascii_digit()) => {
            let y: i32 = t.parse().ok()?;
            (1950..2030).contains(&y).then_some(y)
        }
        _ => None,
    }
}

/// An id written whole: `10CAIRO68`, `1974ATHENS02959`.
fn whole_id(token: &str) -> Option<String> {
    let t = token.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '(' | ')'));
    let b = t.as_bytes();
    let year = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let post = b[year..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let serial = b[year + post..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (matches!(year, 2 | 4) && post >= 3 && serial >= 1 && year + post + serial == b.len())
        .then(|| t.to_string())
}

/// The cable ids one item names.
fn ids_in(text: &str, own_year: Option<i32>, style: IdStyle) -> Vec<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let upper: Vec<String> = tokens.iter().map(|t| t.to_uppercase()).collect();
    if upper.iter().any(|t| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        NOT_CABLES.contains(&t)
    }) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_post: Option<(String, Option<i32>)> = None;
    while i < tokens.len() {
        if let Some(id) = whole_id(tokens[i]) {
            out.push(id);
            i += 1;
            continue;
        }
        let Some(number) = serial(tokens[i]) else {
            i += 1;
            continue;
        };
        // `STATE 41252 AND 44603`, `BERLIN 1337, BERLIN 1340`: a further serial of the same post.
        let joined_by = i > 0 && matches!(upper[i - 1].as_str(), "AND" | "&");
        if joined_by && let Some((post, year)) = last_post.clone() {
            out.extend(format_id(year.or(own_year), &post, number, style));
            i += 1;
            continue;
        }
        // The post: up to three words before the serial, the longest known spelling first.
        let mut words: Vec<String> = Vec::new();
        let mut k = i;
        while k > 0 && words.len() < 3 {
            match post_word(tokens[k - 1]) {
                Some(w) if !NOT_POSTS.contains(&w.as_str()) => {
                    words.insert(0, w);
                    k -= 1;
                }
                _ => break,
            }
        }
        let mut post = None;
        for skip in 0..words.len() {
            let joined: String = words[skip..].concat();
            if let Some(p) = known_post(&joined) {
                post = Some((p.to_string(), i - (words.len() - skip)));
                break;
            }
        }
        if post.is_none()
            && let Some(last) = words.last()
            && last.len() >= 3
            && tokens[i - 1].chars().all(|c| !c.is_lowercase())
        {
            post = Some((last.clone(), i - 1));
        }
        let Some((post, post_at)) = post else {
            i += 1;
            continue;
        };
        // The year: written before the post, else right after the serial when no id follows.
        let before = post_at.checked_sub(1).and_then(|k| year_token(tokens[k]));
        let after = tokens
            .get(i + 1)
            .and_then(|t| year_token(t))
            .filter(|_| !id_follows(&tokens, i + 2));
        let year = before.or(after);
        out.extend(format_id(year.or(own_year), &post, number, style));
        last_post = Some((post, year));
        i += if after.is_some() && before.is_none() {
            2
        } else {
            1
        };
    }
    let mut unique = Vec::new();
    for id in out {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

/// True when post words and a serial start at token `from` (the year before them is theirs).
fn id_follows(tokens: &[&str], from: usize) -> bool {
    let mut k = from;
    while k < tokens.len() && k < from + 3 && post_word(tokens[k]).is_some() {
        k += 1;
    }
    k > from && tokens.get(k).is_some_and(|t| serial(t).is_some())
}

/// `None` when neither the item nor the citing cable gives the year: no id can be made.
fn format_id(year: Option<i32>, post: &str, serial: u64, style: IdStyle) -> Option<String> {
    let year = year?;
    Some(match style {
        IdStyle::Cablegate => format!("{:02}{post}{serial}", year.rem_euclid(100)),
        IdStyle::Plusd if post == "STATE" => format!("{year:04}{post}{serial:06}"),
        IdStyle::Plusd => format!("{year:04}{post}{serial:05}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids without their letters.
    fn resolve(
        raw: &str,
        own_year: Option<i32>,
        style: IdStyle,
        own_id: &str,
    ) -> (Vec<String>, Vec<OtherReference>) {
        let (ids, others) = resolve_lettered(raw, own_year, style, own_id);
        (ids.into_iter().map(|(id, _)| id).collect(), others)
    }

    fn ids(raw: &str, year: i32) -> Vec<String> {
        resolve(raw, Some(year), IdStyle::Cablegate, "").0
    }

    #[test]
    fn years_written_anywhere() {
        assert_eq!(ids("A. 2009 MADRID 59", 2010), ["09MADRID59"]);
        assert_eq!(ids("09 MADRID 59", 2010), ["09MADRID59"]);
        assert_eq!(ids("MADRID 59 (08)", 2010), ["08MADRID59"]);
        assert_eq!(ids("(99) ROME 2196", 2001), ["99ROME2196"]);
        assert_eq!(ids("AMMAN 07718 99", 2001), ["99AMMAN7718"]);
        assert_eq!(ids("MADRID 59", 2010), ["10MADRID59"]);
        assert_eq!(
            ids("BRASILIA 709 (08) SAO PAULO 542", 2009),
            ["09BRASILIA709", "08SAOPAULO542"]
        );
    }

    #[test]
    fn lists_posts_and_others() {
        assert_eq!(
            ids("STATE 41252 AND 44603", 2009),
            ["09STATE41252", "09STATE44603"]
        );
        assert_eq!(ids("SECSTATE 165115", 2006), ["06STATE165115"]);
        assert_eq!(
            ids("A. UNVIE 109 B. UNVIE 201", 2009),
            ["09UNVIEVIENNA109", "09UNVIEVIENNA201"]
        );
        assert_eq!(ids("RIO DE JANEIRO 12", 2009), ["09RIODEJANEIRO12"]);
        assert_eq!(ids("N'DJAMENA 12", 2009), ["09NDJAMENA12"]);
        assert_eq!(ids("PORT-OF-SPAIN 7", 2009), ["09PORTOFSPAIN7"]);
        assert_eq!(ids("Brasilia 532", 2005), ["05BRASILIA532"]);
        let (ids, others) = resolve(
            "A. NEW DELHI 1327 B. NEW DELHI 729 C. HOWARD-KESHAP E-MAIL 09MAR07",
            Some(2007),
            IdStyle::Cablegate,
            "",
        );
        assert_eq!(ids, ["07NEWDELHI1327", "07NEWDELHI729"]);
        assert_eq!(
            others,
            [OtherReference {
                letter: Some("C".into()),
                text: "HOWARD-KESHAP E-MAIL 09MAR07".into()
            }]
        );
        assert_eq!(
            resolve(
                "A. STATE 97844 B. ATHENS 2959",
                Some(1974),
                IdStyle::Plusd,
                ""
            )
            .0,
            ["1974STATE097844", "1974ATHENS02959"]
        );
        assert!(ids_in("STATE CA-3400 NOV 2, 1966", Some(1966), IdStyle::Cablegate).is_empty());
    }
}
