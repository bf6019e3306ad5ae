//! The jump list, as vim keeps it: `Ctrl-o` goes back to where a jump started, `Ctrl-i` goes
//! forward again; a new jump after going back drops the places ahead.

use super::place::Mark;

/// How many places are kept each way, so a long session does not grow the list without end.
const KEEP: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    /// Places to go back to, the latest last.
    back: Vec<Mark>,
    /// Places gone back from, the nearest last.
    ahead: Vec<Mark>,
}

impl JumpList {
    /// A jump from `mark`: it is the place to go back to, and nothing is ahead any more.
    pub fn push(&mut self, mark: Mark) {
        if self.back.last() != Some(&mark) {
            self.back.push(mark);
        }
        if self.back.len() > KEEP {
            self.back.remove(0);
        }
        self.ahead.clear();
    }

    /// The place to go back to from `here`, which forward comes back to.
    pub fn back(&mut self, here: Option<Mark>) -> Option<Mark> {
        let to = self.back.pop()?;
        if let Some(h) = here {
            self.ahead.push(h);
        }
        Some(to)
    }

    /// The place gone back from last, from `here`, which back comes back to.
    pub fn forward(&mut self, here: Option<Mark>) -> Option<Mark> {
        let to = self.ahead.pop()?;
        if let Some(h) = here {
            self.back.push(h);
        }
        Some(to)
    }

    /// Places to go back to.
    pub fn len(&self) -> usize {
        self.back.len()
    }

    pub fn is_empty(&self) -> bool {
        self.back.is_empty()
    }

    /// Keeps the first `n` places to go back to (a jump that made one more than it should).
    pub fn truncate(&mut self, n: usize) {
        self.back.truncate(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::place::Anchor;

    fn at(cable: usize) -> Mark {
        Mark {
            cable,
            anchor: Anchor::Header(0),
        }
    }

    #[test]
    fn back_forward_and_a_new_jump_drops_what_is_ahead() {
        let mut j = JumpList::default();
        j.push(at(1));
        j.push(at(2));
        // At 3: back to 2, back to 1, forward to 2, forward to 3.
        assert_eq!(j.back(Some(at(3))), Some(at(2)));
        assert_eq!(j.back(Some(at(2))), Some(at(1)));
        assert_eq!(j.back(Some(at(1))), None);
        assert_eq!(j.forward(Some(at(1))), Some(at(2)));
        assert_eq!(j.forward(Some(at(2))), Some(at(3)));
        assert_eq!(j.forward(Some(at(3))), None);
        // Back once, then a jump elsewhere: 3 is no longer ahead.
        assert_eq!(j.back(Some(at(3))), Some(at(2)));
        j.push(at(2));
        assert_eq!(j.forward(Some(at(4))), None);
        assert_eq!(j.len(), 2);
        for n in 0..150 {
            j.push(at(n));
        }
        assert_eq!(j.len(), KEEP);
    }
}
