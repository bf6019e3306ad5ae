//! The `[colors]` table: colours over the theme, and colours of single markings.

use std::str::FromStr;

use ratatui::style::Color;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::cable::Marking;
use crate::config::theme::COLOR_KEYS;

use super::check::{Walk, found, path_part, sorted, suggest};
use super::layer::Layer;

impl<'t> Walk<'t> {
    pub(super) fn color(&mut self, key: &str, v: &Spanned<DeValue>) -> Option<Option<Color>> {
        match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "theme" => Some(None),
            DeValue::String(s) => match Color::from_str(s) {
                Ok(c) => Some(Some(c)),
                Err(_) => {
                    self.problem(
                        v.span(),
                        key,
                        format!(
                            "unknown colour \"{s}\" (use a name like \"magenta\", \"#rrggbb\", a number from 0 to 255, or \"theme\")"
                        ),
                    );
                    None
                }
            },
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n @ 0..=255) => Some(Some(Color::Indexed(n as u8))),
                _ => {
                    let shown = i.as_str().to_string();
                    self.problem(
                        v.span(),
                        key,
                        format!("expected a colour number from 0 to 255, found {shown}"),
                    );
                    None
                }
            },
            other => {
                self.problem(
                    v.span(),
                    key,
                    format!(
                        "expected a colour like \"magenta\", \"#ff8800\" or 208, found {}",
                        found(other)
                    ),
                );
                None
            }
        }
    }

    pub(super) fn colors(&mut self, t: &DeTable, layer: &mut Layer) {
        for (k, v) in sorted(t) {
            let name = k.get_ref().as_ref();
            let path = format!("colors.{}", path_part(name));
            if name == "markings" {
                match v.get_ref() {
                    DeValue::Table(m) => self.marking_colors(m, layer),
                    other => self.problem(
                        v.span(),
                        &path,
                        format!(
                            "expected a table of markings and colours like {{ \"S//NF\" = \"lightred\" }}, found {}",
                            found(other)
                        ),
                    ),
                }
                continue;
            }
            if !COLOR_KEYS.iter().any(|(c, _)| *c == name) {
                let known = COLOR_KEYS.iter().map(|(c, _)| *c).chain(["markings"]);
                let hint = suggest(name, known.clone())
                    .map(|s| format!(", did you mean {s}?"))
                    .unwrap_or_else(|| {
                        format!(
                            " (the colours are {})",
                            known.collect::<Vec<_>>().join(", ")
                        )
                    });
                self.problem(k.span(), &path, format!("unknown colour setting{hint}"));
                continue;
            }
            if let Some(c) = self.color(&path, v) {
                layer.colors.push((name.to_string(), c));
            }
        }
    }

    pub(super) fn marking_colors(&mut self, t: &DeTable, layer: &mut Layer) {
        for (k, v) in sorted(t) {
            let name = k.get_ref().as_ref();
            let path = format!("colors.markings.{}", path_part(name));
            let Some(m) = Marking::parse(name) else {
                self.problem(
                    k.span(),
                    &path,
                    "not a portion marking (write it as the filter pane shows it: \"S//NF\", \"C//REL NATO\")".into(),
                );
                continue;
            };
            if let Some(c) = self.color(&path, v) {
                layer.markings.push((m, c));
            }
        }
    }
}
