//! The open cable's view: its laid-out document, where the view is in it, and the places to go
//! back to (places are [`super::place`]'s).

use std::sync::Arc;

use crate::cable::Cable;

use super::doc::{Doc, DocOptions};
use super::find::Search;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocKey {
    pub cable: usize,
    pub width: u16,
    pub filter: u64,
    pub opts: DocOptions,
    /// Whether the links are known (the `REF:` line marks its cables then).
    pub links: bool,
}

#[derive(Debug)]
pub struct Reader {
    pub open: Option<usize>,
    pub doc: Doc,
    pub doc_key: Option<DocKey>,
    /// First line on screen.
    pub top: usize,
    pub header_folded: bool,
    pub show_raw: bool,
    pub jumps: super::jumps::JumpList,
    pub search: Option<Search>,
    /// The highest paragraph number of the open cable (the M in ¶N/M).
    pub last_number: Option<u32>,
    /// The open cable, parsed.
    pub cable: Option<Arc<Cable>>,
    /// A paragraph made current by a move that shows it below the top (`G`): (the view's top
    /// line then, paragraph index). It holds while the view stays at that line.
    pub pinned: Option<(usize, usize)>,
    /// The paragraph the reader was at when the filter last changed: (cable, paragraph index,
    /// the view's top line after the change). While the view stays there, a further change
    /// goes back to that paragraph, so a filter turned on and off keeps the place.
    pub filter_place: Option<(usize, usize, usize)>,
}

impl Reader {
    /// How far scrolling (as opposed to jumping) goes in a view `height` rows high: until the
    /// end fills the screen, or no further than a jump already went.
    pub fn scroll_limit(&self, height: usize) -> usize {
        let fill = self.doc.total_lines().saturating_sub(height);
        fill.max(self.top).min(self.doc.max_top(height))
    }
}
