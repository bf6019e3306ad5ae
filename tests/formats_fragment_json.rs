//! Cable text with its HTML kept (scrapers' fragments) and JSON exports, on real files of
//! tests/corpus, with exact expected values.

mod common;

use std::path::{Path, PathBuf};

use cable_reader::cable::{Cable, Format, Warning, load_paths};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)
}

fn load(rel: &str) -> Vec<Cable> {
    let report = load_paths(&[corpus(rel)]);
    assert!(report.errors.is_empty(), "{rel}: {:?}", report.errors);
    report.cables
}

fn one(rel: &str) -> Cable {
    let mut cables = load(rel);
    assert_eq!(cables.len(), 1, "{rel}");
    cables.remove(0)
}

fn numbers_and_markings(c: &Cable) -> String {
    common::paragraph_marks(c).join(" ")
}

#[test]
fn fragment_markup_is_read() {
    let c = one("html-fragments/10AMMAN91.txt");
    assert_eq!(c.format, Some(Format::HtmlFragment));
    assert_eq!(c.id, "10AMMAN91");
    assert_eq!(c.classification, "CONFIDENTIAL");
    assert_eq!(c.captions, vec!["SIPDIS"]);
    assert_eq!(c.eo.as_deref(), Some("12958: DECL: 01/07/2020"));
    assert_eq!(c.tags, vec!["MOPS", "PGOV", "PREL", "ASEC", "JO"]);
    assert_eq!(c.subject, "JORDAN: REGIONAL SECURITY SUPPORT - AFGHANISTAN");
    assert_eq!(
        numbers_and_markings(&c),
        "1:U 2:C 3:C 4:C 5:C 6:C 7:C 8:C 9:C 10:C 11:C 12:C"
    );
    assert!(
        c.paragraph(1)
            .unwrap()
            .text
            .starts_with("This cable is part 1 of 5 in a series")
    );
    for p in &c.paragraphs {
        assert!(
            !p.text.contains('<') && !p.text.contains('¶'),
            "¶{:?}",
            p.number
        );
    }
}

#[test]
fn fragment_dates_come_from_the_text_before_the_banner() {
    // `Cable dated:` glued to the banner, the header run together on one line.
    let c = one("html-fragments/05TELAVIV4403.txt");
    assert_eq!(c.date.as_deref(), Some("2005-07-15T15:24:00Z"));
    assert_eq!(c.id, "05TELAVIV4403");
    assert_eq!(c.classification, "SECRET");
    assert_eq!(c.captions, vec!["SIPDIS"]);
    assert_eq!(c.eo.as_deref(), Some("12958: DECL: 07/14/2015"));
    assert_eq!(
        c.tags,
        vec![
            "PREL",
            "KWBG",
            "KPAL",
            "PTER",
            "IS",
            "GAZA",
            "DISENGAGEMENT",
            "ISRAELI",
            "PALESTINIAN",
            "AFFAIRS"
        ]
    );
    assert_eq!(c.paragraphs.len(), 13);
    // A dateline line.
    let c = one("html-fragments/06NEWDELHI5495.txt");
    assert_eq!(c.date.as_deref(), Some("2006-08-04T13:17:00Z"));
    assert_eq!(c.classification, "CONFIDENTIAL");
    assert_eq!(
        c.subject,
        "A GARRULOUS SONIA GANDHI OPENS UP TO MARIA SHRIVER"
    );
    // Office text glued to the banner's serial, the E.O. glued to it.
    let c = one("html-fragments/02ANKARA8305.txt");
    assert_eq!(c.date.as_deref(), Some("2002-11-15T12:40:00Z"));
    assert_eq!(c.classification, "SECRET");
    assert_eq!(c.eo.as_deref(), Some("12958: DECL: 11/14/2012"));
    assert_eq!(c.tags, vec!["PTER", "TU"]);
    assert_eq!(c.paragraphs.len(), 35);
}

#[test]
fn fragment_without_cable_text_is_an_error() {
    for rel in [
        "html-fragments/09STOCKHOLM615.txt",
        "html-fragments/09STOCKHOLM63.txt",
    ] {
        let report = load_paths(&[corpus(rel)]);
        assert!(report.cables.is_empty(), "{rel}");
        assert_eq!(report.errors.len(), 1, "{rel}");
        assert_eq!(report.errors[0].1, "HTML fragment holds no cable text");
    }
}

#[test]
fn json_lines_records_load_as_cables() {
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    assert_eq!(cables.len(), 25);
    assert!(cables.iter().all(|c| c.format == Some(Format::Json)));
    let c = &cables[0];
    assert_eq!(c.record, Some(1));
    assert_eq!(c.id, "87NEWDELHI19406");
    assert_eq!(c.date.as_deref(), Some("1987-08-07T12:11:00Z"));
    assert_eq!(c.origin, "Embassy New Delhi");
    assert_eq!(c.classification, "UNCLASSIFIED");
    assert_eq!(c.eo.as_deref(), Some("12356: N/A"));
    assert_eq!(c.tags, vec!["PTER", "PGOV", "IN"]);
    assert_eq!(
        c.subject,
        "INCREASE IN SIKH TERRORISM LIKELY: NO MODERATION IN SIGHT"
    );
    assert_eq!(c.references, vec!["87NEWDELHI17853"]);
    assert_eq!(numbers_and_markings(c), "1:- 2:- 3:- 4:- 5:- 6:- 7:-");
    assert!(
        c.paragraph(2)
            .unwrap()
            .text
            .starts_with("ACCORDING TO PRESS REPORTS ELEVEN PEOPLE")
    );
    assert!(
        c.paragraph(1)
            .unwrap()
            .text
            .ends_with("NO OBVIOUS MEETING OF MINDS.  END SUMMARY")
    );
}

