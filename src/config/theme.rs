//! Colours, from one of the built-in palettes (`dark`, `light`, `mono`) with the user's changes.
//!
//! Nothing is shown by colour alone: where a palette has no colour for something (as `mono` has
//! none), a style falls back on reverse video, bold or underline, and markings are always text.

use std::collections::HashMap;

use ratatui::style::{Color, Modifier, Style};

use crate::cable::{Level, Marking};

/// A built-in palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Mono];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }

    pub fn from_name(s: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == s)
    }
}

/// The colours a theme sets; `None` means "no colour": a modifier stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Palette {
    pub ts: Option<Color>,
    pub s: Option<Color>,
    pub c: Option<Color>,
    pub lou: Option<Color>,
    pub sbu: Option<Color>,
    pub u: Option<Color>,
    pub accent: Option<Color>,
    pub dim: Option<Color>,
    pub selection: Option<Color>,
    pub search: Option<Color>,
    pub search_current: Option<Color>,
    pub status: Option<Color>,
    pub warning: Option<Color>,
}

/// The names of the colours a user may set under `[colors]`, with what each colours.
pub const COLOR_KEYS: &[(&str, &str)] = &[
    ("ts", "TOP SECRET: (TS) badges and classification text"),
    ("s", "SECRET: (S), (S//NF) ..."),
    ("c", "CONFIDENTIAL: (C), (C//REL NATO) ..."),
    ("lou", "LIMITED OFFICIAL USE: (LOU)"),
    (
        "sbu",
        "SENSITIVE BUT UNCLASSIFIED and FOR OFFICIAL USE ONLY: (SBU), (U//FOUO)",
    ),
    ("u", "UNCLASSIFIED: (U)"),
    (
        "accent",
        "the focused pane's border, headings, paragraph numbers",
    ),
    ("dim", "other borders, labels and secondary text"),
    (
        "selection",
        "background of the selected row in a pane without focus",
    ),
    ("search", "background of search matches"),
    ("search_current", "background of the current search match"),
    (
        "status",
        "background of the status line's cable and paragraph",
    ),
    ("warning", "warnings and messages"),
];

impl Palette {
    pub fn of(name: ThemeName) -> Palette {
        match name {
            ThemeName::Dark => Palette {
                ts: Some(Color::Yellow),
                s: Some(Color::Red),
                c: Some(Color::Blue),
                lou: Some(Color::Magenta),
                sbu: Some(Color::Magenta),
                u: Some(Color::Green),
                accent: Some(Color::Cyan),
                dim: Some(Color::DarkGray),
                selection: Some(Color::DarkGray),
                search: Some(Color::Yellow),
                search_current: Some(Color::LightRed),
                status: Some(Color::Cyan),
                warning: Some(Color::Yellow),
            },
            ThemeName::Light => Palette {
                ts: Some(Color::Indexed(130)),
                s: Some(Color::Red),
                c: Some(Color::Blue),
                lou: Some(Color::Magenta),
                sbu: Some(Color::Magenta),
                u: Some(Color::Indexed(28)),
                accent: Some(Color::Blue),
                dim: Some(Color::DarkGray),
                selection: Some(Color::Gray),
                search: Some(Color::LightYellow),
                search_current: Some(Color::Indexed(208)),
                status: Some(Color::Blue),
                warning: Some(Color::Indexed(130)),
            },
            ThemeName::Mono => Palette::default(),
        }
    }

    /// The slot a `[colors]` key names.
    pub fn slot(&mut self, key: &str) -> Option<&mut Option<Color>> {
        Some(match key {
            "ts" => &mut self.ts,
            "s" => &mut self.s,
            "c" => &mut self.c,
            "lou" => &mut self.lou,
            "sbu" => &mut self.sbu,
            "u" => &mut self.u,
            "accent" => &mut self.accent,
            "dim" => &mut self.dim,
            "selection" => &mut self.selection,
            "search" => &mut self.search,
            "search_current" => &mut self.search_current,
            "status" => &mut self.status,
            "warning" => &mut self.warning,
            _ => return None,
        })
    }

    fn level(&self, level: Level) -> Option<Color> {
        match level {
            Level::U => self.u,
            Level::Sbu => self.sbu,
            Level::Lou => self.lou,
            Level::C => self.c,
            Level::S => self.s,
            Level::Ts => self.ts,
        }
    }
}

/// Everything drawing needs to know about colour.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Theme {
    pub name: ThemeName,
    pub palette: Palette,
    /// Colours for particular markings (`S//NF`), over their level's.
    pub markings: HashMap<Marking, Color>,
}

