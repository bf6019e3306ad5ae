//! The WikiLeaks Cablegate page and PlusD page extractors on the real sample files.

use std::path::PathBuf;

use cable_reader::cable::formats::{Extracted, RawCable, plusd, wikileaks_html};
use cable_reader::cable::model::{Format, Warning};
use proptest::prelude::*;

fn corpus() -> PathBuf {
    std::env::var_os("CABLE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus")))
}

fn read(rel: &str) -> Vec<u8> {
    let path = corpus().join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn wl(name: &str) -> Extracted {
    wikileaks_html::extract(&read(&format!("wikileaks-html/{name}")))
}

fn one_wl(name: &str) -> RawCable {
    let ex = wl(name);
    assert!(ex.errors.is_empty(), "{name}: {:?}", ex.errors);
    assert_eq!(ex.cables.len(), 1, "{name}");
    ex.cables.into_iter().next().unwrap()
}

fn one_plusd(name: &str) -> RawCable {
    let ex = plusd::extract(&read(&format!("plusd-html/{name}")));
    assert!(ex.errors.is_empty(), "{name}: {:?}", ex.errors);
    assert_eq!(ex.cables.len(), 1, "{name}");
    ex.cables.into_iter().next().unwrap()
}

/// Markup the site used that must never reach header or body.
fn assert_clean(what: &str, text: &str) {
    for bad in ["<a ", "</", "&#x000A;", "&#x", "&amp;", "¶</a>", "¶", "<"] {
        assert!(!text.contains(bad), "{what}: {bad:?} left in {text:?}");
    }
}

fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("<none>")
}

// ---------------------------------------------------------------------------------------------
// WikiLeaks site pages

#[test]
fn riyadh_second_generation() {
    let c = one_wl("10RIYADH182.html");
    assert_eq!(c.format, Some(Format::WikileaksHtml));
    assert_eq!(s(&c.id), "10RIYADH182");
    assert_eq!(s(&c.created), "2010-02-12 12:12");
    assert_eq!(s(&c.classification), "SECRET//NOFORN");
    assert_eq!(s(&c.origin), "Embassy Riyadh");
    assert_eq!(
        s(&c.subject),
        "SCENESETTER FOR SPECIAL REPRESENTATIVE AMBASSADOR"
    );
    assert!(
        c.header
            .starts_with("VZCZCXRO2513\nOO RUEHSL\nDE RUEHRH #0182/01 0431215\n")
    );
    assert!(c.header.ends_with("RUEHJI/AMCONSUL JEDDAH PRIORITY 0595"));
    assert!(
        c.body
            .starts_with("SECRET SECTION 01 of 03 RIYADH 000182\n\nNOFORN\nSIPDIS\n")
    );
    assert!(c.body.contains("\nTAGS: PREL PGOV PTER KTFN SA AF PK\n"));
    assert!(c.body.contains("\n1. (C) Ambassador Holbrooke"));
    assert!(c.body.contains("\n2. (C) SAUDI-AFGHAN RELATIONS WARMING"));
    assert_clean("10RIYADH182 header", &c.header);
    assert_clean("10RIYADH182 body", &c.body);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(c.references.is_empty());
    assert_eq!(c.record, None);
}

#[test]
fn ashgabat_first_generation() {
    // December 2010 site ('597' counter); the classification link's title says 'unclassified'.
    let c = one_wl("08ASHGABAT1399.html");
    assert_eq!(s(&c.id), "08ASHGABAT1399");
    assert_eq!(s(&c.created), "2008-10-23 13:01");
    assert_eq!(s(&c.classification), "CONFIDENTIAL");
    assert_eq!(s(&c.origin), "Embassy Ashgabat");
    assert_eq!(
        s(&c.subject),
        "EXPAT SOURCES SAY THAT ITERA GAVE TURKMENISTAN A"
    );
    assert!(c.header.starts_with("VZCZCXRO2404\nPP RUEHAG RUEHBI"));
    assert!(
        c.body
            .starts_with("C O N F I D E N T I A L SECTION 01 OF 03 ASHGABAT 001399 \n\nSIPDIS")
    );
    assert!(
        c.body
            .contains("\n1. (C) SUMMARY: According to expatriate sources")
    );
    assert!(c.body.contains("Charge d’Affaires a.i. Sylvia Reed Curran"));
    assert_clean("08ASHGABAT1399 body", &c.body);
}

