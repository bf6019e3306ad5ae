//! `:set`, as in vim: the settings changed while the reader runs, checked by the reader of
//! settings files ([`crate::config::set`]) and never written back to `config.toml`.

use crate::config::Settings;
use crate::config::set::{self as rules, BOOLEANS};

use super::action::Action;
use super::layout::Pane;
use super::state::State;

/// The settings as the reader has them now: keys like `L` and `:filter` change some of them.
fn live(state: &State) -> Settings {
    let mut s = state.settable.now.clone();
    s.mouse = state.settings.mouse;
    s.wheel_lines = state.settings.wheel_lines;
    s.remember_position = state.settings.remember_position;
    s.history_size = state.settings.history_size;
    s.show_list = state.show_list;
    s.fold_header = state.reader.header_folded;
    s.filter = state.filter_label().unwrap_or_default();
    s.citation = state.citation.clone();
    s.clipboard = state.clipboard.clone();
    s.keymap = state.keymap.clone();
    s
}

/// Runs `:set ARG`: `KEY=VALUE`, `KEY` and `noKEY` for a true-or-false setting, `KEY!` to flip
/// it, `KEY?` (or `KEY` for another) to show it, nothing to list what differs from the defaults.
pub fn run(state: &mut State, arg: &str) -> Option<Action> {
    let arg = arg.trim();
    let now = live(state);
    if arg.is_empty() {
        let changed = rules::changed(&now, crate::config::defaults());
        state.message = Some(if changed.is_empty() {
            "Every setting is as the defaults have it".into()
        } else {
            changed.join("  ")
        });
        return None;
    }
    let (key, value) = match arg.split_once('=') {
        Some((k, v)) => (k.trim(), v.trim().to_string()),
        None => {
            let shown =
                |key: &str| rules::shown(&now, key).unwrap_or_else(|| unknown(state, key, "true"));
            if let Some(key) = arg.strip_suffix('?') {
                state.message = Some(shown(key.trim()));
                return None;
            }
            if let Some(key) = arg.strip_suffix('!').or_else(|| arg.strip_prefix("inv"))
                && BOOLEANS.contains(&key)
            {
                let on = rules::shown(&now, key).is_some_and(|s| s == key);
                (key, (!on).to_string())
            } else if BOOLEANS.contains(&arg) {
                (arg, "true".into())
            } else if let Some(key) = arg.strip_prefix("no")
                && BOOLEANS.contains(&key)
            {
                (key, "false".into())
            } else {
                state.message = Some(shown(arg));
                return None;
            }
        }
    };
    match rules::assign(
        &now,
        key,
        &value,
        state.settable.base.as_deref(),
        &state.settable.env,
    ) {
        Ok(new) => {
            let shown = rules::shown(&new, key).unwrap_or_else(|| key.to_string());
            let next = apply(state, &now, new);
            if state.message.is_none() {
                state.message = Some(format!("{shown} (until quit; config.toml is unchanged)"));
            }
            next
        }
        Err(e) => {
            state.message = Some(e);
            None
        }
    }
}

/// The message for `:set KEY?` with a name that is no setting: the same as for `:set KEY=`.
fn unknown(state: &State, key: &str, value: &str) -> String {
    let now = &state.settable.now;
    match rules::assign(now, key, value, None, &state.settable.env) {
        Err(e) => e,
        Ok(_) => format!("{key}: not a setting"),
    }
}

/// Puts what changed between `old` and `new` into the reader.
fn apply(state: &mut State, old: &Settings, new: Settings) -> Option<Action> {
    state.settings.mouse = new.mouse;
    state.settings.wheel_lines = new.wheel_lines.max(1);
    state.settings.remember_position = new.remember_position;
    state.settings.history_size = new.history_size;
    state.citation = new.citation.clone();
    state.clipboard = new.clipboard.clone();
    state.keymap = new.keymap.clone();
    if new.show_list != old.show_list {
        state.show_list = new.show_list;
        if !new.show_list && state.focus == Pane::List {
            state.focus = Pane::Reader;
        }
    }
    if new.fold_header != old.fold_header {
        state.reader.header_folded = new.fold_header;
    }
    let recolour =
        new.theme != old.theme || new.colors != old.colors || new.markings != old.markings;
    if recolour {
        state.theme = new.clone().finish(&state.settable.env).theme;
        // The laid-out cable carries the old colours.
        state.reader.doc_key = None;
    }
    let filter = (new.filter != old.filter).then(|| new.filter.clone());
    state.settable.now = new;
    filter.map(Action::SetFilter)
}

/// Tab after `:set `: the setting's name completed (or a theme's), with the names left when
/// several fit. `None` when the line is no `:set`.
pub fn complete(line: &str) -> Option<(String, Option<String>)> {
    let arg = line.strip_prefix("set ")?.trim_start();
    let (done, candidates): (&str, Vec<String>) = match arg.split_once('=') {
        Some(("theme", v)) => (
            "theme=",
            crate::config::theme::ThemeName::ALL
                .iter()
                .map(|t| t.name().to_string())
                .filter(|n| n.starts_with(v.trim()))
                .collect(),
        ),
        Some(_) => return None,
        None => {
            let (prefix, typed) = match arg.strip_prefix("no") {
                Some(rest) if BOOLEANS.iter().any(|b| b.starts_with(rest)) => ("no", rest),
                _ => ("", arg),
            };
            let names = rules::names()
                .into_iter()
                .filter(|n| prefix.is_empty() || BOOLEANS.contains(&n.as_str()))
                .filter(|n| n.starts_with(typed));
            (prefix, names.collect())
        }
    };
    let first = candidates.first()?;
    let common = candidates.iter().fold(first.len(), |n, c| {
        first
            .bytes()
            .zip(c.bytes())
            .take(n)
            .take_while(|(a, b)| a == b)
            .count()
    });
    let note = (candidates.len() > 1).then(|| {
        let mut shown: Vec<&str> = candidates.iter().take(8).map(String::as_str).collect();
        if candidates.len() > 8 {
            shown.push("…");
        }
        shown.join(" ")
    });
    Some((format!("set {done}{}", &first[..common]), note))
}

#[cfg(test)]
mod tests {
    use super::complete;

    #[test]
    fn tab_completes_setting_names() {
        assert_eq!(complete("set th"), Some(("set theme".into(), None)));
        assert_eq!(
            complete("set theme=l"),
            Some(("set theme=light".into(), None))
        );
        assert_eq!(complete("set nomo"), Some(("set nomouse".into(), None)));
        assert_eq!(
            complete("set colors.s"),
            Some((
                "set colors.s".into(),
                Some("colors.s colors.sbu colors.selection colors.search colors.search_current colors.status".into())
            ))
        );
        assert_eq!(complete("set zzz"), None);
        assert_eq!(complete("open 09"), None);
    }
}
