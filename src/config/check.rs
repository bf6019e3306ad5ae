//! Reading the values of a config file, with every mistake placed by line and column.
//!
//! The file is parsed into TOML values that keep their spans, then walked by hand: the messages
//! say what each setting expects in the user's words rather than in serde's. The tables of
//! colours and keys are read in the modules named for them.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::clipboard::Clipboard;
use crate::keys::{Command, Context, KeySeq};

use super::model::{Env, Problem};

/// A table's entries in the order the file writes them.
pub(super) fn sorted<'a, 'i>(
    t: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<toml::de::DeString<'i>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

/// `a string`, `an integer` ...: what a value is, in words.
pub(super) fn found(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Where each line of a text starts, found once: a position costs a binary search and a count
/// within its line, not a scan of everything before it.
pub(super) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    /// 1-based line and column (in characters) of byte `at`.
    pub(super) fn line_col(&self, at: usize) -> (usize, usize) {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        // The last line starting at or before `at`.
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        let column = self.text[start..at]
            .chars()
            .filter(|c| *c != '\u{feff}')
            .count();
        (line, column + 1)
    }
}

/// 1-based line and column (in characters) of byte `at`, for a single position.
pub(super) fn line_col(text: &str, at: usize) -> (usize, usize) {
    Lines::new(text).line_col(at)
}

/// The closest known name to a misspelt one, if close enough to be a likely typo.
pub(super) fn suggest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    let lower = name.to_ascii_lowercase();
    let len = lower.chars().count();
    let limit = (len / 3).clamp(1, 3);
    for k in known {
        // The distance is at least the difference in length: too far, not worth computing.
        if len.abs_diff(k.chars().count()) > limit {
            continue;
        }
        let d = crate::text::edit_distance(&lower, k);
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.filter(|(d, _)| *d <= limit).map(|(_, k)| k)
}

/// A key as written in a dotted path: bare when it can be, else quoted.
pub(super) fn path_part(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        format!("{k:?}")
    }
}

pub(super) struct Walk<'t> {
    pub(super) text: &'t str,
    /// Built at the first problem.
    pub(super) lines: Option<Lines<'t>>,
    /// Bytes stripped from the front (a byte-order mark) before parsing.
    pub(super) shift: usize,
    pub(super) problems: Vec<(usize, Problem)>,
    /// Keys bound so far, per table: to say where a key was bound first.
    pub(super) bound: HashMap<(Context, KeySeq), (Command, usize)>,
}

