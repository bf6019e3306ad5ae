//! Finding in the document list (`/` while the list has the keys, as in mutt and newsboat):
//! the next cable whose id or subject holds every word typed, found as each key is typed.

use crate::cable::CableSummary;

/// What the list's find remembers: the words last found (for `n`/`N`) and, while the prompt
/// is open, the row the cursor was on when it opened (Esc goes back there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFind {
    pub words: String,
    pub origin: Option<usize>,
}

/// The words of a find, upper-cased: subjects and ids are mostly capitals, so the cables'
/// texts need no copy to be compared without regard to case.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_uppercase).collect()
}

/// Whether every word is in the cable's id or its subject, in any case.
pub fn holds(c: &CableSummary, words: &[String]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| contains_upper(c.id(), w) || contains_upper(c.subject(), w))
}

/// `hay` holds `needle` (already upper-case) when both are compared upper-cased.
fn contains_upper(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return n.len() <= h.len()
            && h.windows(n.len())
                .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_uppercase() == *b));
    }
    hay.to_uppercase().contains(needle)
}

/// The row of the first cable after `from` (before it, when not `forward`) that holds the
/// words, going round the list's end; with whether it went round. `from` itself is looked at
/// last.
pub fn next_row(
    rows: &[u32],
    cables: &[CableSummary],
    words: &[String],
    from: usize,
    forward: bool,
) -> Option<(usize, bool)> {
    let n = rows.len();
    if n == 0 || words.is_empty() {
        return None;
    }
    let from = from.min(n - 1);
    (1..=n).find_map(|step| {
        let (at, wrapped) = if forward {
            ((from + step) % n, from + step >= n)
        } else {
            ((from + n - step) % n, step > from)
        };
        let c = cables.get(rows[at] as usize)?;
        holds(c, words).then_some((at, wrapped))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cable(id: &str, subject: &str) -> CableSummary {
        crate::cable::SummaryFields {
            id: id.into(),
            subject: subject.into(),
            ..crate::cable::SummaryFields::names_of(
                &crate::cable::Cable::default(),
                &mut Default::default(),
            )
        }
        .pack()
    }

    #[test]
    fn every_word_in_the_id_or_the_subject_in_any_case() {
        let c = cable("09BAKU749", "AZERBAIJAN: CORLEONE VISITS");
        assert!(holds(&c, &words("baku corleone")));
        assert!(holds(&c, &words("Visits")));
        assert!(!holds(&c, &words("baku paris")));
        assert!(!holds(&c, &words("  ")));
        let u = cable("X", "Über Café");
        assert!(holds(&u, &words("café")));
    }

    #[test]
    fn next_row_goes_round_both_ways() {
        let cables = vec![
            cable("A1", "HARBOUR"),
            cable("B2", "OTHER"),
            cable("C3", "HARBOUR"),
        ];
        let rows = [0, 1, 2];
        let w = words("harbour");
        assert_eq!(next_row(&rows, &cables, &w, 0, true), Some((2, false)));
        assert_eq!(next_row(&rows, &cables, &w, 2, true), Some((0, true)));
        assert_eq!(next_row(&rows, &cables, &w, 2, false), Some((0, false)));
        assert_eq!(next_row(&rows, &cables, &w, 0, false), Some((2, true)));
        // The cable the search starts on is found last, after going round.
        assert_eq!(next_row(&rows, &cables, &w, 0, true), Some((2, false)));
        assert_eq!(next_row(&[0], &cables, &w, 0, true), Some((0, true)));
        assert_eq!(next_row(&rows, &cables, &words("nowhere"), 0, true), None);
    }
}
