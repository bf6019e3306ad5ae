//! The query's words: parentheses, `-`, `OR`, bare words and phrases, `field:value`, each
//! with the column it starts at.

use super::err;
use crate::cable::query::QueryError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    Open,
    Close,
    Not,
    Or,
    /// A bare word or phrase, or `field:value`.
    Term {
        field: Option<String>,
        value: String,
        /// Column of the value's first character (after the colon and an opening quote).
        value_col: usize,
    },
}

/// A token and the column it starts at (1-based, in characters).
pub(super) type Spanned = (Tok, usize);

pub(super) fn lex(text: &str) -> Result<Vec<Spanned>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Reads a quoted run starting at `i` (on the quote); returns its text and the index after it.
    let quoted = |i: usize| -> Result<(String, usize), QueryError> {
        let mut j = i + 1;
        let mut s = String::new();
        while j < chars.len() && chars[j] != '"' {
            s.push(chars[j]);
            j += 1;
        }
        if j >= chars.len() {
            return Err(err(i + 1, "quote not closed"));
        }
        Ok((s, j + 1))
    };
    let ends_word = |c: char| c.is_whitespace() || c == '(' || c == ')';
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                out.push((Tok::Open, col));
                i += 1;
            }
            ')' => {
                out.push((Tok::Close, col));
                i += 1;
            }
            '-' => {
                out.push((Tok::Not, col));
                i += 1;
            }
            '"' => {
                let (s, next) = quoted(i)?;
                out.push((
                    Tok::Term {
                        field: None,
                        value: s,
                        value_col: col + 1,
                    },
                    col,
                ));
                i = next;
            }
            _ => {
                let mut j = i;
                while j < chars.len() && !ends_word(chars[j]) && chars[j] != ':' && chars[j] != '"'
                {
                    j += 1;
                }
                let head: String = chars[i..j].iter().collect();
                if j < chars.len() && chars[j] == ':' {
                    // `field:value` or `field:"a value"`.
                    let start = j + 1;
                    let (value, value_col, next) = if chars.get(start) == Some(&'"') {
                        let (s, next) = quoted(start)?;
                        (s, start + 2, next)
                    } else {
                        let mut k = start;
                        while k < chars.len() && !ends_word(chars[k]) {
                            k += 1;
                        }
                        (chars[start..k].iter().collect(), start + 1, k)
                    };
                    out.push((
                        Tok::Term {
                            field: Some(head),
                            value,
                            value_col,
                        },
                        col,
                    ));
                    i = next;
                } else if j < chars.len() && chars[j] == '"' {
                    return Err(err(j + 1, "a quote must start a word or a field's value"));
                } else if head == "OR" {
                    out.push((Tok::Or, col));
                    i = j;
                } else {
                    out.push((
                        Tok::Term {
                            field: None,
                            value: head,
                            value_col: col,
                        },
                        col,
                    ));
                    i = j;
                }
            }
        }
    }
    Ok(out)
}