#[test]
fn tehran_final_generation_with_sidebar() {
    // Full release of August 2011: ~190 KB of sidebar before the cable.
    let bytes = read("wikileaks-html/72TEHRAN1381.html");
    assert!(bytes.len() > 150_000);
    let started = std::time::Instant::now();
    let ex = wikileaks_html::extract(&bytes);
    assert!(started.elapsed().as_secs() < 2);
    assert!(ex.errors.is_empty());
    let c = &ex.cables[0];
    assert_eq!(s(&c.id), "72TEHRAN1381");
    assert_eq!(s(&c.created), "1972-03-09 05:40");
    assert_eq!(s(&c.classification), "UNCLASSIFIED");
    assert_eq!(s(&c.origin), "Embassy Tehran");
    assert_eq!(
        s(&c.subject),
        "TRIALS/EXECUTIONS OF ANTI-GOVERNMENT ELEMENTS: STUDENTS DEMONSTRATE AND SHAH LASHES OUT AT FOREIGN CRITICS"
    );
    assert!(
        c.header
            .starts_with("R 090540Z MAR 72 \nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 7682")
    );
    assert!(c.header.ends_with("AMEMBASSY PARIS"));
    assert!(
        c.body
            .starts_with("UNCLASSIFIED SECTION 01 OF 01 TEHRAN 1381 \n \nE.O. 12958")
    );
    assert!(c.body.contains("\nTAGS: PREL PGOV IR\n"));
    assert!(
        c.body
            .contains("\n1. IN PROTEST AGAINST RECENT TRIALS/PUNISHMENT")
    );
    assert_clean("72TEHRAN1381 body", &c.body);
}

#[test]
fn same_cable_from_two_site_generations() {
    let early = one_wl("66BUENOSAIRES2481.html");
    let full = one_wl("66BUENOSAIRES2481.fullrelease2011.html");
    assert_eq!(early.id, full.id);
    assert_eq!(early.header, full.header);
    assert_eq!(early.body, full.body);
    // The early pages put the hour in the minutes; the full release has the real time.
    assert_eq!(s(&early.created), "1966-12-28 18:06");
    assert_eq!(s(&full.created), "1966-12-28 18:48");
    assert_eq!(s(&full.classification), "UNCLASSIFIED");
    assert_eq!(s(&full.origin), "Embassy Buenos Aires");
    assert_eq!(
        s(&full.subject),
        "EXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS"
    );
    assert!(
        full.header
            .starts_with("P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES")
    );
    assert!(full.body.starts_with("UNCLASSIFIED BUENOS AIRES 2481 \n"));
}

#[test]
fn march_2011_generation_without_transmission_id() {
    let c = one_wl("08BRASILIA93.html");
    assert_eq!(s(&c.id), "08BRASILIA93");
    assert_eq!(s(&c.created), "2008-01-15 18:06");
    assert_eq!(s(&c.classification), "CONFIDENTIAL");
    assert_eq!(s(&c.origin), "Embassy Brasilia");
    assert_eq!(s(&c.subject), "BRAZIL'S NUCLEAR SUBMARINE AMBITIONS");
    assert!(
        c.header
            .starts_with("O 151856Z JAN 08\nFM AMEMBASSY BRASILIA\n")
    );
    assert!(
        c.body
            .starts_with("C O N F I D E N T I A L  BRASILIA 000093 \n")
    );
    assert!(
        c.body
            .contains("\n1. (U) This is n action request - see para 9. \n")
    );
}

#[test]
fn empty_subject() {
    let c = one_wl("08TRIPOLI220.html");
    assert_eq!(s(&c.id), "08TRIPOLI220");
    assert_eq!(c.subject, None);
    assert_eq!(s(&c.created), "2008-03-13 15:03");
    assert_eq!(s(&c.classification), "CONFIDENTIAL");
    assert_eq!(s(&c.origin), "Embassy Tripoli");
    assert!(c.header.starts_with("VZCZCXRO4024\nOO RUEHTRO\n"));
    assert!(
        c.body
            .starts_with("C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220\n")
    );
    assert!(
        c.body
            .contains("\n1.(C) Summary: Reports by the Qadhafi Development Foundation")
    );
    for name in [
        "02BRASILIA4227.html",
        "09CARACAS1296.html",
        "09SAOPAULO663.html",
        "10STATE284.html",
        "7575LIBREVILLE1895.html",
    ] {
        assert_eq!(one_wl(name).subject, None, "{name}");
    }
}

