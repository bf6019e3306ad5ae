//! The `[keys]` tables: each action's keys, checked as they are read, placed for conflicts.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::keys::{BINDABLE, Binding, Command, Context, KeySeq, parse_seq};

use super::check::{Walk, found, path_part, sorted, suggest};
use super::layer::{KeySpan, Layer};

const KEY_TABLES: &str = "keys.list, keys.reader, keys.filter and keys.bookmarks";

/// Why a key name holding a control character is refused, the name quoted in caret notation.
fn unprintable_key(s: &str, c: char) -> String {
    let shown: String = s
        .chars()
        .map(|c| match crate::keys::unprintable(&c.to_string()) {
            Some(c) => crate::sanitize::caret(c),
            None => c.to_string(),
        })
        .collect();
    let what = if c.is_control() {
        "a control character"
    } else {
        "an invisible character"
    };
    match crate::keys::control_key_name(c) {
        Some(name) => format!("\"{shown}\" holds {what}, not a key name (write \"{name}\")"),
        None => format!(
            "\"{shown}\" holds {what}, not a key name (a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")"
        ),
    }
}

impl<'t> Walk<'t> {
    pub(super) fn keys(&mut self, t: &DeTable, layer: &mut Layer) {
        for (k, v) in sorted(t) {
            let name = k.get_ref().as_ref();
            let path = format!("keys.{}", path_part(name));
            if let DeValue::Table(section) = v.get_ref() {
                match Context::from_section(name).filter(|c| *c != Context::Global) {
                    Some(ctx) => {
                        for (ak, av) in sorted(section) {
                            let aname = ak.get_ref().as_ref();
                            let apath = format!("{path}.{}", path_part(aname));
                            self.binding(ctx, ak, av, &apath, layer);
                        }
                    }
                    None if Command::from_name(name).is_some() => {
                        self.binding(Context::Global, k, v, &path, layer)
                    }
                    None => self.problem(
                        k.span(),
                        &path,
                        format!("unknown table (the tables of keys are {KEY_TABLES})"),
                    ),
                }
                continue;
            }
            self.binding(Context::Global, k, v, &path, layer);
        }
    }

    pub(super) fn binding(
        &mut self,
        ctx: Context,
        k: &Spanned<toml::de::DeString>,
        v: &Spanned<DeValue>,
        path: &str,
        layer: &mut Layer,
    ) {
        let name = k.get_ref().as_ref();
        let Some(action) = Command::from_name(name) else {
            let names = BINDABLE.iter().map(|(_, n, _)| *n);
            let hint = suggest(name, names.clone())
                .map(|s| format!(", did you mean {s}?"))
                .unwrap_or_else(|| {
                    format!(
                        " (the actions are {})",
                        names.collect::<Vec<_>>().join(", ")
                    )
                });
            self.problem(k.span(), path, format!("unknown action{hint}"));
            return;
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(
                v.span(),
                path,
                format!(
                    "expected a list of key names like [\"q\"], found {}",
                    found(v.get_ref())
                ),
            );
            return;
        };
        let mut keys: Vec<KeySeq> = Vec::new();
        for item in items.iter() {
            let DeValue::String(s) = item.get_ref() else {
                self.problem(
                    item.span(),
                    path,
                    format!(
                        "expected a key name like \"q\", found {}",
                        found(item.get_ref())
                    ),
                );
                continue;
            };
            if let Some(c) = crate::keys::unprintable(s) {
                self.problem(item.span(), path, unprintable_key(s, c));
                continue;
            }
            let seq = match parse_seq(s) {
                Ok(seq) => seq,
                Err(e) => {
                    let why = if format!("{e:#}").contains("shifted") {
                        " (write the shifted character itself, without shift-)"
                    } else {
                        " (a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")"
                    };
                    self.problem(
                        item.span(),
                        path,
                        format!("unknown key name \"{}\"{why}", s.escape_debug()),
                    );
                    continue;
                }
            };
            let start = item.span().start;
            match self.bound.get(&(ctx, seq.clone())) {
                Some((other, _)) if *other == action => continue,
                Some((other, at)) => {
                    let (other, at) = (*other, *at);
                    let line = self.line_of(at);
                    self.problem(
                        item.span(),
                        path,
                        format!(
                            "\"{}\" is already bound to {} on line {line}",
                            s.escape_debug(),
                            other.name()
                        ),
                    );
                    continue;
                }
                None => {
                    self.bound.insert((ctx, seq.clone()), (action, start));
                }
            }
            layer.key_spans.push(KeySpan {
                context: ctx,
                action,
                seq: seq.clone(),
                written: s.to_string(),
                span: item.span(),
                path: path.to_string(),
            });
            keys.push(seq);
        }
        layer.bindings.push(Binding {
            context: ctx,
            action,
            keys,
        });
    }
}
