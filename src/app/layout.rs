//! Where everything goes on screen: a pure function of the terminal's size and a few flags,
//! read alike by the update (how far a page goes, how wide the text wraps) and by the view.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders};

use crate::keys::Context;

/// Below this size the reader draws a notice instead of its panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on the marking filter sits beside the paragraph view.
pub const WIDE: u16 = 100;
/// From this height on the document list sits above the paragraph view.
pub const TALL: u16 = 24;
/// Width of the marking filter pane beside the paragraph view.
pub const FILTER_WIDTH: u16 = 30;

/// The panes of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    Filter,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Filter];

    pub fn context(self) -> Context {
        match self {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
            Pane::Filter => Context::Filter,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "list",
            Pane::Reader => "paragraphs",
            Pane::Filter => "filter",
        }
    }
}

/// What the layout depends on besides the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    pub prompt: bool,
    pub show_list: bool,
    pub focus: Pane,
    /// Rows the document list holds (it takes no more room than they need).
    pub list_rows: usize,
}

/// Where each pane goes; a pane that does not fit is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub filter: Option<Rect>,
    pub status: Rect,
    pub prompt: Option<Rect>,
}

impl Areas {
    pub fn of(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Filter => self.filter,
        }
    }
}

/// Lays the panes out in `area`; `None` when the terminal is too small.
///
/// Wide and tall terminals show all three panes. Narrower ones fold: the list and the filter
/// leave the screen, and whichever pane has focus takes the whole main area.
pub fn areas(area: Rect, flags: &Flags) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let prompt_rows = u16::from(flags.prompt);
    let [main, status, prompt] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(prompt_rows),
    ])
    .areas(area);
    let prompt = (prompt_rows > 0).then_some(prompt);

    let list_fits = flags.show_list && area.height >= TALL;
    let filter_fits = area.width >= WIDE;
    let focus_folded = match flags.focus {
        Pane::List => !list_fits,
        Pane::Filter => !filter_fits,
        Pane::Reader => false,
    };
    if focus_folded {
        let mut a = Areas {
            list: None,
            reader: None,
            filter: None,
            status,
            prompt,
        };
        match flags.focus {
            Pane::List => a.list = Some(main),
            Pane::Filter => a.filter = Some(main),
            Pane::Reader => a.reader = Some(main),
        }
        return Some(a);
    }

    let (list, rest) = if list_fits {
        // Enough rows for what is listed, at most a third of the screen.
        let wanted = flags.list_rows.saturating_add(3);
        let cap = (main.height / 3).max(5);
        let h = (wanted.min(usize::from(cap)) as u16).max(5);
        let [l, r] = Layout::vertical([Constraint::Length(h), Constraint::Min(1)]).areas(main);
        (Some(l), r)
    } else {
        (None, main)
    };
    let (reader, filter) = if filter_fits {
        let [r, f] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(FILTER_WIDTH)]).areas(rest);
        (r, Some(f))
    } else {
        (rest, None)
    };
    Some(Areas {
        list,
        reader: Some(reader),
        filter,
        status,
        prompt,
    })
}

/// The paragraph view's rectangle whenever it is on screen (text wrapping depends only on this).
pub fn reader_area(area: Rect, flags: &Flags) -> Option<Rect> {
    let flags = Flags {
        focus: Pane::Reader,
        ..*flags
    };
    areas(area, &flags)?.reader
}

/// The text area inside a pane's border and padding.
pub fn pane_inner(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// Where the paragraph view's text goes: inside the border, a column clear of it on each side
/// (the right border carries the scrollbar).
pub fn reader_text_area(area: Rect) -> Rect {
    let i = pane_inner(area);
    Rect {
        x: i.x.saturating_add(1).min(i.right()),
        width: i.width.saturating_sub(2),
        ..i
    }
}

/// A rectangle of at most `w` x `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// An overlay's box (help, errors, bookmarks, hits): as tall as its `content` needs, within
/// the screen.
pub fn overlay_box(area: Rect, content: usize) -> Rect {
    let h = (content + 2).min(usize::from(area.height.saturating_sub(2))) as u16;
    centered(area, area.width.saturating_sub(2).min(112), h)
}

/// The hit list's box: the whole screen but a margin, so hits can stream in without it growing.
pub fn results_box(area: Rect) -> Rect {
    overlay_box(area, usize::from(area.height))
}

/// The bookmark list's box: one row a bookmark, within the screen.
pub fn bookmarks_box(area: Rect, bookmarks: usize) -> Rect {
    overlay_box(area, bookmarks.max(1))
}

/// Rows of a list inside an overlay box.
pub fn box_rows(r: Rect) -> usize {
    usize::from(r.height.saturating_sub(2))
}

/// Help shows its two halves side by side in a box this wide.
pub fn two_columns(box_width: u16) -> bool {
    box_width >= 100
}

/// Rows of text in the paragraph view (at least 1), and the columns it wraps at.
pub fn reader_text(area: Rect, flags: &Flags) -> Rect {
    reader_area(area, flags)
        .map(reader_text_area)
        .unwrap_or_default()
}

/// Rows a list pane shows below its column heads (at least 1). A pane not on screen borrows the
/// size of the one that stands in for it.
pub fn list_rows(area: Rect, flags: &Flags, pane: Pane) -> usize {
    let rows = areas(area, flags)
        .and_then(|a| match pane {
            Pane::List => a.list.or(a.reader).or(a.filter),
            _ => a.filter.or(a.reader).or(a.list),
        })
        .map(pane_inner)
        .map(|r| r.height.saturating_sub(1))
        .unwrap_or(1);
    usize::from(rows).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(focus: Pane) -> Flags {
        Flags {
            prompt: false,
            show_list: true,
            focus,
            list_rows: 6,
        }
    }

    #[test]
    fn wide_and_tall_screens_show_every_pane() {
        let a = areas(Rect::new(0, 0, 120, 40), &flags(Pane::Reader)).unwrap();
        assert_eq!(a.list, Some(Rect::new(0, 0, 120, 9)));
        assert_eq!(a.reader, Some(Rect::new(0, 9, 90, 30)));
        assert_eq!(a.filter, Some(Rect::new(90, 9, 30, 30)));
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
        assert_eq!(a.prompt, None);
        assert_eq!(
            reader_text(Rect::new(0, 0, 120, 40), &flags(Pane::List)),
            Rect::new(2, 10, 86, 28)
        );
    }

    #[test]
    fn narrow_screens_give_the_focused_pane_the_room() {
        let screen = Rect::new(0, 0, 60, 20);
        let a = areas(screen, &flags(Pane::List)).unwrap();
        assert_eq!(
            (a.list, a.reader, a.filter),
            (Some(Rect::new(0, 0, 60, 19)), None, None)
        );
        // The text still wraps for the paragraph view's width.
        assert_eq!(reader_text(screen, &flags(Pane::List)).width, 56);
        assert_eq!(list_rows(screen, &flags(Pane::Reader), Pane::List), 16);
        assert!(areas(Rect::new(0, 0, 39, 20), &flags(Pane::Reader)).is_none());
    }

    #[test]
    fn overlay_boxes_fit_their_content_within_the_screen() {
        let screen = Rect::new(0, 0, 120, 40);
        assert_eq!(overlay_box(screen, 3), Rect::new(4, 17, 112, 5));
        assert_eq!(box_rows(results_box(screen)), 36);
    }
}
