//! Every cable's subject and id in lower case, each followed by a NUL, one after the other: a
//! word is looked for in one pass over all of them. Made the first time a query looks for a
//! word (over the release they are 20 MB a reader that never asks does not need), then kept up
//! to date as cables are added.

use crate::cable::index::CableSummary;

#[derive(Debug, Clone, Default)]
pub(super) struct Words {
    text: String,
    /// Where each cable's subject and id start in `text`.
    subject_at: Vec<usize>,
    id_at: Vec<usize>,
}

impl Words {
    pub fn of(cables: &[CableSummary]) -> Words {
        let mut w = Words::default();
        w.extend(cables);
        w
    }

    /// Takes in the cables after those it has.
    pub fn extend(&mut self, new: &[CableSummary]) {
        self.text.reserve(
            new.iter()
                .map(|c| c.subject().len() + c.id().len() + 2)
                .sum(),
        );
        for c in new {
            self.subject_at.push(self.text.len());
            push_lower(&mut self.text, c.subject());
            self.id_at.push(self.text.len());
            push_lower(&mut self.text, c.id());
        }
    }

    /// The cables whose subject (and, with `ids`, whose id) holds `needle` in any case, one bit
    /// each.
    pub fn holding(&self, needle: &str, ids: bool) -> Vec<u64> {
        let mut set = vec![0u64; self.subject_at.len().div_ceil(64)];
        let needle = needle.to_lowercase();
        if needle.is_empty() {
            set.iter_mut().for_each(|w| *w = u64::MAX);
            return set;
        }
        let mut last = usize::MAX;
        for at in memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes()) {
            let i = self.subject_at.partition_point(|&s| s <= at) - 1;
            if i == last {
                continue;
            }
            let end = at + needle.len();
            let in_subject = end < self.id_at[i];
            let next = self
                .subject_at
                .get(i + 1)
                .copied()
                .unwrap_or(self.text.len());
            let in_id = ids && at >= self.id_at[i] && end < next;
            if in_subject || in_id {
                set[i / 64] |= 1 << (i % 64);
                last = i;
            }
        }
        set
    }
}

/// Appends `s` in lower case and a NUL (itself a NUL-free text: a NUL in a subject becomes a
/// space, so no match runs across two fields).
fn push_lower(out: &mut String, s: &str) {
    let start = out.len();
    if s.is_ascii() {
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
    if memchr::memchr(0, &out.as_bytes()[start..]).is_some() {
        let cleaned = out[start..].replace('\0', " ");
        out.truncate(start);
        out.push_str(&cleaned);
    }
    out.push('\0');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::{Cable, SummaryFields};

    fn cable(id: &str, subject: &str) -> CableSummary {
        SummaryFields {
            id: id.into(),
            subject: subject.into(),
            ..SummaryFields::names_of(&Cable::default(), &mut Default::default())
        }
        .pack()
    }

    #[test]
    fn words_of_cables_added_later_are_found_alike() {
        let cables = [
            cable("09PARIS1", "Iran's Nuclear Talks"),
            cable("09ROME2", "ITALY: NUCLEAR\0POWER"),
            cable("09PARISNUC3", "Trade"),
        ];
        let mut w = Words::of(&cables[..1]);
        w.extend(&cables[1..]);
        let all = Words::of(&cables);
        for (needle, ids, want) in [
            ("nuclear", false, 0b011),
            ("NUC", true, 0b111),
            ("nuc", false, 0b011),
            ("paris", true, 0b101),
            ("paris", false, 0b000),
            ("nuclear power", false, 0b010),
            ("talks\0", false, 0b000),
            ("", false, u64::MAX),
        ] {
            assert_eq!(w.holding(needle, ids), vec![want], "{needle:?}");
            assert_eq!(all.holding(needle, ids), vec![want], "{needle:?}");
        }
    }
}