/// Text that reads on `bg`.
fn contrast(bg: Color) -> Color {
    let (r, g, b) = match bg {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) if i >= 16 => indexed_rgb(i),
        Color::Black | Color::Red | Color::Blue | Color::Magenta | Color::DarkGray => {
            return Color::White;
        }
        Color::Indexed(0 | 1 | 4 | 5 | 8) => return Color::White,
        Color::Reset => return Color::Reset,
        _ => return Color::Black,
    };
    let luma = u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114;
    if luma < 140_000 {
        Color::White
    } else {
        Color::Black
    }
}

/// The usual RGB of a 256-colour palette entry past the 16 system colours (xterm's values).
fn indexed_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => (128, 128, 128),
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

fn fg(c: Option<Color>) -> Style {
    match c {
        Some(c) => Style::new().fg(c),
        None => Style::new(),
    }
}

impl Theme {
    pub fn builtin(name: ThemeName) -> Theme {
        Theme {
            name,
            palette: Palette::of(name),
            markings: HashMap::new(),
        }
    }

    fn marking_color(&self, m: &Marking) -> Option<Color> {
        self.markings
            .get(m)
            .copied()
            .or_else(|| self.palette.level(m.level))
    }

    /// The colour standing for a level, if the theme has one.
    pub fn level_color(&self, level: Level) -> Option<Color> {
        self.palette.level(level)
    }

    /// A marking badge: the marking's colour behind, readable text in front; bold without colour.
    pub fn badge(&self, marking: Option<&Marking>) -> Style {
        match marking {
            Some(m) => match self.marking_color(m) {
                Some(bg) => Style::new()
                    .bg(bg)
                    .fg(contrast(bg))
                    .add_modifier(Modifier::BOLD),
                None => Style::new().add_modifier(Modifier::BOLD),
            },
            None => self.dim(),
        }
    }

    /// Classification text (`SECRET//NOFORN`) in the level's colour.
    pub fn class_text(&self, level: Option<Level>) -> Style {
        level.map(|l| fg(self.palette.level(l))).unwrap_or_default()
    }

    pub fn dim(&self) -> Style {
        fg(self.palette.dim)
    }

    pub fn warning(&self) -> Style {
        fg(self.palette.warning)
    }

    /// Paragraph numbers.
    pub fn number(&self) -> Style {
        fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }

    /// A pane's border: thick and accented with focus (see `pane_block`), plain and dim without.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            fg(self.palette.accent)
        } else {
            self.dim()
        }
    }

    /// The selected row: reversed where the keys go; elsewhere a background, or underlined.
    pub fn selection(&self, focused: bool) -> Style {
        match (focused, self.palette.selection) {
            (true, _) => Style::new().add_modifier(Modifier::REVERSED),
            (false, Some(c)) => Style::new().bg(c),
            (false, None) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn search_hit(&self) -> Style {
        match self.palette.search {
            Some(c) => Style::new().bg(c).fg(contrast(c)),
            None => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn search_current(&self) -> Style {
        match self.palette.search_current {
            Some(c) => Style::new()
                .bg(c)
                .fg(contrast(c))
                .add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    /// The status line's first block (cable and paragraph).
    pub fn status(&self) -> Style {
        match self.palette.status {
            Some(c) => Style::new()
                .bg(c)
                .fg(contrast(c))
                .add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    /// The status line's other blocks (filter, search).
    pub fn status_part(&self) -> Style {
        match self.palette.dim {
            Some(c) => Style::new().bg(c).fg(contrast(c)),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_shows_state_without_colour() {
        let t = Theme::builtin(ThemeName::Mono);
        let styles = [
            t.selection(true),
            t.selection(false),
            t.search_hit(),
            t.search_current(),
            t.status(),
            t.badge(Marking::parse("S/NF").as_ref()),
        ];
        for s in styles {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
            assert!(!s.add_modifier.is_empty(), "{s:?}");
        }
    }

    #[test]
    fn marking_colours_win_over_levels() {
        let mut t = Theme::builtin(ThemeName::Dark);
        let nf = Marking::parse("S//NF").unwrap();
        t.markings.insert(nf.clone(), Color::LightRed);
        assert_eq!(t.badge(Some(&nf)).bg, Some(Color::LightRed));
        assert_eq!(t.badge(Marking::parse("S").as_ref()).bg, Some(Color::Red));
    }
}
