//! Extractors for `cables.csv`, plain text and Scoop pages, pinned on the real corpus files.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use cable_reader::cable::formats::{self, RawCable, cables_csv, scoop, text};
use cable_reader::cable::model::{Format, Warning};
use proptest::prelude::*;

fn corpus_dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(sub)
}

fn read(sub: &str) -> Vec<u8> {
    let path = corpus_dir(sub);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files(sub: &str, suffix: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(corpus_dir(sub))
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    out.sort();
    out
}

const EXCERPT: &str = "csv/cables.csv-excerpt_rows0001-0037.csv";
const EXCERPT_CRLF: &str = "csv/cables.csv-excerpt_rows0002-0034_CRLF.csv";

fn records_of(cables: &[RawCable]) -> Vec<u64> {
    cables.iter().map(|c| c.record.unwrap()).collect()
}

// ---------------------------------------------------------------------------------------------
// cables.csv

#[test]
fn csv_excerpt_loads_36_cables_and_reports_the_cut_record() {
    let out = cables_csv::extract(&read(EXCERPT));
    assert_eq!(records_of(&out.cables), (1..=36).collect::<Vec<_>>());
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert_eq!(out.errors[0].record, Some(37));
    assert!(
        out.errors[0].reason.contains("closing quote missing"),
        "{}",
        out.errors[0].reason
    );
    for c in &out.cables {
        assert_eq!(c.format, Some(Format::CablesCsv));
        assert!(c.id.is_some() && c.created.is_some() && c.origin.is_some());
        assert!(c.classification.is_some());
        assert!(!c.header.is_empty() && !c.body.is_empty());
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        for t in [&c.header, &c.body] {
            assert!(!t.contains('\r'));
            assert!(
                !t.contains("\\\"") && !t.contains("\\'"),
                "escape left in {:?}",
                c.id
            );
        }
    }
}

#[test]
fn csv_record_1_exact_values() {
    let out = cables_csv::extract(&read(EXCERPT));
    let c = &out.cables[0];
    assert_eq!(c.record, Some(1));
    assert_eq!(c.id.as_deref(), Some("66BUENOSAIRES2481"));
    assert_eq!(c.created.as_deref(), Some("1966-12-28 18:48"));
    assert_eq!(c.origin.as_deref(), Some("Embassy Buenos Aires"));
    assert_eq!(c.classification.as_deref(), Some("UNCLASSIFIED"));
    assert_eq!(c.references, vec!["66STATE106206"]);
    assert_eq!(c.subject, None);
    assert!(
        c.header
            .starts_with("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n")
    );
    assert!(c.header.ends_with("AMEMBASSY LONDON\nSTATE GRNC"));
    assert!(
        c.body
            .starts_with("UNCLASSIFIED BUENOS AIRES 2481 \n \nOriginal Telegram")
    );
    assert!(c.body.ends_with("GP-3 \nSACCIO \n"));
    assert!(
        c.body
            .contains("OF \"PREFERENTIAL JURISDICTION\" FOR FISHING PURPOSES.")
    );
    assert!(
        c.body
            .contains("AS \"EPICONTINENTAL SEA OUT TO 200 METER ISOBAR\".")
    );
    // 20 escaped double quotes and one escaped apostrophe in the record.
    assert_eq!(
        c.body.matches('"').count() + c.header.matches('"').count(),
        20
    );
}

#[test]
fn csv_metadata_of_other_records() {
    let out = cables_csv::extract(&read(EXCERPT));
    let by_id = |id: &str| {
        out.cables
            .iter()
            .find(|c| c.id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let tehran = by_id("72TEHRAN1164");
    assert_eq!(tehran.record, Some(2));
    assert_eq!(tehran.created.as_deref(), Some("1972-02-25 09:30"));
    assert_eq!(
        tehran.references,
        vec!["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"]
    );
    assert!(
        tehran.body.contains("SHAH'S"),
        "escaped apostrophes unescaped"
    );

    let r3 = by_id("72TEHRAN1381");
    assert!(r3.references.is_empty());
    assert_eq!(r3.created.as_deref(), Some("1972-03-09 05:40"));

    let gab = by_id("85GABORONE501");
    assert_eq!(gab.classification.as_deref(), Some("SECRET//NOFORN"));
    assert_eq!(gab.created.as_deref(), Some("1985-02-05 12:45"));

    let state = by_id("85STATE38496");
    assert_eq!(state.origin.as_deref(), Some("Secretary of State"));
    assert_eq!(state.created.as_deref(), Some("1985-02-07 22:58"));
    assert_eq!(
        state.references,
        vec!["85ROME1902", "85STATE14859", "85STATE31565"]
    );

    // Ids are taken as the file states them, malformed ones included.
    assert_eq!(by_id("7575LIBREVILLE1895").record, Some(10));
    assert_eq!(by_id("85NOFORNMOGADISHU1643").record, Some(30));
    assert_eq!(
        by_id("85BANDARSERIBEGAWAN214").origin.as_deref(),
        Some("Embassy Bandar Seri Begawan")
    );
}

/// The CRLF copy holds records 2-34; like the LF excerpt's last record, its record 34 lacks the
/// closing quote (the file ends right after `EAGLETON \r\n`), so it is reported, not loaded.
#[test]
fn csv_crlf_excerpt_matches_lf_excerpt() {
    let lf = cables_csv::extract(&read(EXCERPT));
    let crlf = cables_csv::extract(&read(EXCERPT_CRLF));
    assert_eq!(records_of(&crlf.cables), (2..=33).collect::<Vec<_>>());
    assert_eq!(crlf.errors.len(), 1, "{:?}", crlf.errors);
    assert_eq!(crlf.errors[0].record, Some(34));
    assert!(crlf.errors[0].reason.contains("closing quote missing"));
    for c in &crlf.cables {
        let other = lf
            .cables
            .iter()
            .find(|o| o.record == c.record)
            .expect("same record in the LF excerpt");
        assert_eq!(c, other, "record {:?} differs", c.record);
    }
}

#[test]
fn csv_single_record_files_give_the_named_cable() {
    let excerpt = cables_csv::extract(&read(EXCERPT));
    let singles = files("csv", ".csv");
    let mut seen = 0;
    for (name, bytes) in singles {
        if name.starts_with("cables.csv-excerpt") {
            continue;
        }
        seen += 1;
        let id = name.trim_end_matches(".csv");
        let out = cables_csv::extract(&bytes);
        if id == "85CAIRO6360" {
            // The excerpt's last record, cut: no closing quote.
            assert!(out.cables.is_empty());
            assert_eq!(out.errors.len(), 1);
            assert_eq!(out.errors[0].record, Some(37));
            assert!(out.errors[0].reason.contains("closing quote missing"));
            continue;
        }
        assert!(out.errors.is_empty(), "{name}: {:?}", out.errors);
        assert_eq!(out.cables.len(), 1, "{name}");
        let c = &out.cables[0];
        assert_eq!(c.id.as_deref(), Some(id), "{name}");
        let same = excerpt
            .cables
            .iter()
            .find(|o| o.record == c.record)
            .expect("record in excerpt");
        assert_eq!(c, same, "{name} differs from the excerpt's record");
    }
    assert_eq!(seen, 37);
}

#[test]
fn csv_detected_by_content() {
    assert_eq!(formats::detect(&read(EXCERPT)), Some(Format::CablesCsv));
    assert_eq!(
        formats::detect(&read(EXCERPT_CRLF)),
        Some(Format::CablesCsv)
    );
    assert_eq!(
        formats::detect(&read("csv/85BEIRUT992.csv")),
        Some(Format::CablesCsv)
    );
    assert!(!cables_csv::looks_like(b"\"hello\" he said"));
    assert!(!cables_csv::looks_like(b"\"id\",\"date\""));
}

#[test]
fn csv_low_level_records_give_field_ranges() {
    let bytes = read(EXCERPT);
    let items: Vec<_> = cables_csv::records(&bytes).collect();
    assert_eq!(items.len(), 37);
    let first = items[0].as_ref().expect("record 1");
    assert_eq!(first.record, 1);
    assert_eq!(first.span.start, 2, "after the stray quote line");
    assert_eq!(
        first.raw(&bytes, cables_csv::field::ID),
        b"66BUENOSAIRES2481"
    );
    assert_eq!(
        first.raw(&bytes, cables_csv::field::CREATED),
        b"12/28/1966 18:48"
    );
    assert_eq!(
        first.raw(&bytes, cables_csv::field::REFERENCES),
        b"66STATE106206"
    );
    assert!(
        first
            .raw(&bytes, cables_csv::field::BODY)
            .windows(5)
            .any(|w| w == b"OF \\\"")
    );
    assert_eq!(bytes[first.span.end - 1], b'"');
    assert!(items[36].is_err());
}

/// Byte offsets of every line that starts a record (`"<digits>","`), the cut last one included.
fn record_starts(bytes: &[u8]) -> Vec<usize> {
    (0..bytes.len())
        .filter(|&i| i == 0 || bytes[i - 1] == b'\n')
        .filter(|&i| {
            let rest = &bytes[i..];
            let digits = rest
                .iter()
                .skip(1)
                .take_while(|b| b.is_ascii_digit())
                .count();
            rest.first() == Some(&b'"') && digits > 0 && rest[1 + digits..].starts_with(b"\",\"")
        })
        .collect()
}

#[test]
fn csv_cut_anywhere_keeps_every_record_before_the_cut() {
    let bytes = read(EXCERPT);
    let full = cables_csv::extract(&bytes);
    let starts = record_starts(&bytes);
    assert_eq!(starts.len(), 37);
    for (k, &start) in starts.iter().enumerate().skip(1) {
        let record = k as u64 + 1;
        let next = starts.get(k + 1).copied().unwrap_or(bytes.len());
        let number_len = record.to_string().len();
        // Cuts inside the record number give the number as far as it goes; a cut right after
        // the opening quote leaves a lone quote line, which is skipped like the excerpt's first.
        for cut in [
            start + 2 + number_len + 2,
            start + 20,
            (start + next) / 2,
            next - 3,
        ] {
            let out = cables_csv::extract(&bytes[..cut]);
            assert_eq!(
                records_of(&out.cables),
                (1..record).collect::<Vec<_>>(),
                "cut at byte {cut}"
            );
            assert_eq!(&out.cables[..], &full.cables[..k]);
            assert_eq!(out.errors.len(), 1, "cut at byte {cut}: {:?}", out.errors);
            assert_eq!(out.errors[0].record, Some(record));
            assert!(out.errors[0].reason.starts_with("record cut off"));
        }
        // Cut inside the number: `"1` of `"10"`.
        let out = cables_csv::extract(&bytes[..start + 2]);
        assert_eq!(out.cables.len(), k);
        assert_eq!(out.errors.len(), 1);
        assert!(out.errors[0].reason.starts_with("record cut off"));
    }
}

#[test]
fn csv_unbalanced_record_in_the_middle_is_reported_and_the_rest_load() {
    let bytes = read(EXCERPT);
    let full = cables_csv::extract(&bytes);
    let starts = record_starts(&bytes);

    // Record 10 loses its closing quote line (`"\n` before record 11).
    let s11 = starts[10];
    assert_eq!(&bytes[s11 - 2..s11], b"\"\n");
    let mut damaged = bytes[..s11 - 2].to_vec();
    damaged.extend_from_slice(&bytes[s11..]);
    let out = cables_csv::extract(&damaged);
    let expect: Vec<u64> = (1..=36).filter(|&r| r != 10).collect();
    assert_eq!(records_of(&out.cables), expect);
    let errs: Vec<_> = out.errors.iter().map(|e| e.record).collect();
    assert_eq!(errs, vec![Some(10), Some(37)], "{:?}", out.errors);
    assert!(out.errors[0].reason.contains("malformed record"));
    for c in &out.cables {
        assert_eq!(Some(c), full.cables.iter().find(|o| o.record == c.record));
    }

    // Record 20 loses the opening quote of its body field.
    let s20 = starts[19];
    let s21 = starts[20];
    let rel = bytes[s20..s21]
        .windows(3)
        .rposition(|w| w == b"\",\"")
        .expect("header/body separator");
    let mut damaged = bytes.clone();
    damaged.remove(s20 + rel + 2);
    let out = cables_csv::extract(&damaged);
    let expect: Vec<u64> = (1..=36).filter(|&r| r != 20).collect();
    assert_eq!(records_of(&out.cables), expect);
    let errs: Vec<_> = out.errors.iter().map(|e| e.record).collect();
    assert_eq!(errs, vec![Some(20), Some(37)]);

    // Text between records that is not a record is reported and skipped.
    let mut junk = bytes[..s11].to_vec();
    junk.extend_from_slice(b"some stray line\n");
    junk.extend_from_slice(&bytes[s11..]);
    let out = cables_csv::extract(&junk);
    assert_eq!(records_of(&out.cables), (1..=36).collect::<Vec<_>>());
    assert_eq!(out.errors.len(), 2);
    assert_eq!(out.errors[0].record, None);
}

#[test]
fn csv_unescaping_rules() {
    let row = b"\"7\",\"1/2/2003 4:05\",\"03X7\",\"Embassy X\",\"SECRET\",\"\",\"HDR\",\"a \\\"q\\\" b\\'s c\\\\d e\\f \\\\\"\n";
    let out = cables_csv::extract(row);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let c = &out.cables[0];
    assert_eq!(c.body, "a \"q\" b's c\\d e\\f \\");
    assert_eq!(c.created.as_deref(), Some("2003-01-02 04:05"));
    assert_eq!(c.record, Some(7));
}

#[test]
fn csv_with_byte_order_mark() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&read("csv/85BEIRUT992.csv"));
    assert!(cables_csv::looks_like(&bytes));
    let out = cables_csv::extract(&bytes);
    assert!(out.errors.is_empty());
    assert_eq!(out.cables[0].id.as_deref(), Some("85BEIRUT992"));
}

#[test]
fn csv_bad_date_is_a_warning_not_a_failure() {
    let row = b"\"7\",\"yesterday\",\"03X7\",\"Embassy X\",\"SECRET\",\"\",\"HDR\",\"BODY\"\n";
    let out = cables_csv::extract(row);
    assert_eq!(out.cables.len(), 1);
    assert_eq!(out.cables[0].created, None);
    assert!(matches!(out.cables[0].warnings[0], Warning::Note { .. }));
}

// ---------------------------------------------------------------------------------------------
// Plain text

/// (file, id, created) for the Tika text files.
const TIKA: &[(&str, Option<&str>, &str)] = &[
    (
        "06NEWDELHI5135.txt",
        Some("06NEWDELHI5135"),
        "2006-07-21 07:22",
    ),
    (
        "06NEWDELHI5138.txt",
        Some("06NEWDELHI5138"),
        "2006-07-21 10:10",
    ),
    (
        "06NEWDELHI5237.txt",
        Some("06NEWDELHI5237"),
        "2006-07-26 08:35",
    ),
    (
        "06NEWDELHI5238.txt",
        Some("06NEWDELHI5238"),
        "2006-07-26 08:43",
    ),
    (
        "06NEWDELHI5239.txt",
        Some("06NEWDELHI5239"),
        "2006-07-26 08:58",
    ),
    (
        "06NEWDELHI5266.txt",
        Some("06NEWDELHI5266"),
        "2006-07-27 06:15",
    ),
    ("07BOGOTA1165.txt", Some("07BOGOTA1165"), "2007-02-16 19:02"),
    ("07BOGOTA1232.txt", Some("07BOGOTA1232"), "2007-02-21 23:31"),
    ("07BOGOTA1339.txt", Some("07BOGOTA1339"), "2007-02-26 21:03"),
    (
        "07KINGSTON382.txt",
        Some("07KINGSTON382"),
        "2007-03-19 15:58",
    ),
    (
        "07KINGSTON482.txt",
        Some("07KINGSTON482"),
        "2007-04-03 19:00",
    ),
    (
        "07KUALALUMPUR1376.txt",
        Some("07KUALALUMPUR1376"),
        "2007-09-10 09:36",
    ),
    (
        "07KUALALUMPUR1403.txt",
        Some("07KUALALUMPUR1403"),
        "2007-09-17 06:46",
    ),
    (
        "07KUALALUMPUR1446.txt",
        Some("07KUALALUMPUR1446"),
        "2007-09-21 09:15",
    ),
    ("09PARIS1007.txt", Some("09PARIS1007"), "2009-07-24 15:55"),
    ("09PARIS1040.txt", Some("09PARIS1040"), "2009-07-31 09:04"),
    ("09PARIS1052.txt", Some("09PARIS1052"), "2009-08-03 16:36"),
    ("09PARIS997.txt", Some("09PARIS997"), "2009-07-23 15:44"),
    (
        "09UNVIEVIENNA279.txt",
        Some("09UNVIEVIENNA279"),
        "2009-06-17 14:58",
    ),
    (
        "09UNVIEVIENNA281.txt",
        Some("09UNVIEVIENNA281"),
        "2009-06-17 17:35",
    ),
    (
        "09UNVIEVIENNA285.txt",
        Some("09UNVIEVIENNA285"),
        "2009-06-18 13:13",
    ),
    (
        "09UNVIEVIENNA289.txt",
        Some("09UNVIEVIENNA289"),
        "2009-06-19 15:59",
    ),
    // No VZCZC/DE lines to confirm the banner's serial: the id is left to the builder.
    ("09USEUBRUSSELS1177.txt", None, "2009-08-25 15:50"),
    (
        "09USEUBRUSSELS948.txt",
        Some("09USEUBRUSSELS948"),
        "2009-07-08 15:35",
    ),
];

#[test]
fn text_every_plain_text_file_loads() {
    let all = files("plain-text", ".txt");
    assert_eq!(all.len(), 29);
    for (name, bytes) in &all {
        let out = text::extract(bytes);
        assert!(out.errors.is_empty(), "{name}: {:?}", out.errors);
        assert_eq!(out.cables.len(), 1, "{name}");
        let c = &out.cables[0];
        assert_eq!(c.format, Some(Format::Text));
        for t in [&c.header, &c.body] {
            assert!(!t.contains('\r'), "{name}: CR left");
            assert!(!t.contains('\u{FFFD}'), "{name}: replacement character");
            for line in t.lines() {
                assert_eq!(line, line.trim_end(), "{name}: trailing blank");
                assert!(
                    !line.trim_start().starts_with('¶'),
                    "{name}: pilcrow left: {line}"
                );
            }
        }
        // Through format detection too.
        let via_mod = formats::extract(bytes);
        assert_eq!(via_mod.cables.len(), 1, "{name}");
    }
}

#[test]
fn text_tika_files_split_header_and_body() {
    for &(name, id, created) in TIKA {
        let out = text::extract(&read(&format!("plain-text/{name}")));
        let c = &out.cables[0];
        assert_eq!(c.id.as_deref(), id, "{name}");
        assert_eq!(c.created.as_deref(), Some(created), "{name}");
        assert_eq!(c.classification, None);
        let serial = name
            .trim_end_matches(".txt")
            .trim_start_matches(|ch: char| ch.is_ascii_digit())
            .trim_start_matches(|ch: char| ch.is_ascii_uppercase());
        let banner = c.body.lines().next().unwrap();
        assert!(
            ["UNCLAS ", "CONFIDENTIAL ", "SECRET "]
                .iter()
                .any(|w| banner.starts_with(w)),
            "{name}: {banner}"
        );
        assert!(
            banner.ends_with(&format!("{serial:0>6}")),
            "{name}: {banner}"
        );
        if name == "09USEUBRUSSELS1177.txt" {
            assert!(c.header.starts_with("INFO  LOG-00"));
            assert!(
                c.header
                    .ends_with("US CUSTOMS AND BORDER PROTECTION WASHINGTON DC\n")
            );
        } else {
            assert!(c.header.starts_with("VZCZC"), "{name}");
            assert!(c.header.contains("\nDE RUEH"), "{name}");
        }
        assert!(!c.header.contains("SUBJECT"), "{name}");
    }
}

#[test]
fn text_new_delhi_5135_exact() {
    let out = text::extract(&read("plain-text/06NEWDELHI5135.txt"));
    let c = &out.cables[0];
    assert!(
        c.header.starts_with(
            "VZCZCXRO7165\nOO RUEHBI RUEHCI RUEHLH RUEHPW\nDE RUEHNE #5135/01 2020722\n"
        )
    );
    assert!(
        c.header
            .ends_with("RUEKJCS/JOINT STAFF WASHDC\nRHEHNSC/NSC WASHDC\n")
    );
    assert!(
        c.body
            .starts_with("CONFIDENTIAL SECTION 01 OF 08 NEW DELHI 005135\n\nSIPDIS\n")
    );
    assert!(
        c.body
            .contains("\n1.  (C) Summary: The National Security Advisory Board --\n")
    );
    assert!(
        c.body
            .contains("\n37.  (U) Visit New Delhi's Classified Website:\n")
    );
    assert!(c.body.ends_with("PYATT\n"));
}

#[test]
fn text_paris_1007_is_windows_1252() {
    let bytes = read("plain-text/09PARIS1007.txt");
    assert!(std::str::from_utf8(&bytes).is_err());
    let out = text::extract(&bytes);
    let c = &out.cables[0];
    assert_eq!(
        c.warnings,
        vec![Warning::Decoded {
            encoding: "windows-1252".into()
        }]
    );
    assert!(!c.body.contains('\u{FFFD}') && !c.header.contains('\u{FFFD}'));
    assert!(!c.body.contains('\r'));
    assert!(c.body.starts_with("CONFIDENTIAL PARIS 001007\n"));
    assert!(c.body.contains("\n1. (C) Summary:   Mubarak and Sarkozy"));
    // The cp1252 byte 0xAC of the source stays the character it stands for.
    assert!(c.body.contains("conference is \u{ac} a\ngadget,8"));
}

#[test]
fn text_alx_metadata() {
    let get = |name: &str| {
        let out = text::extract(&read(&format!("plain-text/{name}")));
        assert!(out.errors.is_empty());
        out.cables.into_iter().next().unwrap()
    };

    let v = get("01VATICAN5693.alx.txt");
    assert_eq!(v.id.as_deref(), Some("01VATICAN5693"));
    assert_eq!(
        v.subject.as_deref(),
        Some("SOUTH ASIA BUREAU AFGHANISTAN COORDINATOR")
    );
    assert_eq!(v.created.as_deref(), Some("2001-11-02 00:00"));
    assert_eq!(v.classification.as_deref(), Some("CONFIDENTIAL"));
    assert_eq!(v.origin.as_deref(), Some("Embassy Vatican"));
    assert_eq!((v.header.as_str(), v.body.as_str()), ("", ""));
    assert!(
        matches!(&v.warnings[..], [Warning::Note { message }] if message.contains("metadata only"))
    );

    let a = get("02ANKARA8150.alx.txt");
    assert_eq!(a.id.as_deref(), Some("02ANKARA8150"));
    assert_eq!(a.created.as_deref(), Some("2002-11-13 00:00"));
    assert_eq!(a.classification.as_deref(), Some("UNCLASSIFIED"));
    assert_eq!(a.origin.as_deref(), Some("Embassy Ankara"));
    assert_eq!(
        a.subject.as_deref(),
        Some("UPDATE ON TURKEY'S CONTRIBUTION TO AFGHANISTAN")
    );
    assert_eq!(a.header, "");
    assert!(a.body.starts_with("UNCLAS ANKARA 008150\n"));
    assert!(
        a.body
            .contains("\nREF: A. ANKARA 7410\n     B. SECSTATE 200660\n")
    );
    assert!(a.body.contains("\n1.  EmbOffs met with"));
    assert!(
        matches!(&a.warnings[..], [Warning::Note { message }] if message.starts_with("This record is a partial extract"))
    );

    let b = get("85BEIRUT1013.alx.txt");
    assert_eq!(b.id.as_deref(), Some("85BEIRUT1013"));
    assert_eq!(
        b.subject.as_deref(),
        Some("FURTHER ON HIZBALLAH \"MANIFESTO\"")
    );
    assert_eq!(b.created.as_deref(), Some("1985-02-19 00:00"));
    assert_eq!(b.origin.as_deref(), Some("Embassy Beirut"));
    assert_eq!(
        b.header,
        "O 191237Z FEB 85\nFM AMEMBASSY BEIRUT\nTO SECSTATE WASHDC IMMEDIATE 1805\n\
         INFO AMEMBASSY DAMASCUS PRIORITY\nAMEMBASSY TEL AVIV PRIORITY\nAMCONSUL JERUSALEM PRIORITY\n"
    );
    assert!(
        b.body
            .starts_with("UNCLAS BEIRUT 01013\n\nFOR OFFICIAL USE ONLY\n")
    );
    assert!(b.body.contains("\n1.  AS REPORTED REFTEL, HIZBALLAH"));
    assert!(b.body.ends_with("BARTHOLOMEW\n"));
    assert!(b.warnings.is_empty());

    let m = get("90MANAMA4053.alx.txt");
    assert_eq!(m.created.as_deref(), Some("1990-08-21 00:00"));
    assert_eq!(
        m.subject.as_deref(),
        Some("TFKU01:  IRAQI BEHAVIOR IN KUWAIT")
    );
    assert!(m.header.ends_with("SECSTATE WASHDC IMMEDIATE 2535\n"));
    assert!(m.body.starts_with("UNCLAS MANAMA 04053\n"));

    let s = get("96STATE194868.alx.txt");
    assert_eq!(s.id.as_deref(), Some("96STATE194868"));
    assert_eq!(s.subject, None, "empty subject line");
    assert_eq!(s.created.as_deref(), Some("1996-09-18 00:00"));
    assert_eq!(s.classification.as_deref(), Some("SECRET"));
    assert_eq!(s.origin.as_deref(), Some("Secretary of State"));
    assert!(
        s.header
            .starts_with("P R 182326Z SEP 96\nFM SECSTATE WASHDC\n")
    );
    assert!(s.header.ends_with("AMEMBASSY NAIROBI\n"));
    assert!(s.body.starts_with("S E C R E T STATE 194868\n"));
    assert!(s.body.contains("\n1. (U) CLASSIFIED BY E. GIBSON LANPHER"));
}

#[test]
fn text_rejects_binary_and_non_cables() {
    let bin = text::extract(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0");
    assert!(bin.cables.is_empty());
    assert_eq!(bin.errors[0].reason, "binary file, not a cable");
    let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_eq!(
        text::extract(&noise).errors[0].reason,
        "binary file, not a cable"
    );

    let prose = text::extract(b"Dear diary,\nToday nothing happened.\n");
    assert!(prose.cables.is_empty());
    assert_eq!(prose.errors[0].reason, "no cable found in text");
    assert_eq!(
        text::extract(b"").errors[0].reason,
        "no cable found in text"
    );
}

#[test]
fn text_without_a_clear_header_keeps_everything_in_the_body() {
    let src = b"SUBJECT: SOMETHING\n\n1. (C) First paragraph \r\n\xb62. (S) Second.\r\n";
    let out = text::extract(src);
    let c = &out.cables[0];
    assert_eq!(c.header, "");
    assert_eq!(
        c.body,
        "SUBJECT: SOMETHING\n\n1. (C) First paragraph\n2. (S) Second.\n"
    );
    assert_eq!(c.id, None);
}

// ---------------------------------------------------------------------------------------------
// Scoop

#[test]
fn scoop_reference_cable() {
    let bytes = read("scoop-text/09USNATO595.txt");
    assert_eq!(formats::detect(&bytes), Some(Format::Scoop));
    let out = scoop::extract(&bytes);
    assert!(out.errors.is_empty());
    let c = &out.cables[0];
    assert_eq!(c.format, Some(Format::Scoop));
    assert_eq!(
        c.subject.as_deref(),
        Some("Nato-Russia: Secretary General's Trip to Moscow")
    );
    assert_eq!(c.created.as_deref(), Some("2009-12-21 15:02"));
    assert_eq!(c.id.as_deref(), Some("09USNATO595"));
    assert_eq!(c.header, "DE RUEHNO #0595/01 3551502\nP 211502Z DEC 09\n");
    assert!(
        c.body
            .starts_with("E.O. 12958: N/A\nUSNATO 00000595 001.2 OF 003\n1. (U) Below")
    );
    assert!(c.body.contains("19. (SBU) Prime Minister Putin"));
    assert!(c.body.contains("\nUSNATO 00000595 003.2 OF 003\n"));
    assert!(
        c.body
            .ends_with("made a political decision not to do so. END TEXT.\n")
    );
    for t in [&c.header, &c.body] {
        assert!(!t.contains("View as:"));
        assert!(!t.contains("Scoop Media"));
        assert!(!t.contains("Cablegate:") && !t.contains("Published:"));
    }
    assert!(c.warnings.is_empty());
}

#[test]
fn scoop_navigation_after_the_footer_never_enters_the_cable() {
    let mut bytes = read("scoop-text/09USNATO595.txt");
    let plain = scoop::extract(&bytes).cables.remove(0);
    bytes.extend_from_slice(
        "\nHome | Politics | Business\n20. (U) More news from Scoop\nSUBJECT: junk\n".as_bytes(),
    );
    let with_nav = scoop::extract(&bytes).cables.remove(0);
    assert_eq!(plain, with_nav);
}

#[test]
fn scoop_wikileak_page_with_a_pasted_csv_row() {
    let bytes = read("scoop-text/06WELLINGTON41.excerpt.txt");
    assert_eq!(formats::detect(&bytes), Some(Format::Scoop));
    let out = scoop::extract(&bytes);
    assert!(out.errors.is_empty());
    let c = &out.cables[0];
    assert_eq!(c.format, Some(Format::Scoop));
    assert_eq!(c.id.as_deref(), Some("06WELLINGTON41"));
    assert_eq!(c.record, Some(49814));
    assert_eq!(c.created.as_deref(), Some("2006-01-16 23:41"));
    assert_eq!(c.origin.as_deref(), Some("Embassy Wellington"));
    assert_eq!(c.classification.as_deref(), Some("SECRET"));
    assert!(c.references.is_empty());
    assert_eq!(c.subject.as_deref(), Some("Lange's Last Laugh"));
    assert!(
        c.header
            .starts_with("VZCZCXYZ0001PP RUEHWEBDE RUEHWL #0041 0162341")
    );
    assert!(c.header.ends_with("RHHMUNA/USCINCPAC HONOLULU HI PRIORITY"));
    assert!(c.body.starts_with("S E C R E T\nWELLINGTON 000041 SIPDIS"));
    assert!(c.body.contains("\nSUBJECT: LANGE'S LAST LAUGH\n"));
    assert!(
        c.body
            .contains("\n1. (C) Former NZ Prime Minister David Lange's")
    );
    assert!(c.body.contains("\n2. (S) The Sunday Star-Times"));
    // The page excerpt is cut mid-word: said so.
    assert!(
        matches!(&c.warnings[..], [Warning::Note { message }] if message.contains("no closing quote"))
    );
}

#[test]
fn pasted_rows_are_read_in_plain_text_too() {
    let src = "Some page\n123,2/3/2004 5:06,04\nPARIS77,Embassy\nParis,CONFIDENTIAL,04STATE1|04PARIS2,R 030506Z FEB 04FM AMEMBASSY PARIS,\"CONFIDENTIAL PARIS 000077\nSUBJECT: X\n1. (C) Text \\\"quoted\\\".\"\nfooter\n";
    let out = text::extract(src.as_bytes());
    let c = &out.cables[0];
    assert_eq!(c.format, Some(Format::Text));
    assert_eq!(c.id.as_deref(), Some("04PARIS77"));
    assert_eq!(c.created.as_deref(), Some("2004-02-03 05:06"));
    assert_eq!(c.origin.as_deref(), Some("Embassy Paris"));
    assert_eq!(c.references, vec!["04STATE1", "04PARIS2"]);
    assert_eq!(c.header, "R 030506Z FEB 04FM AMEMBASSY PARIS");
    assert_eq!(
        c.body,
        "CONFIDENTIAL PARIS 000077\nSUBJECT: X\n1. (C) Text \"quoted\"."
    );
    assert!(c.warnings.is_empty());
}

#[test]
fn scoop_without_title_is_an_error() {
    let out = scoop::extract(b"Just some text\n");
    assert!(out.cables.is_empty());
    assert_eq!(out.errors.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Size and robustness

fn assert_quick(what: &str, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    // Far above what linear work needs even in a debug build; quadratic work would take hours.
    assert!(
        t.elapsed() < Duration::from_secs(60),
        "{what} took {:?}",
        t.elapsed()
    );
}

#[test]
fn large_pathological_inputs_stay_linear() {
    let quotes = vec![b'"'; 10 << 20];
    assert_quick("csv quotes", || drop(cables_csv::extract(&quotes)));
    assert_quick("text quotes", || drop(text::extract(&quotes)));
    assert_quick("scoop quotes", || drop(scoop::extract(&quotes)));

    let quote_lines = b"\"\n".repeat(5 << 20);
    assert_quick("csv quote lines", || {
        drop(cables_csv::extract(&quote_lines))
    });

    let record_starts = b"\"1\",\"\n".repeat(1 << 20);
    assert_quick("csv record starts", || {
        drop(cables_csv::extract(&record_starts))
    });

    let escapes = b"\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\""
        .iter()
        .copied()
        .chain(b"\\\"\\\n".repeat(2 << 20))
        .collect::<Vec<_>>();
    assert_quick("csv escapes", || {
        let out = cables_csv::extract(&escapes);
        assert_eq!(out.errors.len(), 1);
    });

    let mut line = b"SECRET ".repeat(7 << 20);
    line.extend_from_slice(b"PARIS 000123");
    assert_quick("text long line", || drop(text::extract(&line)));
    assert_quick("scoop long line", || drop(scoop::extract(&line)));

    let digits_rows = b"1,1/1/2000 0:00,00AB,x,".repeat(1 << 20);
    assert_quick("pasted rows", || drop(text::extract(&digits_rows)));
    let digit_lines = b"1\n".repeat(5 << 20);
    assert_quick("digit lines", || drop(text::extract(&digit_lines)));

    let mut scoop_page = b"Cablegate: X\nPublished: Mon 21 Dec 2009 03:02 PM\n".to_vec();
    scoop_page.extend(b"DE RUEHNO #0595/01 3551502\n".repeat(1 << 20));
    assert_quick("scoop header lines", || drop(scoop::extract(&scoop_page)));
}

/// Fragments that steer random input into the parsers' interesting paths.
fn fragments() -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static [u8]> = vec![
        b"\"",
        b"\\",
        b",",
        b"\n",
        b"\r\n",
        b"\r",
        b" ",
        b"1",
        b"/",
        b":",
        b"|",
        b"\",\"",
        b"\"1\",\"",
        b"\n\"2\",\"",
        b"12/28/1966 18:48",
        b"\\\"",
        b"\\'",
        b"\xb6",
        b"\xc2\xb6",
        "é€".as_bytes(),
        b"\xff",
        b"\0",
        b"VZCZC",
        b"DE RUEHNE #5135/01 2020722",
        b"O 210722Z JUL 06",
        b"FM AMEMBASSY X",
        b"CONFIDENTIAL ",
        b"S E C R E T ",
        b"SECTION 01 OF 02 ",
        b"NEW DELHI 005135",
        b"1. (C) ",
        b"SUBJECT:",
        b"Cablegate: ",
        b"Wikileak: ",
        b"Published: Mon 21 Dec 2009 03:02 PM",
        b"View as: DESKTOP",
        b"49814,1/16/2006 23:41,06\nWELLINGTON41,",
        b"USNATO 00000595 001.2 OF 003",
        b"01VATICAN5693\n\nFri Nov 02 00:00:00 +0100 2001\nCONFIDENTIAL\nEmbassy Vatican\n",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = cables_csv::extract(&bytes);
        let _ = cables_csv::records(&bytes).count();
        let _ = cables_csv::looks_like(&bytes);
        let _ = text::extract(&bytes);
        let _ = scoop::extract(&bytes);
        let _ = scoop::looks_like(&bytes);
        let _ = formats::extract(&bytes);
    }

    #[test]
    fn no_panic_on_cable_like_fragments(bytes in fragments()) {
        let csv = cables_csv::extract(&bytes);
        for c in &csv.cables {
            prop_assert!(!c.body.contains('\r') && !c.header.contains('\r'));
        }
        let _ = text::extract(&bytes);
        let _ = scoop::extract(&bytes);
        let _ = formats::extract(&bytes);
    }

    /// Records written with backslash escapes read back exactly; cutting the file anywhere keeps
    /// every record that ends before the cut.
    #[test]
    fn csv_round_trip_and_cuts(
        bodies in prop::collection::vec("[A-Z \"'\\\\,\n.|]{0,40}", 1..6),
        cut_at in any::<prop::sample::Index>(),
    ) {
        let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\'', "\\'");
        let mut file = String::from("\"\n");
        let mut ends = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            file.push_str(&format!(
                "\"{}\",\"1/2/2003 4:05\",\"03X{}\",\"Embassy X\",\"SECRET\",\"03A1|03B2\",\"H{}\",\"{}\"",
                i + 1, i + 1, escape(body), escape(body)
            ));
            ends.push(file.len());
            file.push('\n');
        }
        let out = cables_csv::extract(file.as_bytes());
        prop_assert!(out.errors.is_empty(), "{:?}", out.errors);
        prop_assert_eq!(out.cables.len(), bodies.len());
        for (c, body) in out.cables.iter().zip(&bodies) {
            prop_assert_eq!(&c.body, body);
            prop_assert_eq!(c.header.strip_prefix('H'), Some(body.as_str()));
            prop_assert_eq!(&c.references, &vec!["03A1".to_string(), "03B2".to_string()]);
        }
        let cut = cut_at.index(file.len() + 1);
        let part = cables_csv::extract(&file.as_bytes()[..cut]);
        let complete = ends.iter().filter(|&&e| e <= cut).count();
        prop_assert!(part.cables.len() >= complete);
        for (c, body) in part.cables.iter().zip(&bodies).take(complete) {
            prop_assert_eq!(&c.body, body);
        }
    }
}
