//! The decoded cable: what every format's loader produces and every front end reads.

use serde::Serialize;

use super::marking::Marking;
pub use super::references::OtherReference;

/// The routing lines decoded: who sent the cable to whom, how urgently, when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Routing {
    /// `VZCZCXRO2513`.
    pub transmission_id: Option<String>,
    /// `IMMEDIATE`, `PRIORITY`, `ROUTINE`, `FLASH`, from the date-time group's letter.
    pub precedence: Option<String>,
    /// The date-time group as written (`P 211502Z DEC 09`).
    pub dtg: Option<String>,
    /// `FM` (`AMEMBASSY RIYADH`).
    pub from: Option<String>,
    /// `TO` addressees (`SECSTATE WASHDC`).
    pub to: Vec<String>,
    /// `INFO` addressees.
    pub info: Vec<String>,
}

/// The published form a cable was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Format {
    #[serde(rename = "scoop")]
    Scoop,
    #[serde(rename = "wikileaks-html")]
    WikileaksHtml,
    #[serde(rename = "cables-csv")]
    CablesCsv,
    #[serde(rename = "text")]
    Text,
    #[serde(rename = "plusd-html")]
    PlusdHtml,
    /// Cable text with its HTML kept, without the page around it.
    #[serde(rename = "html-fragment")]
    HtmlFragment,
    /// JSON Lines or a JSON array of records.
    #[serde(rename = "json")]
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Scoop => "scoop",
            Format::WikileaksHtml => "wikileaks-html",
            Format::CablesCsv => "cables-csv",
            Format::Text => "text",
            Format::PlusdHtml => "plusd-html",
            Format::HtmlFragment => "html-fragment",
            Format::Json => "json",
        }
    }
}

/// One numbered paragraph, or the text of a cable without numbered paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// `None` for the unnumbered block of a cable without numbered paragraphs.
    pub number: Option<u32>,
    /// The section heading that introduces the paragraph (`PRODUCTIVE FONMIN MEETING`), if any.
    pub heading: Option<String>,
    /// Canonical marking (`S//NF`), or the level inherited from an `ENTIRE TEXT` marking.
    #[serde(serialize_with = "ser_marking")]
    pub marking: Option<Marking>,
    /// The marking as the cable wrote it, without parentheses (`S/NF`); `None` when inherited or absent.
    pub marking_raw: Option<String>,
    /// True when the marking comes from an `ENTIRE TEXT` marking rather than the paragraph itself.
    pub inherited: bool,
    /// The paragraph's text without its number and marking; lines joined with `\n`.
    pub text: String,
}

fn ser_marking<S: serde::Serializer>(m: &Option<Marking>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.serialize_str(&m.to_string()),
        None => s.serialize_none(),
    }
}

/// Something the loader noticed, so that nothing is silently lost or invented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Warning {
    /// Paragraph numbering jumps from `after` to `found`.
    NumberSkipped { after: u32, found: u32 },
    /// A number `found` at a paragraph's start jumps so far beyond `after` that it was kept as
    /// text, not taken as a paragraph number.
    NumberImplausible { after: u32, found: u32 },
    /// Paragraph number `found` comes again (or goes backwards) after `after`.
    NumberRepeated { after: u32, found: u32 },
    /// The first paragraph number is `first`, not 1 (a partial extract, a redaction).
    NumberingStartsAt { first: u32 },
    /// Paragraph `paragraph` stops mid-sentence right before the next number: the source lost text.
    MissingText { paragraph: u32 },
    /// The source says the record is a partial extract of the original cable.
    PartialExtract,
    /// The banner classification is below the highest paragraph marking.
    BannerBelowMarking { banner: String, marking: String },
    /// A parenthesised marking whose form is not understood.
    UnknownMarking { paragraph: u32, raw: String },
    /// The text was not valid UTF-8 and was decoded as `encoding`.
    Decoded { encoding: String },
    /// Anything else worth telling the reader.
    Note { message: String },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::NumberSkipped { after, found } => {
                write!(f, "paragraph numbers skip from {after} to {found}")
            }
            Warning::NumberImplausible { after, found } => write!(
                f,
                "a paragraph number {found} after {after} is too far ahead: kept as text"
            ),
            Warning::NumberRepeated { after, found } => {
                write!(
                    f,
                    "paragraph number {found} repeats or goes back (after {after})"
                )
            }
            Warning::NumberingStartsAt { first } => {
                write!(f, "paragraph numbers start at {first}")
            }
            Warning::PartialExtract => f.write_str(
                "a partial extract of the original cable: the full text is not available",
            ),
            Warning::MissingText { paragraph } => write!(
                f,
                "paragraph {paragraph} stops mid-sentence: text may be missing here"
            ),
            Warning::BannerBelowMarking { banner, marking } => write!(
                f,
                "banner {banner} is below the highest paragraph marking {marking}"
            ),
            Warning::UnknownMarking { paragraph, raw } => {
                write!(f, "paragraph {paragraph}: marking ({raw}) not understood")
            }
            Warning::Decoded { encoding } => write!(f, "not UTF-8: decoded as {encoding}"),
            Warning::Note { message } => f.write_str(message),
        }
    }
}