#[test]
fn subjects_with_commas_and_odd_characters() {
    assert_eq!(
        s(&one_wl("09KABUL3423.html").subject),
        "AFGHANS WITH CODEL BURR ON ELECTIONS, SECURITY,"
    );
    assert_eq!(
        s(&one_wl("04OTTAWA3115.html").subject),
        "SCENESETTER FOR PRESIDENT BUSH,S VISIT TO CANADA,"
    );
    assert_eq!(
        s(&one_wl("06SKOPJE105.html").subject),
        "MACEDONIA & NATO MEMBERSHIP: DEFENSE REFORMS ON"
    );
    assert_eq!(
        s(&one_wl("06MOSCOW5645.html").subject),
        "CHECHNYA: THE ONCE AND FUTURE WAR"
    );
}

#[test]
fn odd_paragraph_anchors_removed() {
    // The site anchored lines that merely start with a year or a letter and a full stop.
    let c = one_wl("06SKOPJE105.html");
    assert!(c.body.contains("\n2006. \n"));
    let c = one_wl("04MADRID4367.html");
    assert!(c.body.contains("\n2001. Another idea was to celebrate"));
    let c = one_wl("05ANKARA1730.html");
    assert!(c.body.contains("\nB. ANKARA 1231\nC. ANKARA 1275\n"));
}

#[test]
fn header_blocks_kept_as_they_are() {
    let c = one_wl("90CAPETOWN97.html");
    assert!(c.header.starts_with("CONFIDENTIAL\n\nPAGE 01 "));
    let c = one_wl("03ABUDHABI2641.html");
    assert!(c.header.starts_with("null\nDiana T Fritz  03/21/2007"));
    let c = one_wl("00HARARE6677.html");
    assert!(c.header.starts_with(
        "This record is a partial extract of the original cable. \
         The full text of the original cable is not available.\n\n291359Z Nov 00"
    ));
    // Edited, unwrapped text: a date line, then one line a paragraph.
    assert!(c.body.starts_with(
        "Wednesday, 29 November 2000, 13:59\nC O N F I D E N T I A L SECTION 01 OF 03 HARARE 006677 \n"
    ));
    assert!(c.body.ends_with("MCDONALD\n CONFIDENTIAL\n>"));
    let c = one_wl("02BRASILIA4227.html");
    assert_eq!(
        c.header,
        "This record is a partial extract of the original cable. \
         The full text of the original cable is not available."
    );
    let c = one_wl("09STATE15113.html");
    assert!(c.header.starts_with("INFO  LOG-00   MFA-00"));
}

