//! How keys move the selection of a list shown in an overlay (bookmarks, search hits).

use super::action::Action;
use super::cursor::Move;
use crate::keys::Command;

/// How a key moves the selection of a list shown `page` rows at a time; the wheel moves it a
/// row per step.
pub fn list_motion(action: &Action, page: usize) -> Option<Move> {
    let page = page as isize;
    Some(match action {
        Action::Run(Command::Down) => Move::By(1),
        Action::Run(Command::Up) => Move::By(-1),
        Action::Run(Command::PageDown) => Move::By(page),
        Action::Run(Command::PageUp) => Move::By(-page),
        Action::Run(Command::HalfPageDown) => Move::By(page / 2),
        Action::Run(Command::HalfPageUp) => Move::By(-page / 2),
        Action::Run(Command::Top) => Move::Top,
        Action::Run(Command::Bottom) => Move::Bottom,
        Action::Scroll(_, d) => Move::By(d.signum() as isize),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_the_wheel() {
        assert_eq!(
            list_motion(&Action::Run(Command::PageDown), 10),
            Some(Move::By(10))
        );
        assert_eq!(
            list_motion(&Action::Run(Command::HalfPageUp), 10),
            Some(Move::By(-5))
        );
        assert_eq!(
            list_motion(&Action::Run(Command::Bottom), 10),
            Some(Move::Bottom)
        );
        assert_eq!(
            list_motion(&Action::Scroll(crate::app::layout::Pane::Reader, -3), 10),
            Some(Move::By(-1))
        );
        assert_eq!(list_motion(&Action::Run(Command::Open), 10), None);
    }
}
