//! One list cursor for every list (documents, marking filter, bookmarks, search hits): the
//! selected row and the first row on screen, kept in bounds the same way everywhere.

/// A movement of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    By(isize),
    Top,
    Bottom,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
}

/// `a` moved by `d`, stopping at 0.
pub fn add(a: usize, d: isize) -> usize {
    if d < 0 {
        a.saturating_sub(d.unsigned_abs())
    } else {
        a.saturating_add(d as usize)
    }
}

impl Cursor {
    /// Moves the selection within `len` rows.
    pub fn go(&mut self, m: Move, len: usize) {
        let last = len.saturating_sub(1);
        self.selected = match m {
            Move::By(d) => add(self.selected, d).min(last),
            Move::Top => 0,
            Move::Bottom => last,
        };
    }

    /// Selects row `i` when there is one.
    pub fn select(&mut self, i: usize, len: usize) {
        if i < len {
            self.selected = i;
        }
    }

    /// Selects the row `row` lines below the top of the screen, when there is one.
    pub fn click(&mut self, row: usize, len: usize) {
        self.select(self.offset + row, len);
    }

    /// Keeps the selection among the rows and on a screen of `height` rows, and the screen
    /// filled: the first row shown is never further down than `len - height`.
    pub fn follow(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// The mouse wheel: the rows on screen move by `d`, the selection stays on screen.
    pub fn scroll(&mut self, d: isize, len: usize, height: usize) {
        let height = height.max(1);
        self.offset = add(self.offset, d).min(len.saturating_sub(height));
        self.selected = self
            .selected
            .clamp(self.offset, (self.offset + height).saturating_sub(1))
            .min(len.saturating_sub(1));
    }

    /// Shows the selection in the middle of the screen.
    pub fn center(&mut self, height: usize) {
        self.offset = self.selected.saturating_sub(height / 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_among_the_rows() {
        let mut c = Cursor::default();
        c.go(Move::By(-3), 10);
        assert_eq!(c.selected, 0);
        c.go(Move::By(25), 10);
        assert_eq!(c.selected, 9);
        c.go(Move::Top, 10);
        assert_eq!(c.selected, 0);
        c.go(Move::Bottom, 0);
        assert_eq!(c.selected, 0);
        c.click(4, 3);
        assert_eq!(c.selected, 0);
        c.click(2, 3);
        assert_eq!(c.selected, 2);
    }

    #[test]
    fn follow_keeps_the_selection_on_a_filled_screen() {
        let mut c = Cursor::default();
        c.go(Move::Bottom, 100);
        c.follow(100, 10);
        assert_eq!((c.selected, c.offset), (99, 90));
        // The screen grows: the rows above come into view, none is left blank.
        c.go(Move::By(-1), 100);
        c.follow(100, 30);
        assert_eq!((c.selected, c.offset), (98, 70));
        // The rows shrink under the cursor.
        c.follow(5, 30);
        assert_eq!((c.selected, c.offset), (4, 0));
        c.follow(0, 30);
        assert_eq!((c.selected, c.offset), (0, 0));
    }

    #[test]
    fn the_wheel_moves_the_screen_and_drags_the_selection() {
        let mut c = Cursor::default();
        c.scroll(5, 100, 10);
        assert_eq!((c.selected, c.offset), (5, 5));
        c.scroll(1000, 100, 10);
        assert_eq!((c.selected, c.offset), (90, 90));
        c.scroll(-85, 100, 10);
        assert_eq!((c.selected, c.offset), (14, 5));
    }
}