#[test]
fn bern_page_holds_two_database_rows() {
    let ex = wl("07BERN881.html");
    assert!(ex.errors.is_empty(), "{:?}", ex.errors);
    assert_eq!(ex.cables.len(), 2);

    let a = &ex.cables[0];
    assert_eq!(a.format, Some(Format::WikileaksHtml));
    assert_eq!(s(&a.id), "07BERN881");
    assert_eq!(a.record, None);
    // The row has the real time; the page's table says 09:09.
    assert_eq!(s(&a.created), "2007-09-11 09:44");
    assert_eq!(s(&a.classification), "SECRET");
    assert_eq!(s(&a.origin), "Embassy Bern");
    assert_eq!(a.references, vec!["07STATE124823".to_string()]);
    assert_eq!(s(&a.subject), "FM CALMY-REY \"TAKES NOTE\" OF USG CONCERNS");
    assert!(
        a.header
            .starts_with("VZCZCXRO4549\nOO RUEHRG\nDE RUEHSW #0881/01 2540944\n")
    );
    assert!(
        a.header
            .ends_with("RUEATRS/DEPT OF TREASURY WASHINGTON DC PRIORITY")
    );
    assert!(
        a.body
            .starts_with("S E C R E T SECTION 01 OF 02 BERN 000881 \n \nSIPDIS \n")
    );
    assert!(a.body.contains(
        "\nTAGS: MNUC KNNP ETTC IR SZ\nSUBJECT: FM CALMY-REY \"TAKES NOTE\" OF USG CONCERNS \n\
         REGARDING IRAN/IAEA AND IRAN/EGL \n"
    ));
    assert!(a.body.contains("\n     B. GUHA-CARTER E-MAIL (07SEP07) \n"));
    assert!(
        a.body
            .contains("\n1. (S) Per instructions in reftel A, CDA met FM Calmy-Rey on \n")
    );
    assert!(
        a.body
            .ends_with("appropriate opportunities with other Swiss officials. \nCARTER")
    );
    assert!(!a.body.contains("07TBILISI2290"));

    let b = &ex.cables[1];
    assert_eq!(s(&b.id), "07TBILISI2290");
    assert_eq!(b.record, Some(121752));
    assert_eq!(s(&b.created), "2007-09-11 12:50");
    assert_eq!(s(&b.classification), "UNCLASSIFIED//FOR OFFICIAL USE ONLY");
    assert_eq!(s(&b.origin), "Embassy Tbilisi");
    assert!(b.references.is_empty());
    assert_eq!(b.subject, None);
    assert!(b.header.starts_with("VZCZCXRO4053\nRR RUEHAG RUEHAST"));
    assert!(
        b.header
            .ends_with("INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE")
    );
    assert!(
        b.body
            .starts_with("UNCLAS SECTION 01 OF 06 TBILISI 002290 \n")
    );
    assert!(
        b.body
            .contains("\nSUBJECT: REGIONAL GOVERNORS - WHO ARE THEY? \n")
    );
    assert!(
        b.body
            .contains("\n8. (SBU) Comment: Strengthening of the institution of \n")
    );
    assert!(b.body.ends_with(
        "the local level.  We will actively encourage such an approach. \nEnd \ncomment. \nTEFFT"
    ));
    // The site put 07BERN881's tags on the other row's TAGS line too.
    assert!(b.warnings.iter().any(|w| matches!(
        w,
        Warning::Note { message } if message.contains("TAGS")
    )));

    for c in &ex.cables {
        for (what, text) in [("header", &c.header), ("body", &c.body)] {
            assert_clean(&format!("{} {what}", s(&c.id)), text);
            assert!(!text.contains('\\'), "{} {what}: escape left", s(&c.id));
            assert!(
                !text.contains('\t'),
                "{} {what}: field separator left",
                s(&c.id)
            );
        }
    }
}

#[test]
fn every_wikileaks_page_yields_a_clean_cable() {
    let dir = corpus().join("wikileaks-html");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 126);
    let mut cables = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let ex = wikileaks_html::extract(&bytes);
        assert!(ex.errors.is_empty(), "{name}: {:?}", ex.errors);
        assert!(!ex.cables.is_empty(), "{name}: no cable");
        let stem = name.split('.').next().unwrap();
        assert_eq!(s(&ex.cables[0].id), stem, "{name}");
        for c in &ex.cables {
            assert_eq!(c.format, Some(Format::WikileaksHtml), "{name}");
            // Another cable's text after the page's own has only what that text gives.
            let own = !c
                .warnings
                .iter()
                .any(|w| w.to_string().contains("holds 2 cables"));
            for (what, v) in [
                ("id", &c.id),
                ("created", &c.created),
                ("classification", &c.classification),
                ("origin", &c.origin),
            ] {
                assert!(
                    !own || v.as_deref().is_some_and(|v| !v.trim().is_empty()),
                    "{name}: no {what}"
                );
            }
            let created = c.created.as_deref().unwrap_or("2000-01-01 00:00");
            assert!(
                created.len() == 16
                    && created.as_bytes()[4] == b'-'
                    && created.as_bytes()[10] == b' '
                    && created.as_bytes()[13] == b':',
                "{name}: created {created:?}"
            );
            assert!(!c.body.trim().is_empty(), "{name}: empty body");
            assert!(!c.body.contains('\r') && !c.header.contains('\r'), "{name}");
            assert_clean(&format!("{name} header"), &c.header);
            assert_clean(&format!("{name} body"), &c.body);
            if let Some(subject) = &c.subject {
                assert!(!subject.is_empty() && subject.trim() == subject, "{name}");
                assert!(!subject.contains("&#") && !subject.contains('<'), "{name}");
            }
            cables += 1;
        }
    }
    assert_eq!(cables, 129);
}

