//! The TAGS value cut into tags.

use super::*;

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
                push_tag(&mut tags, &cur);
                cur.clear();
            }
            c if c.is_whitespace() && depth <= 0 && !comma_separated => {
                push_tag(&mut tags, &cur);
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    push_tag(&mut tags, &cur);
    tags
}

pub(super) fn push_tag(tags: &mut Vec<String>, t: &str) {
    let t = collapse(t);
    let t = t.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    if !t.is_empty() {
        tags.push(t.to_string());
    }
}
