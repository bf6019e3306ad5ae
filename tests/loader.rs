//! The loader on real cables from tests/corpus, with exact expected values.

use std::path::{Path, PathBuf};

use cable_reader::cable::{Cable, Format, Warning, load_paths};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)
}

fn load(rel: &str) -> Vec<Cable> {
    let report = load_paths(&[corpus(rel)]);
    assert!(
        report.errors.is_empty() || rel.contains("excerpt") || rel.contains("CAIRO"),
        "{rel}: {:?}",
        report.errors
    );
    report.cables
}

fn one(rel: &str) -> Cable {
    let mut cables = load(rel);
    assert_eq!(cables.len(), 1, "{rel}");
    cables.remove(0)
}

/// `1:U 2:SBU ...`; `-` for unmarked, `*` for a marking inherited from ENTIRE TEXT.
fn numbers_and_markings(c: &Cable) -> String {
    c.paragraphs
        .iter()
        .map(|p| {
            format!(
                "{}:{}{}",
                p.number.map_or("_".to_string(), |n| n.to_string()),
                p.marking
                    .as_ref()
                    .map_or("-".to_string(), |m| m.to_string()),
                if p.inherited { "*" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn reference_cable() {
    let c = one("scoop-text/09USNATO595.txt");
    assert_eq!(c.id, "09USNATO595");
    assert_eq!(c.format, Some(Format::Scoop));
    assert_eq!(c.date.as_deref(), Some("2009-12-21T15:02:00Z"));
    assert_eq!(c.origin, "USNATO");
    assert_eq!(c.subject, "Nato-Russia: Secretary General's Trip to Moscow");
    assert_eq!(c.eo.as_deref(), Some("12958: N/A"));
    let numbers: Vec<u32> = c.paragraphs.iter().filter_map(|p| p.number).collect();
    assert_eq!(numbers, (1..=19).collect::<Vec<_>>());
    for p in &c.paragraphs {
        let want = if p.number <= Some(2) { "U" } else { "SBU" };
        assert_eq!(
            p.marking.as_ref().unwrap().to_string(),
            want,
            "¶{:?}",
            p.number
        );
        assert_eq!(p.marking_raw.as_deref(), Some(want));
        assert!(!p.inherited);
        for junk in ["USNATO 00000595", "OF 003", "View as", "Scoop", "DESKTOP"] {
            assert!(!p.text.contains(junk), "¶{:?} holds {junk:?}", p.number);
        }
    }
    let p10 = c.paragraph(10).unwrap();
    assert!(p10.text.ends_with("Operation ACTIVE"), "{:?}", p10.text);
    assert!(c.warnings.contains(&Warning::MissingText { paragraph: 10 }));
    assert!(c.warnings.contains(&Warning::MissingText { paragraph: 3 }));
    assert!(c.warnings.contains(&Warning::MissingText { paragraph: 9 }));
    // Paragraphs that end properly carry no warning.
    assert!(!c.warnings.contains(&Warning::MissingText { paragraph: 1 }));
    assert!(!c.warnings.contains(&Warning::MissingText { paragraph: 4 }));
    // ¶11 starts after a page break and ¶19 ends the cable.
    assert!(
        c.paragraph(11)
            .unwrap()
            .text
            .starts_with("President Medvedev, Prime Minister Putin")
    );
    assert!(
        c.paragraph(19)
            .unwrap()
            .text
            .ends_with("made a political decision not to do so. END TEXT.")
    );
}

/// (file, id, date, classification, origin, paragraphs with markings)
const TABLE: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "scoop-text/09USNATO595.txt",
        "09USNATO595",
        "2009-12-21T15:02:00Z",
        "",
        "USNATO",
        "1:U 2:U 3:SBU 4:SBU 5:SBU 6:SBU 7:SBU 8:SBU 9:SBU 10:SBU 11:SBU 12:SBU 13:SBU 14:SBU 15:SBU 16:SBU 17:SBU 18:SBU 19:SBU",
    ),
    (
        "scoop-text/06WELLINGTON41.excerpt.txt",
        "06WELLINGTON41",
        "2006-01-16T23:41:00Z",
        "SECRET",
        "Embassy Wellington",
        "1:C 2:S",
    ),
    (
        "wikileaks-html/10RIYADH182.html",
        "10RIYADH182",
        "2010-02-12T12:15:00Z",
        "SECRET//NOFORN",
        "Embassy Riyadh",
        "1:C 2:C 3:S//NF 4:C 5:C 6:C 7:S//NF 8:S//NF 9:S//NF 10:S//NF",
    ),
    (
        "wikileaks-html/08STATE116943.html",
        "08STATE116943",
        "2008-11-03T18:12:00Z",
        "SECRET//NOFORN",
        "Secretary of State",
        "1:U 2:U 3:U 4:U 5:U 6:U 7:U 8:SBU 9:SBU 10:S//NF 11:S//NF 12:S//NF 13:SBU 14:U 15:S//FGI//NF 16:S//FGI//NF 17:S//FGI//NF 18:S//NF 19:U 20:S//NF 21:U 22:SBU 23:SBU 24:S//NF 25:S//NF 26:S//NF 27:S//NF 28:S//NF 29:S//FGI//NF 30:S//NF 31:S//FGI//NF 32:U 33:S//REL TO USA, FVEY 34:U 35:U 36:C 37:S//NF 38:U 39:S//NF 40:S//NF 41:S//REL TO USA, FVEY 42:S//NF 43:S//REL TO USA, ACGU 44:S//REL TO USA, FVEY 45:S//NF 46:U 47:SBU 48:SBU 49:SBU",
    ),
    (
        "wikileaks-html/09KABUL376.html",
        "09KABUL376",
        "2009-02-21T04:27:00Z",
        "CONFIDENTIAL",
        "Embassy Kabul",
        "1:C//NF 2:C//NF 3:C//NF 3:C//NF 4:C//NF 5:C//NF 6:C//NF 7:C//NF 8:C 9:U",
    ),
    (
        "wikileaks-html/09KABUL1892.html",
        "09KABUL1892",
        "2009-07-16T03:45:00Z",
        "SECRET//NOFORN",
        "Embassy Kabul",
        "1:S//NF 2:S//NF 3:S//NF 4:S//NF 5:S//NF 6:S//NF 7:S//NF 8:S//NF 9:- 10:S//NF 11:S//NF 12:S//NF",
    ),
    (
        "wikileaks-html/10KABUL693.html",
        "10KABUL693",
        "2010-02-25T04:05:00Z",
        "SECRET",
        "Embassy Kabul",
        "1:S//REL NATO, ISAF 2:S//REL NATO, ISAF 3:S//REL NATO, ISAF 4:S//REL NATO, ISAF 5:S//REL NATO, ISAF 6:S//REL NATO, ISAF 7:S//REL NATO, ISAF 8:S//REL NATO, ISAF 9:S//REL NATO, ISAF 10:SBU//REL NATO, ISAF 11:S//REL NATO, ISAF",
    ),
    (
        "wikileaks-html/09TRIPOLI1025.html",
        "09TRIPOLI1025",
        "2009-12-21T16:26:00Z",
        "SECRET//NOFORN",
        "Embassy Tripoli",
        "1:S//NF 2:S//NF 3:S//NF 4:S//NF",
    ),
    (
        "wikileaks-html/09BERLIN1626.html",
        "09BERLIN1626",
        "2009-12-29T07:13:00Z",
        "UNCLASSIFIED",
        "Embassy Berlin",
        "1:- 2:- 3:- 4:- 5:-",
    ),
    (
        "wikileaks-html/10BEIJING231.html",
        "10BEIJING231",
        "2010-01-28T10:17:00Z",
        "CONFIDENTIAL",
        "Embassy Beijing",
        "1:C 2:C 3:C 4:C 5:C 6:C 7:C 8:C 9:C 10:C 11:C 12:C 13:C 14:C",
    ),
    (
        "wikileaks-html/09STATE80163.html",
        "09STATE80163",
        "2009-07-31T20:24:00Z",
        "SECRET//NOFORN",
        "Secretary of State",
        "1:S//NF 2:S//NF 3:S//NF 15:-",
    ),
    (
        "wikileaks-html/08PARIS1698.html",
        "08PARIS1698",
        "2008-09-09T16:54:00Z",
        "CONFIDENTIAL",
        "Embassy Paris",
        "1:C 2:C 36:C 37:C",
    ),
    (
        "wikileaks-html/08STATE79112.html",
        "08STATE79112",
        "2008-07-23T15:00:00Z",
        "SECRET",
        "Secretary of State",
        "1:S 2:S//REL AFGHANISTAN, KYRGYZSTAN, TAJIKISTAN, TURKMENISTAN, UZBEKISTAN 3:S//REL CHINA 4:S//REL KAZAKHSTAN 5:S//REL CHINA, AFGHANISTAN, KAZAKHSTAN, KYRGYZSTAN, TAJIKISTAN, TURKMENISTAN, UZBEKISTAN 6:S//REL AFGHANISTAN, KAZAKHSTAN, TAJIKISTAN 7:S 8:S//REL CHINA, AFGHANISTAN, KAZAKHSTAN, KYRGYZSTAN, TAJIKISTAN, TURKMENISTAN, UZBEKISTAN 6:U 7:U",
    ),
    (
        "wikileaks-html/90CAPETOWN97.html",
        "90CAPETOWN97",
        "1990-01-17T15:12:00Z",
        "CONFIDENTIAL",
        "Consulate Cape Town",
        "1:C 2:C* 3:C* 4:C* 5:C* 6:C* 7:C* 8:C* 9:C* 10:C* 11:C* 12:C* 13:C* 14:C* 15:C* 16:C* 17:C*",
    ),
    (
        "wikileaks-html/79TEHRAN8980.html",
        "79TEHRAN8980",
        "1979-08-13T04:58:00Z",
        "CONFIDENTIAL",
        "Embassy Tehran",
        "1:C 2:C* 3:C* 4:C* 5:C* 6:C* 7:C*",
    ),
    (
        "wikileaks-html/09STATE15113.html",
        "09STATE15113",
        "2009-02-18T23:18:00Z",
        "SECRET//NOFORN",
        "Secretary of State",
        "1:U//FOUO 2:U//FOUO 3:U//FOUO 4:U//FOUO 5:U//FOUO 6:U//FOUO 7:U//FOUO 8:U//FOUO 9:U//FOUO 10:U//FOUO 11:U//FOUO 12:U//FOUO 13:U//FOUO 14:U//FOUO 15:S//NF 16:U//FOUO",
    ),
    (
        "wikileaks-html/09LONDON1707.html",
        "09LONDON1707",
        "2009-07-24T16:08:00Z",
        "CONFIDENTIAL//NOFORN",
        "Embassy London",
        "1:C 2:SBU//NF 3:SBU 4:C//NF 5:SBU 6:C//NF",
    ),
    (
        "csv/85GABORONE501.csv",
        "85GABORONE501",
        "1985-02-05T12:45:00Z",
        "SECRET//NOFORN",
        "Embassy Gaborone",
        "1:C 2:U 3:C 4:S//NF",
    ),
    (
        "csv/85GABORONE97.csv",
        "85GABORONE97",
        "1985-01-09T15:30:00Z",
        "UNCLASSIFIED",
        "Embassy Gaborone",
        "1:U 2:U 3:LOU",
    ),
    (
        "csv/79TEHRAN11260.csv",
        "79TEHRAN11260",
        "1979-10-24T12:08:00Z",
        "CONFIDENTIAL",
        "Embassy Tehran",
        "1:C 2:C* 3:C* 4:C*",
    ),
    (
        "csv/85MOGADISHU1292.csv",
        "85MOGADISHU1292",
        "1985-02-04T05:02:00Z",
        "SECRET",
        "Embassy Mogadishu",
        "1:S 2:S* 3:S* 4:S* 5:S* 6:S* 7:S* 8:S* 9:S*",
    ),
    (
        "csv/85STATE38496.csv",
        "85STATE38496",
        "1985-02-07T22:58:00Z",
        "SECRET",
        "Secretary of State",
        "1:S 2:S* 3:S* 4:S* 5:S* 6:S* 7:S* 8:S* 9:S* 10:S* 11:S* 12:S* 13:S* 14:S*",
    ),
    (
        "csv/66BUENOSAIRES2481.csv",
        "66BUENOSAIRES2481",
        "1966-12-28T18:48:00Z",
        "UNCLASSIFIED",
        "Embassy Buenos Aires",
        "1:- 2:- 3:- 4:- 5:- 6:- 7:- 8:-",
    ),
    (
        "plain-text/06NEWDELHI5135.txt",
        "06NEWDELHI5135",
        "2006-07-21T07:22:00Z",
        "CONFIDENTIAL",
        "NEWDELHI",
        "1:C 2:U 3:C 4:C 5:C 6:SBU 7:C 8:C 9:C 10:U 11:SBU 12:U 13:U 14:SBU 15:U 16:U 17:SBU 18:U 19:SBU 20:U 21:U 22:U 23:U 24:U 25:SBU 26:U 27:U 28:SBU 29:U 30:U 31:SBU 32:U 33:U 34:U 35:U 36:U 37:U",
    ),
    (
        "plain-text/09PARIS1007.txt",
        "09PARIS1007",
        "2009-07-24T15:55:00Z",
        "CONFIDENTIAL",
        "PARIS",
        "1:C 2:C 3:C 4:C 5:C",
    ),
    (
        "plain-text/01VATICAN5693.alx.txt",
        "01VATICAN5693",
        "2001-11-02T00:00:00Z",
        "CONFIDENTIAL",
        "Embassy Vatican",
        "",
    ),
    (
        "plain-text/09USEUBRUSSELS948.txt",
        "09USEUBRUSSELS948",
        "2009-07-08T15:35:00Z",
        "UNCLASSIFIED",
        "USEUBRUSSELS",
        "1:U 2:U 4:U 5:U 6:U 8:U 9:U 10:U 11:U 12:U 13:U 14:U 15:U 16:U 17:U 18:U 19:U 20:U 21:U 22:U 23:U 24:U 25:U 26:U 27:U 28:U 29:U 30:U 31:SBU 32:SBU 33:SBU 34:SBU 35:SBU 36:SBU",
    ),
    (
        "plusd-html/1974ATHENS02959_b.html",
        "1974ATHENS02959",
        "1974-05-17T16:00:00Z",
        "LIMITED OFFICIAL USE",
        "Greece Athens",
        "1:- 2:-",
    ),
    (
        "plusd-html/1973STATE097844_b.html",
        "1973STATE097844",
        "1973-05-22T18:28:00Z",
        "LIMITED OFFICIAL USE",
        "Department of State",
        "1:- 2:- 3:-",
    ),
    (
        "plusd-html/1974ATHENS03099_b.html",
        "1974ATHENS03099",
        "1974-05-23T15:15:00Z",
        "CONFIDENTIAL",
        "Greece Athens",
        "1:- 2:-",
    ),
];

#[test]
fn paragraphs_and_markings_across_formats() {
    let mut failures = Vec::new();
    for &(file, id, date, classification, origin, paras) in TABLE {
        let c = &load(file)[0];
        let got = (
            c.id.as_str(),
            c.date.as_deref().unwrap_or(""),
            c.classification.as_str(),
            c.origin.as_str(),
            numbers_and_markings(c),
        );
        if got != (id, date, classification, origin, paras.to_string()) {
            failures.push(format!("{file}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn header_fields_are_decoded() {
    let c = one("wikileaks-html/10RIYADH182.html");
    assert_eq!(c.captions, vec!["NOFORN", "SIPDIS"]);
    assert_eq!(c.eo.as_deref(), Some("12958: DECL: 02/10/2020"));
    assert_eq!(c.declassify.as_deref(), Some("2020-02-10"));
    assert_eq!(c.declassify_raw.as_deref(), Some("02/10/2020"));
    assert_eq!(c.signed_by.as_deref(), Some("Smith"));
    assert_eq!(c.routing.transmission_id.as_deref(), Some("VZCZCXRO2513"));
    assert_eq!(c.routing.precedence.as_deref(), Some("IMMEDIATE"));
    assert_eq!(c.routing.dtg.as_deref(), Some("O 121215Z FEB 10"));
    assert_eq!(c.routing.from.as_deref(), Some("AMEMBASSY RIYADH"));
    assert_eq!(c.routing.to, vec!["SECSTATE WASHDC"]);
    assert_eq!(
        c.routing.info,
        vec![
            "NATO EU COLLECTIVE",
            "AMEMBASSY DOHA",
            "AMEMBASSY ISLAMABAD",
            "AMEMBASSY KABUL",
            "AMCONSUL DHAHRAN",
            "AMCONSUL JEDDAH"
        ]
    );
    assert_eq!(
        c.tags,
        vec!["PREL", "PGOV", "PTER", "KTFN", "SA", "AF", "PK"]
    );
    assert_eq!(
        c.subject,
        "SCENESETTER FOR SPECIAL REPRESENTATIVE AMBASSADOR HOLBROOKE'S FEBRUARY 15-16 VISIT TO RIYADH"
    );
    assert_eq!(c.references_raw.as_deref(), Some("KABUL 500"));
    assert_eq!(c.references, vec!["10KABUL500"]);
    assert_eq!(
        c.classified_by.as_deref(),
        Some("Ambassador James B. Smith for reasons 1.4 (B) and (D)")
    );
    assert!(c.header.starts_with("VZCZCXRO2513\nOO RUEHSL"));
    assert!(
        c.paragraph(1)
            .unwrap()
            .text
            .starts_with("Ambassador Holbrooke, Embassy Riyadh warmly welcomes")
    );

    let c = one("csv/66BUENOSAIRES2481.csv");
    assert_eq!(c.record, Some(1));
    assert_eq!(c.references, vec!["66STATE106206"]);
    assert_eq!(c.tags, vec!["EFIS", "PBTS", "AR"]);
    assert_eq!(c.subject, "EXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS");
    assert!(
        c.paragraph(1)
            .unwrap()
            .text
            .contains("OF \"PREFERENTIAL JURISDICTION\" FOR FISHING")
    );
}

#[test]
fn page_and_csv_give_the_same_paragraphs() {
    for id in ["66BUENOSAIRES2481", "72TEHRAN1164", "79TEHRAN8980"] {
        let from_csv = one(&format!("csv/{id}.csv"));
        let from_page = one(&format!("wikileaks-html/{id}.html"));
        assert_eq!(from_csv.id, from_page.id);
        assert!(!from_csv.paragraphs.is_empty());
        assert_eq!(from_csv.paragraphs, from_page.paragraphs, "{id}");
    }
    // The last site generation's pages (behind a 190 KB sidebar) give them too.
    for id in [
        "66BUENOSAIRES2481",
        "72TEHRAN1164",
        "75TEHRAN2069",
        "72TEHRAN5055",
    ] {
        let from_csv = one(&format!("csv/{id}.csv"));
        let from_page = one(&format!("wikileaks-html/{id}.fullrelease2011.html"));
        assert!(!from_csv.paragraphs.is_empty());
        assert_eq!(from_csv.paragraphs, from_page.paragraphs, "{id}");
        assert_eq!(from_csv.date, from_page.date, "{id}");
    }
}

#[test]
fn lf_and_crlf_excerpts_give_the_same_texts() {
    let lf = load("csv/cables.csv-excerpt_rows0001-0037.csv");
    let crlf = load("csv/cables.csv-excerpt_rows0002-0034_CRLF.csv");
    assert_eq!(lf.len(), 36);
    assert_eq!(crlf.len(), 32);
    for c in &crlf {
        let twin = lf
            .iter()
            .find(|l| l.record == c.record)
            .expect("same record");
        assert_eq!(twin.id, c.id);
        assert_eq!(twin.header, c.header);
        assert_eq!(twin.preamble, c.preamble);
        assert_eq!(twin.paragraphs, c.paragraphs);
        assert!(!c.paragraphs.iter().any(|p| p.text.contains('\r')));
    }
}

#[test]
fn cut_csv_reports_the_damaged_record_and_keeps_the_rest() {
    let report = load_paths(&[corpus("csv/cables.csv-excerpt_rows0001-0037.csv")]);
    assert_eq!(report.cables.len(), 36);
    assert_eq!(report.errors.len(), 1);
    assert!(
        report.errors[0].1.contains("record 37"),
        "{:?}",
        report.errors
    );
}

#[test]
fn cp1252_text_decodes_cleanly() {
    let c = one("plain-text/09PARIS1007.txt");
    let all = format!("{}{}{:?}", c.header, c.preamble, c.paragraphs);
    assert!(!all.contains('\u{FFFD}'));
    assert!(!all.contains('\r'));
    assert!(
        c.warnings
            .iter()
            .any(|w| matches!(w, Warning::Decoded { .. }))
    );
}

#[test]
fn every_corpus_file_loads() {
    let report = load_paths(&[corpus("")]);
    // Three files end inside a cut-off record and two hold no cable; nothing else fails.
    assert_eq!(report.errors.len(), 5, "{:?}", report.errors);
    let stubs = report
        .errors
        .iter()
        .filter(|(path, reason)| {
            path.contains("09STOCKHOLM6") && reason == "HTML fragment holds no cable text"
        })
        .count();
    assert_eq!(stubs, 2, "{:?}", report.errors);
    assert!(report.cables.len() >= 230, "{}", report.cables.len());
    for c in &report.cables {
        assert!(!c.id.is_empty(), "{}", c.source);
        for p in &c.paragraphs {
            assert!(!p.text.contains("&#x"), "{} ¶{:?}", c.id, p.number);
            assert!(!p.text.contains("</a>"), "{} ¶{:?}", c.id, p.number);
        }
    }
}

#[test]
fn not_markings_stay_in_the_text() {
    let c = one("wikileaks-html/09BERLIN1626.html");
    assert!(c.paragraphs.iter().all(|p| p.marking.is_none()));
    assert!(c.paragraphs.iter().any(|p| p.text.starts_with("(U.S.)")
        || p.text.starts_with("(Iran)")
        || p.text.starts_with("(China)")));
}

#[test]
fn unknown_marking_is_reported() {
    let c = one("wikileaks-html/09KABUL1892.html");
    let p9 = c.paragraph(9).unwrap();
    assert_eq!(p9.marking, None);
    assert_eq!(p9.marking_raw.as_deref(), Some("N/SF"));
    assert!(c.warnings.contains(&Warning::UnknownMarking {
        paragraph: 9,
        raw: "N/SF".into()
    }));
}

#[test]
fn banner_below_marking_is_reported() {
    let c = one("wikileaks-html/88BAGHDAD28.html");
    assert!(c.warnings.contains(&Warning::BannerBelowMarking {
        banner: "CONFIDENTIAL".into(),
        marking: "S".into()
    }));
    // UNCLASSIFIED//FOR OFFICIAL USE ONLY is the release's name for SBU cables.
    let c = one("wikileaks-html/08MADRID552.html");
    assert!(
        !c.warnings
            .iter()
            .any(|w| matches!(w, Warning::BannerBelowMarking { .. }))
    );
}

fn para(c: &Cable, n: u32) -> &cable_reader::cable::Paragraph {
    c.paragraph(n)
        .unwrap_or_else(|| panic!("{} has no ¶{n}", c.id))
}

#[test]
fn headings_belong_to_the_paragraph_they_introduce() {
    // A heading over a rule of dashes.
    let c = one("html-fragments/10AMMAN91.txt");
    assert_eq!(para(&c, 2).heading, None);
    assert!(para(&c, 2).text.ends_with("U.S. forces.  END\nSUMMARY."));
    assert_eq!(
        para(&c, 3).heading.as_deref(),
        Some("Force Deployments in Afghanistan")
    );
    assert_eq!(para(&c, 12).heading.as_deref(), Some("Comment"));
    // Between dashes.
    let c = one("wikileaks-html/09STOCKHOLM418.html");
    assert!(para(&c, 2).text.ends_with("on its principles; it won,t."));
    assert_eq!(para(&c, 3).heading.as_deref(), Some("IRAN"));
    assert_eq!(para(&c, 16).heading.as_deref(), Some("GEORGIA"));
    // `//COMMENT//`.
    let c = one("wikileaks-html/08MADRID691.html");
    assert!(
        para(&c, 2)
            .text
            .ends_with("support to overthrow the sitting leader.")
    );
    assert_eq!(para(&c, 3).heading.as_deref(), Some("COMMENT"));
    // A section's heading over a subsection's.
    let c = one("wikileaks-html/06MANAGUA1002.html");
    assert!(
        para(&c, 1)
            .text
            .ends_with("Septels will cover the FSLN and\nAleman.")
    );
    assert_eq!(
        para(&c, 2).heading.as_deref(),
        Some(
            "CRIMES OF DANIEL ORTEGA AND HIS FAMILY\nThe Murder of Jean-Paul Genie by the bodyguards of Humberto Ortega"
        )
    );
    // Whitespace-collapsed JSON text: the heading before its rule.
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    let c = cables.iter().find(|c| c.id == "98NEWDELHI2879").unwrap();
    assert!(para(c, 1).text.ends_with("END SUMMARY"));
    assert_eq!(
        para(c, 2).heading.as_deref(),
        Some("PROMINENT COVERAGE--BUT RELATIVELY MILD REACTION")
    );
}

#[test]
fn numbering_may_start_above_one() {
    let c = one("plain-text/06NEWDELHI5138.txt");
    let numbers: Vec<u32> = c.paragraphs.iter().filter_map(|p| p.number).collect();
    assert_eq!(numbers, (2..=10).collect::<Vec<_>>());
    assert!(
        c.warnings
            .contains(&Warning::NumberingStartsAt { first: 2 })
    );
    assert_eq!(
        para(&c, 2).heading.as_deref(),
        Some("The Left Gearing-up for Action")
    );
}

#[test]
fn a_cable_without_numbered_paragraphs_keeps_its_text() {
    let c = one("html-fragments/07LONDON640.txt");
    assert_eq!(c.paragraphs.len(), 1);
    let p = &c.paragraphs[0];
    assert_eq!(p.number, None);
    assert_eq!(
        p.marking.as_ref().map(ToString::to_string).as_deref(),
        Some("C")
    );
    assert!(p.text.starts_with("The UK will try to persuade Iceland"));
    assert_eq!(
        c.classified_by.as_deref(),
        Some("Political Minister Counselor Maura Connelly for reasons 1.4 (b, d)")
    );
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    let c = cables.iter().find(|c| c.id == "04NEWDELHI6967").unwrap();
    assert_eq!(c.paragraphs.len(), 1);
    assert_eq!(c.paragraphs[0].number, None);
    assert!(
        c.paragraphs[0]
            .text
            .starts_with("As instructed in Ref A, Poloff delivered the talking points")
    );
    assert_eq!(c.subject, "GTRI CONFERENCE FINDINGS DELIVERED TO INDIA");
}

#[test]
fn partial_extracts_are_flagged() {
    for rel in [
        "wikileaks-html/04MADRID2164.html",
        "plain-text/02ANKARA8150.alx.txt",
    ] {
        let c = one(rel);
        assert!(c.partial, "{rel}");
        let notices = c
            .warnings
            .iter()
            .filter(|w| {
                matches!(w, Warning::PartialExtract)
                    || matches!(w, Warning::Note { message } if message.contains("partial extract"))
            })
            .count();
        assert_eq!(notices, 1, "{rel}: {:?}", c.warnings);
        assert!(c.warnings.contains(&Warning::PartialExtract), "{rel}");
    }
    assert!(!one("html-fragments/10AMMAN91.txt").partial);
}

#[test]
fn references_resolve_to_the_release_ids() {
    // A year written before the post, the cable's own year where none is.
    let c = one("html-fragments/09GUATEMALA917.txt");
    assert_eq!(
        c.references,
        vec![
            "09GUATEMALA254",
            "09GUATEMALA9",
            "08GUATEMALA1573",
            "08GUATEMALA1017"
        ]
    );
    // A year in parentheses, and the cable's own page-break line is no reference.
    let c = one("html-fragments/09SAOPAULO619.txt");
    assert_eq!(c.references, vec!["09BRASILIA1210", "08SAOPAULO497"]);
    // SECSTATE is STATE; mixed case posts.
    assert_eq!(
        one("html-fragments/06BRASILIA2094.txt").references,
        vec!["06STATE165115"]
    );
    assert_eq!(
        one("html-fragments/06REYKJAVIK40.txt").references,
        vec![
            "06REYKJAVIK369",
            "06REYKJAVIK364",
            "06REYKJAVIK359",
            "06REYKJAVIK357"
        ]
    );
    assert_eq!(
        one("plain-text/09UNVIEVIENNA279.txt").references,
        vec!["09UNVIEVIENNA109", "09UNVIEVIENNA201"]
    );
    // References that are not cables keep their letter.
    let c = one("html-fragments/07NEWDELHI1485.txt");
    assert_eq!(c.references, vec!["07NEWDELHI1327", "07NEWDELHI729"]);
    assert_eq!(c.references_other.len(), 1);
    assert_eq!(c.references_other[0].letter.as_deref(), Some("C"));
    assert_eq!(c.references_other[0].text, "HOWARD-KESHAP E-MAIL 09MAR07");
    // PlusD writes ids with a four-digit year and padded serials.
    assert_eq!(
        one("plusd-html/1974ATHENS03099_b.html").references,
        vec!["1974STATE097844", "1974ATHENS02959"]
    );
    // `AND` joins two serials of one post.
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    let c = cables.iter().find(|c| c.id == "04NEWDELHI7013").unwrap();
    assert_eq!(&c.references[..2], ["04NEWDELHI6773", "04NEWDELHI6816"]);
}

#[test]
fn classified_by_ends_where_the_statement_ends() {
    // Run on into a heading in the source; the statement ends with its reasons.
    let c = one("wikileaks-html/09STOCKHOLM418.html");
    assert_eq!(
        c.classified_by.as_deref(),
        Some("CDA LAURA J. KIRKCONNELL FOR REASONS 1.4(B) AND (D)")
    );
    // Inside ¶1 of an older cable.
    let c = one("html-fragments/02ANKARA8305.txt");
    assert_eq!(
        c.classified_by.as_deref(),
        Some("DCM ROBERT S. DEUTSCH; REASONS 1.5 (B) AND (D).")
    );
    // `CLASSIFIED CONFIDENTIAL BY` of a collapsed JSON text, which REF no longer swallows.
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    let c = cables.iter().find(|c| c.id == "98NEWDELHI2879").unwrap();
    assert_eq!(c.references_raw.as_deref(), Some("ISLAMABAD 2617"));
    assert_eq!(
        c.classified_by.as_deref(),
        Some("NEW DELHI POLITICAL COUNSELOR ERIC TUNIS, REASON 1.5 (D).")
    );
}

#[test]
fn declassification_dates_in_every_written_form() {
    for (rel, iso, raw) in [
        (
            "html-fragments/10AMMAN91.txt",
            Some("2020-01-07"),
            "01/07/2020",
        ),
        (
            "html-fragments/09GUATEMALA917.txt",
            Some("2019-09-28"),
            "2019/09/28",
        ),
        (
            "html-fragments/10TRIPOLI62.txt",
            Some("2020-01-24"),
            "1/24/2020",
        ),
        (
            "wikileaks-html/79TEHRAN8980.html",
            Some("1985-08-12"),
            "8/12/85",
        ),
        ("csv/85BEIRUT240.csv", None, "OADR"),
        (
            "html-fragments/06NEWDELHI5495.txt",
            Some("2016-08-04"),
            "08/04/2016",
        ),
    ] {
        let c = one(rel);
        assert_eq!(c.declassify.as_deref(), iso, "{rel}");
        assert_eq!(c.declassify_raw.as_deref(), Some(raw), "{rel}");
    }
}

#[test]
fn subject_tags_and_signer_of_hard_headers() {
    // A subject glued to the next header item stops before it.
    let c = one("html-fragments/10TRIPOLI62.txt");
    assert_eq!(
        c.subject,
        "DARFUR REBEL GROUP MERGER IN KUFRA: MORE FANFARE THAN"
    );
    assert_eq!(c.tags, vec!["PREL", "CD", "SU", "LY"]);
    // An SBU cable's handling statement run on after the subject ends it, as its own line
    // would.
    let c = one("html-fragments/08SAOPAULO443.txt");
    assert_eq!(
        c.subject,
        "ETHANOL, THE WTO, AND THE PRIVATE SECTOR: ROOM TO TALK?"
    );
    assert_eq!(c.references, ["08SAOPAULO423"]);
    // A REF line run on into a page-break line and paragraph 1 (unwrapped texts): the
    // references alone.
    let c = one("html-fragments/09TRIPOLI269.txt");
    assert_eq!(c.references_raw.as_deref(), Some("08 STATE 74840"));
    assert_eq!(c.references, ["08STATE74840"]);
    assert!(c.references_other.is_empty());
    let c = one("html-fragments/06BRASILIA2094.txt");
    assert_eq!(c.references_raw.as_deref(), Some("SECSTATE 165115"));
    assert!(c.references_other.is_empty());
    assert_eq!(
        one("html-fragments/09TRIPOLI748.txt")
            .references_raw
            .as_deref(),
        Some("TRIPOLI 677")
    );
    // `TAGS` without a colon, `EO` without dots.
    let c = one("html-fragments/06NEWDELHI5495.txt");
    assert_eq!(
        c.tags,
        vec!["PGOV", "PREL", "PINR", "PHUM", "SCUL", "KWMN", "PINS", "IN"]
    );
    assert_eq!(c.eo.as_deref(), Some("12958 DECL: 08/04/2016"));
    // A first line of codes with spaces, continued with commas: each code a tag; a tag of
    // words stays whole.
    assert_eq!(
        one("plain-text/06NEWDELHI5237.txt").tags,
        [
            "KACT", "KNNP", "KSTC", "MNUC", "PARM", "PGOV", "PINR", "PINS", "PREF", "PREL", "IN",
            "IR"
        ]
    );
    assert_eq!(
        one("wikileaks-html/07TELAVIV2652.html").tags,
        [
            "PREL", "PTER", "MARR", "MASS", "KNNP", "UNSC", "PK", "IR", "IZ", "ZP", "JO", "EG",
            "RS", "CH", "LE", "SY", "IS"
        ]
    );
    let delhi = load("json/delhi.json-excerpt_rows0001-0025.json");
    let c = delhi.iter().find(|c| c.id == "04NEWDELHI6998").unwrap();
    assert_eq!(
        c.tags,
        [
            "PREL",
            "PGOV",
            "ECON",
            "PK",
            "IZ",
            "IN",
            "External Political Relations"
        ]
    );
    // The signer past the trailers, also glued to the last sentence.
    assert_eq!(
        one("csv/85DAMASCUS1314.csv").signed_by.as_deref(),
        Some("EAGLETON")
    );
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    let c = cables.iter().find(|c| c.id == "04NEWDELHI6967").unwrap();
    assert_eq!(c.signed_by.as_deref(), Some("MULFORD"));
    assert_eq!(
        one("wikileaks-html/10USNATO52.html").signed_by.as_deref(),
        Some("HEFFERN")
    );
}

#[test]
fn the_summary_is_a_field() {
    let c = one("html-fragments/10AMMAN91.txt");
    let summary = c.summary.as_deref().unwrap();
    assert!(summary.starts_with("Jordan has been exceptionally responsive"));
    assert!(summary.ends_with("support the planned surge of U.S. forces."));
}