#[test]
fn json_banner_wins_over_a_disagreeing_id_field() {
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    // `_id` holds the references column: the banner names the cable.
    assert!(
        cables[0].warnings.contains(&Warning::Note {
            message: "the record's id field says 87NEWDELHI17853, the cable's banner names \
                  87NEWDELHI19406: the banner wins"
                .into()
        })
    );
    // A pipe-separated list is no id at all; the banner's post and serial went onto their
    // own line when the line ends were collapsed.
    assert_eq!(cables[4].id, "04NEWDELHI5734");
    let ids: Vec<&str> = cables.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids[..8],
        [
            "87NEWDELHI19406",
            "87NEWDELHI23722",
            "97NEWDELHI6957",
            "98NEWDELHI2879",
            "04NEWDELHI5734",
            "04NEWDELHI6967",
            "04NEWDELHI6976",
            "04NEWDELHI6980"
        ]
    );
}

#[test]
fn json_paragraphs_run_together_are_split() {
    let cables = load("json/delhi.json-excerpt_rows0001-0025.json");
    let by_id = |id: &str| cables.iter().find(|c| c.id == id).unwrap();
    // `2.` stands after a rule of dashes, not after a full stop.
    assert_eq!(
        numbers_and_markings(by_id("98NEWDELHI2879")),
        "1:C 2:U 3:U 4:C 5:C"
    );
    assert_eq!(
        numbers_and_markings(by_id("04NEWDELHI7088")),
        "1:C 2:U 3:U 4:C 5:C 6:C 7:C 8:C 9:SBU 10:U 11:C 12:C 13:C 14:C 15:C 16:C"
    );
    assert_eq!(by_id("04NEWDELHI7026").paragraphs.len(), 42);
}

#[test]
fn tags_from_links_are_the_link_texts() {
    let tags = |rel: &str| one(rel).tags;
    assert_eq!(
        tags("html-fragments/10AMMAN91.txt"),
        ["MOPS", "PGOV", "PREL", "ASEC", "JO"]
    );
    assert_eq!(
        tags("html-fragments/05TELAVIV4403.txt"),
        [
            "PREL",
            "KWBG",
            "KPAL",
            "PTER",
            "IS",
            "GAZA",
            "DISENGAGEMENT",
            "ISRAELI",
            "PALESTINIAN",
            "AFFAIRS"
        ]
    );
    // No tag of any fragment holds markup.
    for c in load_paths(&[corpus("html-fragments")]).cables {
        assert!(
            c.tags.iter().all(|t| !t.contains(['<', '>', '='])),
            "{}: {:?}",
            c.id,
            c.tags
        );
    }
}

/// A real fragment whose TAGS line lost its end in the middle of a link, as scrapers' cut
/// lines leave it: the whole links are read, the cut one dropped, and the rest of the header
/// and the text are not swallowed by it.
#[test]
fn a_cut_off_tags_link_is_dropped() {
    let bytes = std::fs::read(corpus("html-fragments/10AMMAN91.txt")).expect("corpus file");
    let text = std::str::from_utf8(&bytes).expect("utf-8");
    let cut = text.find("<a href='/tag/PREL").expect("link") + "<a href='/tag/PR".len();
    let next_line = cut + text[cut..].find('\n').expect("line end");
    let damaged = format!("{}{}", &text[..cut], &text[next_line..]);
    let (cables, errors) = cable_reader::cable::load_bytes(damaged.as_bytes(), "10AMMAN91.txt");
    assert!(errors.is_empty(), "{errors:?}");
    let c = &cables[0];
    assert_eq!(c.tags, ["MOPS", "PGOV"]);
    assert_eq!(c.subject, "JORDAN: REGIONAL SECURITY SUPPORT - AFGHANISTAN");
    assert_eq!(
        c.paragraphs.len(),
        one("html-fragments/10AMMAN91.txt").paragraphs.len()
    );
    // With an upper-case tag name cut right after its `<`.
    let cut = text.find("<a href='/tag/PREL").expect("link") + 1;
    let damaged = format!("{}A{}", &text[..cut], &text[next_line..]);
    let (cables, _) = cable_reader::cable::load_bytes(damaged.as_bytes(), "10AMMAN91.txt");
    assert_eq!(cables[0].tags, ["MOPS", "PGOV"]);
}

/// A note in parentheses under a ruled heading is the heading's, not the end of the paragraph
/// before.
#[test]
fn a_note_under_a_ruled_heading_goes_with_it() {
    let c = one("html-fragments/02ANKARA8305.txt");
    let p32 = &c.paragraphs[31];
    assert_eq!(p32.number, Some(32));
    assert!(
        p32.text.ends_with(
            "TURKEY ALREADY HAS CONTRIBUTED CLOSE TO 80 KC-135 OEF-RELATED MISSIONS FROM TURKEY."
        ),
        "{:?}",
        p32.text
    );
    assert_eq!(
        c.paragraphs[32].heading.as_deref(),
        Some(
            "COOPERATION-INVESTIGATION/PROSECUTION (K/1) (INFORMATION FOR THE REPORT’S CLASSIFIED ANNEX)"
        )
    );
    assert_eq!(
        c.paragraphs[33].heading.as_deref(),
        Some("COOPERATION-PREVENTION (K/2)")
    );
}
