//! WikiLeaks pages that show only the start of their cable, cut off with `...`, and pages whose
//! text block then holds another cable's whole text: the page's cable keeps what the page
//! shows of it, the other is a cable of its own, named by its own row or banner.

mod common;

use cable_reader::cable::Warning;

use common::load_corpus as load;

fn note(message: &str) -> Warning {
    Warning::Note {
        message: message.to_string(),
    }
}

const CUT_OFF: &str = "the page shows only the start of the cable: its text is cut off (`...`)";
const SECOND: &str = "the page's text block holds 2 cables: this is number 2, after the page's own";

#[test]
fn a_cut_off_cable_then_a_database_row_of_another() {
    let cables = load("wikileaks-html/73TEHRAN2077.html");
    assert_eq!(cables.len(), 2);
    let (own, other) = (&cables[0], &cables[1]);
    // The page's cable stops after its SUBJECT: the site's `...` line is not part of it.
    assert_eq!(own.id, "73TEHRAN2077");
    assert_eq!(own.record, Some(1));
    assert_eq!(own.subject, "AUDIENCE WITH SHAH APRIL 5");
    assert_eq!(own.tags, ["PFOR", "IR", "PK", "XF"]);
    assert_eq!(own.eo.as_deref(), Some("11652: GDS"));
    assert_eq!(own.classified_by, None);
    assert_eq!(own.declassify, None);
    assert_eq!(own.signed_by, None);
    assert!(own.paragraphs.is_empty());
    // Only the start of the cable: a partial text, and the note says why.
    assert!(own.partial);
    assert_eq!(own.warnings, [Warning::PartialExtract, note(CUT_OFF)]);
    // The row's columns, run together on one line, name the other cable.
    assert_eq!(other.id, "06THEHAGUE131");
    assert_eq!(other.record, Some(50133));
    assert_eq!(other.origin, "Embassy The Hague");
    assert_eq!(other.classification, "CONFIDENTIAL");
    assert_eq!(
        other.subject,
        "NETHERLANDS/ISAF: PARLIAMENTARY TRIP CANCELED; LABOR PARTY SHIFTING (SLOWLY)"
    );
    assert_eq!(other.captions, ["SIPDIS"]);
    assert_eq!(
        other.classified_by.as_deref(),
        Some("Charge D'Affaires Chat Blakeman, reasons 1.4 (b,d)")
    );
    assert_eq!(other.declassify.as_deref(), Some("2016-01-19"));
    assert_eq!(other.signed_by.as_deref(), Some("BLAKEMAN"));
    assert_eq!(
        common::paragraph_marks(other),
        ["1:C", "2:C", "3:C", "4:C", "5:C", "6:C", "7:C"]
    );
    assert_eq!(
        other.paragraph(2).unwrap().heading.as_deref(),
        Some("Parliamentary Trip Canceled")
    );
    assert_eq!(other.warnings, [note(SECOND)]);
}

#[test]
fn a_cut_off_cable_then_another_under_its_references_column() {
    let cables = load("wikileaks-html/73TEHRAN8233.html");
    assert_eq!(cables.len(), 2);
    let (own, other) = (&cables[0], &cables[1]);
    assert_eq!(own.id, "73TEHRAN8233");
    assert_eq!(own.date.as_deref(), Some("1973-11-21T12:20:00Z"));
    assert_eq!(own.subject, "SHAH ON CORRUPTION");
    assert_eq!(own.tags, ["PINT", "IR"]);
    assert_eq!(common::paragraph_marks(own), ["1:-"]);
    assert!(
        own.paragraphs[0].text.ends_with("I ASKED TO ST..."),
        "{:?}",
        own.paragraphs[0].text
    );
    assert_eq!(own.signed_by, None);
    // Only the start of the cable: a partial text, and the note says why.
    assert!(own.partial);
    assert_eq!(own.warnings, [Warning::PartialExtract, note(CUT_OFF)]);
    // No date: its banner's post and serial name it, never the page's id.
    assert_eq!(other.id, "THEHAGUE174");
    assert_eq!(other.record, Some(2));
    assert_eq!(other.date, None);
    assert_eq!(other.classification, "SECRET");
    assert_eq!(
        other.subject,
        "NETHERLANDS: POSSIBLE EFFORTS BY DUTCH FIRM INCO TECH TO ASSIST IRANIAN UAV DEVELOPMENT"
    );
    // The references column gives the id; `REF: STATE 15228` alone has no year to make one,
    // and is not kept as text beside the id it names.
    assert_eq!(other.references, ["08STATE15228"]);
    assert_eq!(other.references_raw.as_deref(), Some("STATE 15228"));
    assert!(other.references_other.is_empty());
    assert_eq!(
        other.classified_by.as_deref(),
        Some("CDA Andrew Schofer, reasons 1.4 (b,d)")
    );
    assert_eq!(other.declassify.as_deref(), Some("2018-02-25"));
    assert_eq!(other.signed_by.as_deref(), Some("Schofer"));
    assert_eq!(common::paragraph_marks(other), ["1:S", "2:S"]);
    assert_eq!(
        other.warnings,
        [
            note(SECOND),
            note("the cable gives no date: its id names post and serial without the year"),
        ]
    );
}

#[test]
fn a_page_cut_off_mid_word_says_so() {
    let cables = load("wikileaks-html/7575LIBREVILLE1895.html");
    assert_eq!(cables.len(), 1);
    let c = &cables[0];
    assert_eq!(c.subject, "KOREA AT 30TH UNGA: GABON");
    assert_eq!(c.references, ["75STATE272523", "75USUNNEWYORK6028"]);
    assert_eq!(common::paragraph_marks(c), ["1:-"]);
    assert_eq!(c.signed_by, None);
    // Only the start of the cable: a partial text, and the note says why.
    assert!(c.partial);
    assert_eq!(c.warnings, [Warning::PartialExtract, note(CUT_OFF)]);
}

#[test]
fn a_whole_page_is_not_taken_for_a_cut_off_one() {
    // `...` inside the text (a heading `Kenya Claims T-72s...`) neither cuts nor splits.
    for rel in [
        "wikileaks-html/08NAIROBI2290.html",
        "wikileaks-html/08ASHGABAT1399.html",
        "wikileaks-html/10KABUL104.html",
        "wikileaks-html/09STATE67105.html",
    ] {
        let cables = load(rel);
        assert_eq!(cables.len(), 1, "{rel}");
        assert!(!cables[0].warnings.contains(&note(CUT_OFF)), "{rel}");
        assert!(!cables[0].partial, "{rel}");
    }
}