impl<'t> Walk<'t> {
    pub(super) fn new(text: &'t str) -> Walk<'t> {
        Walk {
            text,
            lines: None,
            shift: 0,
            problems: Vec::new(),
            bound: HashMap::new(),
        }
    }

    pub(super) fn problem(&mut self, span: Range<usize>, key: &str, message: String) {
        let at = span.start + self.shift;
        let (line, column) = self.line_col(at);
        self.problems.push((
            at,
            Problem {
                line,
                column,
                key: key.to_string(),
                message,
            },
        ));
    }

    pub(super) fn finish(mut self) -> Result<(), Vec<Problem>> {
        if self.problems.is_empty() {
            return Ok(());
        }
        self.problems.sort_by_key(|(at, _)| *at);
        self.problems.dedup_by(|a, b| a.1 == b.1);
        Err(self.problems.into_iter().map(|(_, p)| p).collect())
    }

    pub(super) fn line_col(&mut self, at: usize) -> (usize, usize) {
        let text = self.text;
        self.lines
            .get_or_insert_with(|| Lines::new(text))
            .line_col(at)
    }

    pub(super) fn line_of(&mut self, at: usize) -> usize {
        self.line_col(at + self.shift).0
    }

    pub(super) fn boolean(&mut self, key: &str, v: &Spanned<DeValue>) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.problem(
                    v.span(),
                    key,
                    format!("expected true or false, found {}", found(other)),
                );
                None
            }
        }
    }

    pub(super) fn string(&mut self, key: &str, v: &Spanned<DeValue>, what: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.problem(
                    v.span(),
                    key,
                    format!("expected {what}, found {}", found(other)),
                );
                None
            }
        }
    }

    pub(super) fn number(
        &mut self,
        key: &str,
        v: &Spanned<DeValue>,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let want = format!("expected a whole number from {min} to {max}");
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if (min..=max).contains(&n) => Some(n),
                _ => {
                    let shown = &self.text[(v.span().start + self.shift).min(self.text.len())
                        ..(v.span().end + self.shift).min(self.text.len())];
                    self.problem(v.span(), key, format!("{want}, found {shown}"));
                    None
                }
            },
            other => {
                self.problem(v.span(), key, format!("{want}, found {}", found(other)));
                None
            }
        }
    }

    pub(super) fn paths(
        &mut self,
        key: &str,
        v: &Spanned<DeValue>,
        base: Option<&Path>,
        env: &Env,
    ) -> Option<Vec<PathBuf>> {
        let want = "expected a list of files and folders like [\"~/cables\"]";
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(
                v.span(),
                key,
                format!("{want}, found {}", found(v.get_ref())),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let DeValue::String(s) = item.get_ref() else {
                self.problem(
                    item.span(),
                    key,
                    format!(
                        "expected a file or folder like \"~/cables\", found {}",
                        found(item.get_ref())
                    ),
                );
                continue;
            };
            if s.is_empty() {
                self.problem(
                    item.span(),
                    key,
                    "expected a file or folder, found an empty string".into(),
                );
                continue;
            }
            let Some(path) = self.path(key, item, s, base, env) else {
                continue;
            };
            out.push(path);
        }
        Some(out)
    }

    /// A path as written: `~/` is the home folder, a relative path starts at `base`.
    pub(super) fn path(
        &mut self,
        key: &str,
        item: &Spanned<DeValue>,
        s: &str,
        base: Option<&Path>,
        env: &Env,
    ) -> Option<PathBuf> {
        if s == "~" || s.starts_with("~/") {
            match &env.home {
                Some(h) => Some(h.join(s.trim_start_matches('~').trim_start_matches('/'))),
                None => {
                    self.problem(
                        item.span(),
                        key,
                        format!("\"{s}\" starts with ~ but no home folder is known"),
                    );
                    None
                }
            }
        } else {
            let p = PathBuf::from(s);
            Some(match base {
                Some(b) if p.is_relative() => b.join(p),
                _ => p,
            })
        }
    }

    /// `"osc52"`, a file (a path with a `/`), or a command and its arguments.
    pub(super) fn clipboard(
        &mut self,
        key: &str,
        v: &Spanned<DeValue>,
        base: Option<&Path>,
        env: &Env,
    ) -> Option<Clipboard> {
        let want = "expected \"osc52\", a file like \"~/clip.txt\" or a command like [\"wl-copy\"]";
        match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "osc52" => Some(Clipboard::Osc52),
            DeValue::String(s) if s.contains('/') || s.as_ref() == "~" => {
                self.path(key, v, s, base, env).map(Clipboard::File)
            }
            DeValue::Array(items) if !items.is_empty() => {
                let mut argv = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.is_empty() => argv.push(s.to_string()),
                        other => {
                            self.problem(
                                item.span(),
                                key,
                                format!(
                                    "expected a program or argument like \"wl-copy\", found {}",
                                    if matches!(other, DeValue::String(_)) {
                                        "an empty string"
                                    } else {
                                        found(other)
                                    }
                                ),
                            );
                            return None;
                        }
                    }
                }
                Some(Clipboard::Command(argv))
            }
            DeValue::Array(_) => {
                self.problem(v.span(), key, format!("{want}, found an empty list"));
                None
            }
            DeValue::String(s) => {
                self.problem(v.span(), key, format!("{want}, found \"{s}\""));
                None
            }
            other => {
                self.problem(v.span(), key, format!("{want}, found {}", found(other)));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let t = "a = 1\nbé = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        assert_eq!(line_col(t, 10), (2, 4));
        assert_eq!(line_col(t, 999), (3, 1));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let names = ["mouse", "theme", "corpus"];
        assert_eq!(suggest("mose", names.iter().copied()), Some("mouse"));
        assert_eq!(suggest("Theme", names.iter().copied()), Some("theme"));
        assert_eq!(suggest("xyz", names.iter().copied()), None);
        assert_eq!(suggest("qiut", ["quit", "up"].into_iter()), Some("quit"));
    }
}