/// A decoded cable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cable {
    /// Reference id: `09USNATO595`; PlusD `1974ATHENS02959`.
    pub id: String,
    #[serde(serialize_with = "ser_format")]
    pub format: Option<Format>,
    /// Path of the file it came from.
    pub source: String,
    /// Record number within a `cables.csv` file (its first field).
    pub record: Option<u64>,
    pub subject: String,
    /// UTC, ISO 8601 (`2009-12-21T15:02:00Z`): the date-time group when present, else the source's date.
    pub date: Option<String>,
    /// As the source names it (`Mission USNATO`, `Embassy Riyadh`), else the post from the id.
    pub origin: String,
    /// `UNCLASSIFIED`, `CONFIDENTIAL//NOFORN`, ...: the source's metadata, else the banner.
    pub classification: String,
    /// SIPDIS, NOFORN, EXDIS, ... in order of appearance.
    pub captions: Vec<String>,
    /// The `E.O.` line's value (`12958: DECL: 02/10/2020`).
    pub eo: Option<String>,
    /// Declassification date from the E.O. line, ISO (`2020-02-10`), where it is a date.
    pub declassify: Option<String>,
    /// The declassification date or instruction as written (`02/10/2020`, `OADR`, `1.6X1`).
    pub declassify_raw: Option<String>,
    pub tags: Vec<String>,
    /// Reference ids where they resolve (`09STATE12345`).
    pub references: Vec<String>,
    /// References that are not cables (e-mails, IIRs, meetings), as written, with their letter.
    pub references_other: Vec<OtherReference>,
    /// The `REF:` text as written.
    pub references_raw: Option<String>,
    pub classified_by: Option<String>,
    /// The signer's name at the end of the cable (`CLINTON`).
    pub signed_by: Option<String>,
    /// The routing header decoded.
    pub routing: Routing,
    /// The cable's summary (`BEGIN SUMMARY ... END SUMMARY`, `1. (C) Summary: ...`).
    pub summary: Option<String>,
    /// Routing header as written (VZCZC, DE, date-time group, FM, TO, INFO ...).
    pub header: String,
    /// Text between the header and the first numbered paragraph (banner, captions, TAGS, SUBJECT ...).
    pub preamble: String,
    pub paragraphs: Vec<Paragraph>,
    /// Text after the last paragraph's end marker (signature).
    pub closing: String,
    /// The source says this is a partial extract of the original cable.
    pub partial: bool,
    pub warnings: Vec<Warning>,
}

fn ser_format<S: serde::Serializer>(f: &Option<Format>, s: S) -> Result<S::Ok, S::Error> {
    match f {
        Some(f) => s.serialize_str(f.name()),
        None => s.serialize_none(),
    }
}

impl Cable {
    pub fn paragraph(&self, number: u32) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.number == Some(number))
    }
}