#[test]
fn page_without_a_cable() {
    let ex = wikileaks_html::extract(
        b"<html><head><title>Cable Viewer</title></head><body><p>Nothing here</p></body></html>",
    );
    assert!(ex.cables.is_empty());
    assert_eq!(ex.errors.len(), 1);
    assert_eq!(ex.errors[0].reason, "HTML page holds no cable");

    let ex = plusd::extract(b"<html><body><div id='content'>No cable</div></body></html>");
    assert!(ex.cables.is_empty());
    assert_eq!(ex.errors[0].reason, "HTML page holds no cable");

    for ex in [wikileaks_html::extract(b""), plusd::extract(b"")] {
        assert!(ex.cables.is_empty());
        assert_eq!(ex.errors.len(), 1);
    }
}

#[test]
fn cp1252_page_is_decoded_with_a_warning() {
    let mut page = b"<h3>Viewing cable 09X1, CAF\xc9</h3><table class='cable'><tr><th>Reference ID</th>\
<th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr><tr>\
<td><a href='/c'>09X1</a></td><td><a href='/d'>2009-01-02 03:04</a></td><td><a>2010-11-28 18:06</a></td>\
<td><a href='/k' title='secret'>UNCLASSIFIED</a></td><td><a href='/o'>Embassy Paris</a></td></tr></table>\
<code><pre>R 020304Z JAN 09</pre></code><code><pre>UNCLAS PARIS 000001&#x000A;&#x000A;<a id='par1' href='#par1'>\xb6</a>1. (U) Caf\xe9 &amp; croissants &lt;3</pre></code>"
        .to_vec();
    page.extend_from_slice(b"\n");
    let ex = wikileaks_html::extract(&page);
    assert!(ex.errors.is_empty());
    let c = &ex.cables[0];
    assert_eq!(s(&c.subject), "CAFÉ");
    assert_eq!(s(&c.classification), "UNCLASSIFIED");
    assert_eq!(c.header, "R 020304Z JAN 09");
    assert_eq!(c.body, "UNCLAS PARIS 000001\n\n1. (U) Café & croissants <3");
    assert!(matches!(c.warnings.first(), Some(Warning::Decoded { .. })));
}

// ---------------------------------------------------------------------------------------------
// PlusD pages

