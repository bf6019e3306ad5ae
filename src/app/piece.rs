//! What a laid-out line is made of: pieces of text made up for display and stretches of the
//! cable's own text, referred to by byte range. The document and its `REF:` marks build them,
//! the view draws them.

use ratatui::style::Style;

use crate::cable::Cable;

/// A text of the cable that lines refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Src {
    /// Routing header as written.
    Header,
    /// Text before the first numbered paragraph.
    Preamble,
    /// Paragraph by index in `Cable::paragraphs`.
    Para(u32),
    /// Text after the last paragraph.
    Closing,
}

impl Src {
    pub fn text(self, cable: &Cable) -> &str {
        match self {
            Src::Header => &cable.header,
            Src::Preamble => &cable.preamble,
            Src::Para(i) => cable
                .paragraphs
                .get(i as usize)
                .map(|p| p.text.as_str())
                .unwrap_or(""),
            Src::Closing => &cable.closing,
        }
    }
}

/// A piece of a laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text made up for display: labels, numbers, badges, notes.
    Lit(String, Style),
    /// A stretch of the cable's own text; soft line breaks inside show as spaces.
    Text {
        src: Src,
        start: u32,
        end: u32,
        style: Style,
    },
    /// Blank columns.
    Pad(u16),
}
