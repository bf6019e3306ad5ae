//! The TAGS value cut into tags.

use super::*;

/// Tags separated by commas, else by white space; a parenthesis (`OVIP (CLINTON, HILLARY)`)
/// keeps its commas. In a list with commas, a piece of several tag codes (`KACT KNNP PREL`, a
/// first line written with spaces and continued with commas) is those codes; a piece of words
/// (`Indian Domestic Politics`) stays one tag.
pub(super) fn split_tags(value: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let comma_separated = value.contains(',');
    for c in value.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth <= 0 => {
                push_piece(&mut tags, &cur);
                cur.clear();
            }
            c if c.is_whitespace() && depth <= 0 && !comma_separated => {
                push_tag(&mut tags, &cur);
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    push_piece(&mut tags, &cur);
    tags
}

/// A comma-separated piece: the codes it holds when it is only codes, else one tag.
fn push_piece(tags: &mut Vec<String>, piece: &str) {
    let words: Vec<&str> = piece.split_whitespace().collect();
    if words.len() > 1 && words.iter().all(|w| is_code(w)) {
        for w in words {
            push_tag(tags, w);
        }
    } else {
        push_tag(tags, piece);
    }
}

/// A tag code as the release writes them: `PREL`, `IN`, `UNHCR`, `ECOWAS`.
fn is_code(w: &str) -> bool {
    (2..=6).contains(&w.len())
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

pub(super) fn push_tag(tags: &mut Vec<String>, t: &str) {
    let t = collapse(t);
    let t = t.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    // Markup left over from a link cut off in the source (`<A`, `href='/tag/PG`) is no tag.
    if !t.is_empty() && !t.contains(['<', '>']) && !t.contains("='") && !t.contains("=\"") {
        tags.push(t.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_no_tag() {
        assert_eq!(
            split_tags("PREL PGOV <A href='/tag/PG"),
            vec!["PREL".to_string(), "PGOV".to_string()]
        );
        assert_eq!(
            split_tags("OVIP (CLINTON, HILLARY), PREL"),
            vec!["OVIP (CLINTON, HILLARY)".to_string(), "PREL".to_string()]
        );
        assert_eq!(
            split_tags("KACT KNNP PREL, IN, Indian Domestic Politics"),
            ["KACT", "KNNP", "PREL", "IN", "Indian Domestic Politics"]
        );
    }
}