#[test]
fn plusd_athens_02959() {
    let c = one_plusd("1974ATHENS02959_b.html");
    assert_eq!(c.format, Some(Format::PlusdHtml));
    assert_eq!(s(&c.id), "1974ATHENS02959");
    assert_eq!(s(&c.created), "1974-05-17 16:00");
    assert_eq!(s(&c.classification), "LIMITED OFFICIAL USE");
    assert_eq!(s(&c.origin), "Greece Athens");
    assert_eq!(s(&c.subject), "ARRESTS OF KALOUDIS AND AMBATIELOS");
    assert_eq!(c.header, "");
    assert!(c.body.starts_with(
        "LIMITED OFFICIAL USE\n\nPAGE 01  ATHENS 02959  171944Z\n\n11\nACTION EUR-25\n"
    ));
    assert!(
        c.body
            .contains("\nR 171600Z MAY 74\nFM AMEMBASSY ATHENS\nTO SECSTATE WASHDC 3410\n")
    );
    assert!(
        c.body
            .contains("\nREF: STATE -097844\n\n1. INQUIRIES MADE BY APPROPRIATE SECTION")
    );
    assert!(c.body.contains("\nPAGE 02  ATHENS 02959  171944Z\n"));
    assert!(
        c.body
            .contains("ITS \"DEVOTION\nTO INTERNATIONAL LABOR CONVENTION\", THEREBY")
    );
    assert!(
        c.body
            .ends_with("TASCA\n\n\nLIMITED OFFICIAL USE\n\n\n\n\nNNN")
    );
    assert_clean("1974ATHENS02959 body", &c.body);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn plusd_athens_03099() {
    let c = one_plusd("1974ATHENS03099_b.html");
    assert_eq!(s(&c.id), "1974ATHENS03099");
    assert_eq!(s(&c.created), "1974-05-23 15:15");
    assert_eq!(s(&c.classification), "CONFIDENTIAL");
    assert_eq!(s(&c.origin), "Greece Athens");
    assert_eq!(s(&c.subject), "ARRESTS OF KALOUDIS AND AMBATIELOS");
    assert_eq!(c.header, "");
    assert!(
        c.body
            .starts_with("CONFIDENTIAL\n\nPAGE 01  ATHENS 03099  231541Z\n")
    );
    // The page's hidden header pane ends inside the REF list; the text runs on unbroken.
    assert!(
        c.body
            .contains("\nREF: A. STATE 97844\nB. ATHENS 2959\n\n1. EMBASSY RECEIVED")
    );
    assert!(c.body.contains("\nC O N F I D E N T I A L ATHENS 3099\n"));
    assert!(
        c.body
            .ends_with("SECURITY.\nTASCA\n\n\nCONFIDENTIAL\n\n\n\n\nNNN")
    );
    assert_clean("1974ATHENS03099 body", &c.body);
}

#[test]
fn plusd_state_097844() {
    let c = one_plusd("1973STATE097844_b.html");
    assert_eq!(s(&c.id), "1973STATE097844");
    assert_eq!(s(&c.created), "1973-05-22 18:28");
    assert_eq!(s(&c.classification), "LIMITED OFFICIAL USE");
    assert_eq!(s(&c.origin), "Department of State");
    assert_eq!(s(&c.subject), "INFORMATION TO FORMER SENATOR TYDINGS");
    assert_eq!(c.header, "");
    assert!(
        c.body
            .starts_with("LIMITED OFFICIAL USE\n\nPAGE 01   STATE  097844\n\n51\n")
    );
    assert!(c.body.contains(
        "\nSUBJECT:   INFORMATION TO FORMER SENATOR TYDINGS\n\n1.   PLEASE INFORM TYDINGS"
    ));
    assert!(c.body.ends_with(
        "LIMITED OFFICIAL USE\nNMAFVVZCZ\n\n\n\n\n\n*** Current Handling Restrictions ***   n/a\n\
         ***  Current Classification ***   LIMITED OFFICIAL USE"
    ));
    assert_clean("1973STATE097844 body", &c.body);
}

#[test]
fn plusd_falls_back_to_the_content_pane() {
    let page = "<table id=\"synopsis\"><tr><td colspan=\"2\">A SUBJECT</td></tr><tr>\
<td><div class=\"s_key\"><a class=\"i\" title=\"Date\">Date:</a></div><div class=\"s_val\" title=\"x\">1975 Dec 3, 07:05 (Wednesday)</div></td>\
<td><div class=\"s_key\"><a class=\"i\">Canonical ID:</a></div><div class=\"s_val\">1975STATE000001_c</div></td></tr>\
<tr><td><div class=\"s_key\"><a class=\"i\">Original Classification:</a></div><div class=\"s_val\">SECRET</div></td>\
<td><div class=\"s_key\"><a class=\"i\">From:</a></div><div class=\"s_val\">-- N/A or Blank --</div></td></tr></table>\
<div class=\"text-header hidden\">\nSECRET\n\nREF: A. X</div><div class=\"text-button\">Show&nbsp;Headers</div>\
<div class=\"text-content\"><div id=\"tagged-text\">B. Y\n\n1. TEXT &amp; <span class=\"h\">MORE</span>\n<div>nested</div>\nNNN\n</div></div>\
<!--<div id=\"tagged-text\"> -->";
    let ex = plusd::extract(page.as_bytes());
    assert!(ex.errors.is_empty());
    let c = &ex.cables[0];
    assert_eq!(s(&c.id), "1975STATE000001");
    assert_eq!(s(&c.created), "1975-12-03 07:05");
    assert_eq!(s(&c.classification), "SECRET");
    assert_eq!(c.origin, None);
    assert_eq!(s(&c.subject), "A SUBJECT");
    assert_eq!(
        c.body,
        "SECRET\n\nREF: A. X\nB. Y\n\n1. TEXT & MORE\nnested\nNNN"
    );
}

// ---------------------------------------------------------------------------------------------
// No input makes either extractor panic.

fn html_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<h3>Viewing cable ".to_string()),
        Just("</h3>".to_string()),
        Just("<table class='cable'>".to_string()),
        Just("<table id=\"synopsis\">".to_string()),
        Just("</table>".to_string()),
        Just("<tr>".to_string()),
        Just("<th>Created</th>".to_string()),
        Just("<td>".to_string()),
        Just("</td>".to_string()),
        Just("<code><pre>".to_string()),
        Just("</pre></code>".to_string()),
        Just("<a id='par1' href='#par1'>¶</a>".to_string()),
        Just("<a href='/tag/X_0.html'>".to_string()),
        Just("</a>".to_string()),
        Just("<div class=\"s_key\">".to_string()),
        Just("<div class=\"s_val\" title=\"".to_string()),
        Just("<div id=\"tagged-text\">".to_string()),
        Just("<div class=\"pane-header\">Raw content</div>".to_string()),
        Just("<div class=\"text-content\">".to_string()),
        Just("</div>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<? x ?>".to_string()),
        Just("&#x000A;".to_string()),
        Just("&amp;".to_string()),
        Just("&#".to_string()),
        Just("\\".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("2007-09-11 09:44:00\t".to_string()),
        Just("121752\t".to_string()),
        Just("TAGS: ".to_string()),
        Just("1974 May 17, 16:00 (Friday)".to_string()),
        Just("1974ATHENS02959_b".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("=".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        "[a-zA-Z0-9 ,.:/_-]{0,12}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(ex: &Extracted) {
    // Something comes out: cables or errors.
    assert!(!ex.cables.is_empty() || !ex.errors.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&wikileaks_html::extract(&bytes));
        check(&plusd::extract(&bytes));
    }

    #[test]
    fn html_ish_text_never_panics(text in html_ish()) {
        check(&wikileaks_html::extract(text.as_bytes()));
        check(&plusd::extract(text.as_bytes()));
    }

    #[test]
    fn cut_real_pages_never_panic(cut in 0usize..60_000, which in 0usize..4) {
        let name = [
            "wikileaks-html/07BERN881.html",
            "wikileaks-html/10RIYADH182.html",
            "plusd-html/1974ATHENS03099_b.html",
            "plusd-html/1973STATE097844_b.html",
        ][which];
        let bytes = read(name);
        let part = &bytes[..cut.min(bytes.len())];
        check(&wikileaks_html::extract(part));
        check(&plusd::extract(part));
    }
}

#[test]
fn pathological_inputs_stay_fast() {
    let big = |piece: &str| piece.repeat(200_000 / piece.len().max(1) + 1);
    let inputs = [
        big("<a href='"),
        big("<div class=\"s_key\">"),
        big("<div class=\"s_key\">k</div>") + "<div class=\"s_val\">v</div>",
        big("<pre>"),
        big("<pre></pre>"),
        big("<!--"),
        format!(
            "<code><pre>2007-09-11 09:44:00\tX{}</pre></code>",
            big("\n")
        ),
        format!(
            "<code><pre>2007-09-11 09:44:00\tX\t{}</pre></code>",
            big("TAGS: a&#x000A;")
        ),
        big("<a id='par1' href='#par1'>"),
        big("<div class=\"pane-header\">"),
        big("Viewing cable "),
        big("<table class='cable'><td>"),
    ];
    let started = std::time::Instant::now();
    for input in &inputs {
        let _ = wikileaks_html::extract(input.as_bytes());
        let _ = plusd::extract(input.as_bytes());
    }
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

/// An id whose year cannot be read (`7575LIBREVILLE1895`, the release's doubled prefix): the
/// references take the year of the cable's date, in the page as in the `cables.csv` record.
#[test]
fn references_of_an_id_with_a_doubled_year_take_the_dates_year() {
    for rel in [
        "wikileaks-html/7575LIBREVILLE1895.html",
        "csv/7575LIBREVILLE1895.csv",
    ] {
        let (cables, _) = cable_reader::cable::load_bytes(&read(rel), rel);
        assert_eq!(cables[0].id, "7575LIBREVILLE1895", "{rel}");
        assert_eq!(
            cables[0].references,
            ["75STATE272523", "75USUNNEWYORK6028"],
            "{rel}"
        );
    }
}
