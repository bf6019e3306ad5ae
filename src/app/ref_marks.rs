//! The decoded header's marks on its `REF:` line: each cited cable with a sign for where it
//! is, `✓` loaded (the links overlay opens it), `–` in the release but not loaded, `✗` not in
//! the release. The places come from the links the overlay shows.

use ratatui::style::{Modifier, Style};

use super::piece::Piece;
use crate::cable::links::{Found, Link};
use crate::config::theme::Theme;
use crate::sanitize::clean_line;
use crate::text::{str_width, truncate};

/// A reference's text and whether it is loaded: `✓ A. 85BEIRUT1013`, `✗ B. 85BEIRUT993 not in
/// the release`.
pub fn mark_text(link: &Link) -> String {
    let letter = link.letter.map(|l| format!("{l}. ")).unwrap_or_default();
    let id = clean_line(&link.id);
    match link.found {
        Found::Loaded(_) => format!("✓ {letter}{id}"),
        Found::NotLoaded => format!("– {letter}{id} not loaded"),
        Found::NotInRelease => format!("✗ {letter}{id} not in the release"),
    }
}

/// The marks as header lines of `width` columns, each line after `indent` blank columns.
pub fn lines(refs: &[Link], width: usize, indent: usize, theme: &Theme) -> Vec<Vec<Piece>> {
    let room = width.saturating_sub(indent).max(1);
    let mut out: Vec<Vec<Piece>> = Vec::new();
    let mut line = vec![Piece::Pad(indent as u16)];
    let mut used = 0;
    for link in refs {
        let text = truncate(&mark_text(link), room);
        let w = str_width(&text);
        if used > 0 && used + 2 + w > room {
            out.push(std::mem::replace(
                &mut line,
                vec![Piece::Pad(indent as u16)],
            ));
            used = 0;
        }
        if used > 0 {
            line.push(Piece::Pad(2));
            used += 2;
        }
        // Loaded ones stand out by more than colour: the sign, bold and underlined.
        let style = match link.found {
            Found::Loaded(_) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            _ => theme.dim(),
        };
        line.push(Piece::Lit(text, style));
        used += w;
    }
    if used > 0 {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: &str, letter: Option<char>, found: Found) -> Link {
        Link {
            id: id.into(),
            letter,
            found,
        }
    }

    #[test]
    fn each_reference_is_marked_and_the_marks_wrap() {
        let refs = [
            link("85BEIRUT1013", Some('A'), Found::Loaded(3)),
            link("85BEIRUT993", Some('B'), Found::NotInRelease),
            link("09STATE1", None, Found::NotLoaded),
        ];
        let theme = Theme::builtin(crate::config::theme::ThemeName::Mono);
        let text = |l: &Vec<Piece>| -> String {
            l.iter()
                .map(|p| match p {
                    Piece::Lit(s, _) => s.clone(),
                    Piece::Pad(n) => " ".repeat(usize::from(*n)),
                    Piece::Text { .. } => String::new(),
                })
                .collect()
        };
        let wide = lines(&refs, 100, 4, &theme);
        assert_eq!(
            wide.iter().map(text).collect::<Vec<_>>(),
            ["    ✓ A. 85BEIRUT1013  ✗ B. 85BEIRUT993 not in the release  – 09STATE1 not loaded"]
        );
        let narrow = lines(&refs, 40, 4, &theme);
        assert_eq!(
            narrow.iter().map(text).collect::<Vec<_>>(),
            [
                "    ✓ A. 85BEIRUT1013",
                "    ✗ B. 85BEIRUT993 not in the release",
                "    – 09STATE1 not loaded",
            ]
        );
        assert!(lines(&[], 40, 4, &theme).is_empty());
    }
}
