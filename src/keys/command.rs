//! The commands keys can be bound to, each with the name settings files use and a line of help.

/// What a key can be bound to. The reader turns each into a change of its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    Cancel,
    Suspend,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    Open,
    NextParagraph,
    PrevParagraph,
    /// The `:` prompt (keymap name `command`).
    CommandLine,
    JumpPrompt,
    Back,
    /// Forward again after going back (vim's `Ctrl-i`).
    Forward,
    Search,
    SearchNext,
    SearchPrev,
    ToggleMarking,
    ClearFilter,
    ToggleHeader,
    ToggleRaw,
    ToggleList,
    ShowErrors,
    Bookmark,
    BookmarkList,
    RemoveBookmark,
    Copy,
    Sort,
    SearchCorpus,
    Redraw,
    WhereAmI,
    /// The links overlay: what the open cable cites and what cites it.
    Links,
    /// The `:limit` prompt.
    Limit,
    NextCable,
    PrevCable,
    /// The facets overlay.
    Facets,
}

/// Every command with its keymap name and help text, in the order help lists them.
pub const BINDABLE: &[(Command, &str, &str)] = &[
    (Command::Down, "down", "down a line / to the next row"),
    (Command::Up, "up", "up a line / to the previous row"),
    (Command::PageDown, "page_down", "page down"),
    (Command::PageUp, "page_up", "page up"),
    (Command::HalfPageDown, "half_page_down", "half a page down"),
    (Command::HalfPageUp, "half_page_up", "half a page up"),
    (Command::Top, "top", "go to the top"),
    (Command::Bottom, "bottom", "go to the bottom"),
    (Command::NextParagraph, "next_paragraph", "next paragraph"),
    (
        Command::PrevParagraph,
        "prev_paragraph",
        "previous paragraph",
    ),
    (Command::FocusNext, "focus_next", "focus the next pane"),
    (Command::FocusPrev, "focus_prev", "focus the previous pane"),
    (Command::Open, "open", "open the selected cable or bookmark"),
    (
        Command::CommandLine,
        "command",
        "command prompt (see Commands)",
    ),
    (
        Command::JumpPrompt,
        "jump_prompt",
        "jump: ¶ number then enter, or N%",
    ),
    (
        Command::Back,
        "back",
        "back to where you were before a jump",
    ),
    (
        Command::Forward,
        "forward",
        "forward again after going back",
    ),
    (
        Command::Bookmark,
        "bookmark",
        "bookmark / unbookmark the paragraph",
    ),
    (
        Command::BookmarkList,
        "bookmark_list",
        "list bookmarks; enter goes there",
    ),
    (
        Command::RemoveBookmark,
        "remove_bookmark",
        "remove the selected bookmark",
    ),
    (
        Command::Copy,
        "copy",
        "copy the paragraph with its citation",
    ),
    (
        Command::Search,
        "search",
        "search the open cable (any case)",
    ),
    (
        Command::SearchCorpus,
        "search_corpus",
        "search every cable (:search PATTERN)",
    ),
    (
        Command::Links,
        "links",
        "links: what the cable cites, what cites it",
    ),
    (
        Command::Limit,
        "limit",
        "narrow the list to a query (:limit QUERY)",
    ),
    (
        Command::Facets,
        "facets",
        "count the list by year, origin, tag, class ...",
    ),
    (
        Command::NextCable,
        "next_cable",
        "open the next cable of the list",
    ),
    (
        Command::PrevCable,
        "prev_cable",
        "open the previous cable of the list",
    ),
    (
        Command::Sort,
        "sort",
        "sort the list: source, date, id, origin, class",
    ),
    (Command::SearchNext, "search_next", "next search match"),
    (Command::SearchPrev, "search_prev", "previous search match"),
    (
        Command::ToggleMarking,
        "toggle_marking",
        "show/hide paragraphs so marked",
    ),
    (
        Command::ClearFilter,
        "clear_filter",
        "clear the marking filter",
    ),
    (
        Command::ToggleHeader,
        "toggle_header",
        "fold/unfold the decoded header",
    ),
    (
        Command::ToggleRaw,
        "toggle_raw",
        "show/hide the header text as written",
    ),
    (
        Command::ToggleList,
        "toggle_list",
        "hide/show the document list",
    ),
    (
        Command::ShowErrors,
        "show_errors",
        "list files that failed to load",
    ),
    (Command::WhereAmI, "where", "show id, source, ¶ and percent"),
    (Command::Redraw, "redraw", "clear and repaint the screen"),
    (Command::Help, "help", "this help"),
    (
        Command::Cancel,
        "cancel",
        "close overlay/prompt, clear search",
    ),
    (
        Command::Suspend,
        "suspend",
        "suspend to the shell (fg resumes)",
    ),
    (Command::Quit, "quit", "close overlay, else quit"),
];

impl Command {
    /// The keymap name (`page_down`).
    pub fn name(self) -> &'static str {
        BINDABLE
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("?", |(_, n, _)| *n)
    }

    /// What the command does, for help.
    pub fn description(self) -> &'static str {
        BINDABLE
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, _, d)| *d)
    }

    /// Reads a keymap name.
    pub fn from_name(name: &str) -> Option<Command> {
        BINDABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_name_and_a_description() {
        for (c, name, what) in BINDABLE {
            assert_eq!(Command::from_name(name), Some(*c), "{name}");
            assert_eq!(c.name(), *name);
            assert!(!what.is_empty(), "{name}");
        }
        let mut names: Vec<&str> = BINDABLE.iter().map(|(_, n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BINDABLE.len());
        assert_eq!(Command::from_name("resize"), None);
    }
}
