//! The links between cables: what each cable's `REF:` line cites and, over the whole index,
//! which cables cite it.

use std::sync::LazyLock;

use regex::Regex;

use super::header::resolve_references;

/// A reference's letter in a `REF:` list: `A.`, `B)`, `(C)` at the start or after a space or
/// punctuation, followed by a space or the end.
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s;,:])\(?([A-Z])[.)](?:\s|$)").expect("valid regex"));

/// For each id of `ids` (the cable's resolved references), the letter its `REF:` text `raw`
/// gives it (`A` for `A. 09 STATE 123`). Letters count only in order from `A`, so that an
/// initial or a `U.S.` is not taken for one; an id resolved from the text before the first
/// letter, or from the source's metadata alone, has none.
pub fn reference_letters(raw: &str, own_year: Option<&str>, ids: &[String]) -> Vec<Option<char>> {
    let mut marks: Vec<(usize, char)> = Vec::new();
    let mut next = 'A';
    for caps in LETTER.captures_iter(raw) {
        let Some(m) = caps.get(1) else { continue };
        let letter = m.as_str().chars().next().unwrap_or(' ');
        if letter == next {
            marks.push((m.start(), letter));
            next = char::from(next as u8 + 1);
            if next > 'Z' {
                break;
            }
        }
    }
    let mut letters = vec![None; ids.len()];
    for (k, &(start, letter)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(raw.len(), |m| m.0);
        // The letter itself is left out, so that `A.` is not read as part of an id.
        let chunk = raw.get(start + 1..end).unwrap_or("");
        for id in resolve_references(chunk, own_year) {
            if let Some(i) = ids.iter().position(|x| *x == id)
                && letters[i].is_none()
            {
                letters[i] = Some(letter);
            }
        }
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_the_list() {
        let raw = "A. 09 STATE 123 B. USNATO 45 (C) 08 PARIS 7";
        let ids: Vec<String> = resolve_references(raw, Some("09"));
        assert_eq!(ids, ["09STATE123", "09USNATO45", "08PARIS7"]);
        assert_eq!(
            reference_letters(raw, Some("09"), &ids),
            [Some('A'), Some('B'), Some('C')]
        );
        // No list: no letters; a stray capital is not a letter.
        let raw = "09 STATE 123 AND U.S. PARIS 7";
        let ids = resolve_references(raw, Some("09"));
        assert!(
            reference_letters(raw, Some("09"), &ids)
                .iter()
                .all(Option::is_none)
        );
    }
}
