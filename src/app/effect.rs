//! What an update asks of the world outside the state: the event loop carries it out.

/// One thing for the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Clear the terminal and draw everything again.
    Redraw,
    /// Stop the process until the shell resumes it (`fg`).
    Suspend,
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Search every file of the corpus for `pattern` on other threads, its events arriving as
    /// [`super::Action::Searched`] with this generation; a search running before stops.
    StartSearch {
        generation: u64,
        pattern: String,
    },
}
