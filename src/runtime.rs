//! The event loop: draws the state, turns terminal events into actions, runs what the
//! updates ask for (background searches, the clipboard, suspending, quitting) and the work on
//! other threads, and saves what the reader remembers. Above both the reader and the view.

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::TryRecvError;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture};

use crate::app::action::{Action, Shared};
use crate::app::corpus_search::search_options;
use crate::app::{Effect, State, dispatch, handle_event};
use crate::cable::search::{Query, SearchHandle, search_in_background};
use crate::cable::{IndexEvent, IndexHandle, LoadOptions, LoadReport, index_in_background};
use crate::clipboard::Clipboard;
use crate::config::Config;
use crate::memory::Store;
use crate::{terminal, ui};

/// How long the reader waits, idle, before saving what it remembers.
const SAVE_AFTER: Duration = Duration::from_secs(1);

/// How often the screen follows the background work while indexing or searching.
const POLL: Duration = Duration::from_millis(50);

/// How long the loop takes in index batches before it draws again: half a frame at 60 Hz.
const FRAME_BUDGET: Duration = Duration::from_millis(8);

/// What the reader opens: cables already parsed, or files to index in the background.
pub enum Source {
    Loaded(LoadReport),
    Paths(Vec<PathBuf>),
}

/// The work running on other threads, and what it sends back.
#[derive(Default)]
pub struct Background {
    pub index: Option<IndexHandle>,
    /// Indexing that has sent everything, its worker perhaps still writing the cache.
    finishing: Option<IndexHandle>,
    search: Option<(u64, SearchHandle)>,
    paths: Vec<PathBuf>,
    /// The indexer's thread builds the links and query facts of the finished index.
    links_coming: bool,
}

impl Background {
    /// True while indexing or a search runs.
    pub fn busy(&self) -> bool {
        self.index.is_some() || self.search.is_some() || self.links_coming
    }

    /// Starts a search over every file.
    fn start_search(&mut self, generation: u64, pattern: &str) {
        // Dropping the old handle stops the old search.
        self.search = None;
        if let Ok(query) = Query::new(pattern) {
            let handle = search_in_background(self.paths.clone(), query, search_options());
            self.search = Some((generation, handle));
        }
    }

    /// What the threads sent since last time, as actions, for at most [`FRAME_BUDGET`] of
    /// index batches: the screen is drawn again between, however fast indexing runs. True
    /// when events are left waiting.
    pub fn take_events(&mut self, state: &mut State) -> bool {
        let until = Instant::now() + FRAME_BUDGET;
        let mut behind = false;
        if let Some(h) = &self.index {
            loop {
                if Instant::now() >= until {
                    behind = true;
                    break;
                }
                match h.events().try_recv() {
                    Ok(e) => {
                        let done = matches!(
                            e,
                            IndexEvent::Done {
                                cancelled: false,
                                ..
                            }
                        );
                        // The links are built on the indexer's thread, from the reader's
                        // own index, which is then written to the cache.
                        state.web.coming |= done;
                        self.links_coming |= done;
                        dispatch(state, Action::Indexed(Shared::new(e)));
                        if done {
                            h.store_cache(state.corpus.clone());
                        }
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        // The worker may still be writing the cache: it is waited for (as
                        // briefly as ever) only when the reader quits.
                        self.finishing = self.index.take();
                        break;
                    }
                }
            }
        }
        if self.links_coming
            && let Some(h) = self.index.as_ref().or(self.finishing.as_ref())
        {
            match h.built().try_recv() {
                Ok(built) => {
                    self.links_coming = false;
                    state.links_built(built);
                }
                Err(TryRecvError::Empty) => {}
                // The worker ended without them: they are built here after all.
                Err(TryRecvError::Disconnected) => {
                    self.links_coming = false;
                    if state.web.coming {
                        state.build_links_here();
                    }
                }
            }
        }
        if let Some((generation, h)) = &self.search {
            let generation = *generation;
            let mut ended = false;
            loop {
                match h.events().try_recv() {
                    Ok(e) => {
                        dispatch(state, Action::Searched(generation, Shared::new(Some(e))));
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        ended = true;
                        break;
                    }
                }
            }
            if ended {
                self.search = None;
                dispatch(state, Action::Searched(generation, Shared::new(None)));
            }
        }
        behind
    }
}

/// Timings of a run, written to the file `CABLE_READER_TIMINGS` names (for measuring).
struct Timings {
    file: Option<PathBuf>,
    start: Instant,
    first_frame: Option<Duration>,
    indexed: Option<Duration>,
}

impl Timings {
    fn new(start: Instant) -> Timings {
        Timings {
            file: std::env::var_os("CABLE_READER_TIMINGS").map(PathBuf::from),
            start,
            first_frame: None,
            indexed: None,
        }
    }

    fn after_frame(&mut self, state: &State) {
        if self.file.is_none() {
            return;
        }
        if self.first_frame.is_none() {
            self.first_frame = Some(self.start.elapsed());
        }
        if self.indexed.is_none() && !state.indexing_now() {
            self.indexed = Some(self.start.elapsed());
            if let Some(f) = &self.file {
                let text = format!(
                    "first_frame_ms {:.1}\nindexed_ms {:.1}\ncables {}\n",
                    self.first_frame.unwrap_or_default().as_secs_f64() * 1e3,
                    self.start.elapsed().as_secs_f64() * 1e3,
                    state.corpus.len()
                );
                let _ = std::fs::write(f, text);
            }
        }
    }
}

/// Runs the reader on what was loaded until the user quits. `corpus_key` names what was loaded
/// for the memory ([`crate::memory::corpus_key`]); the memory is kept in `store`.
/// `cited`: the cable and paragraph to open first (`--open`), whatever the settings remember.
pub fn run(
    source: Source,
    config: &Config,
    corpus_key: String,
    store: Store,
    cited: Option<crate::cable::citation::Citation>,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let (memory, corrupt) = store.load();
    let unwritable = store.check_writable();
    let mut term = terminal::init()?;
    let _restore = terminal::RestoreOnDrop;
    if !config.mouse {
        crossterm::execute!(std::io::stdout(), DisableMouseCapture)?;
    }
    let size = term.size()?;
    let mut background = Background::default();
    let mut state = match source {
        Source::Loaded(report) => {
            State::with_config(report, config, memory, corpus_key, size.width, size.height)
        }
        Source::Paths(paths) => {
            background.index = Some(index_in_background(paths.clone(), LoadOptions::default()));
            background.paths = paths.clone();
            State::indexing(paths, config, memory, corpus_key, size.width, size.height)
        }
    };
    if let Some(c) = cited {
        state.open_cited(c);
    }
    if let Some(c) = state.keymap.conflicts().first() {
        let c = format!("Keymap: {c}");
        state.warn(c);
    }
    for w in [unwritable.clone(), corrupt].into_iter().flatten() {
        state.warn(w);
    }
    let mut saver = Saver {
        store,
        attempted: state.memory_generation,
        warned: unwritable.is_some(),
    };
    let mut timings = Timings::new(started);
    let result = event_loop(
        &mut term,
        &mut state,
        &mut saver,
        &mut background,
        &mut timings,
        config.mouse,
    );
    drop(background);
    terminal::restore()?;
    if let Err(e) = saver.save(&state, true)
        && !saver.warned
    {
        eprintln!("cable-reader: {}", crate::sanitize::clean_line(&e));
    }
    // The last save is waited for in full; other background work is left after a moment.
    saver.store.flush();
    result
}

/// Saves the memory when it has changed, and says so once when it cannot.
struct Saver {
    store: Store,
    /// The memory generation last written (or tried).
    attempted: u64,
    warned: bool,
}

impl Saver {
    fn save(&mut self, state: &State, force: bool) -> Result<(), String> {
        if !force && self.attempted == state.memory_generation {
            return Ok(());
        }
        self.attempted = state.memory_generation;
        self.store.save(&state.memory)
    }
}

/// The escape sequence that asks the terminal to put `text` on the clipboard (OSC 52). The text
/// travels base64-encoded, so nothing in it reaches the terminal as a control character.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn event_loop(
    term: &mut terminal::Tui,
    state: &mut State,
    saver: &mut Saver,
    background: &mut Background,
    timings: &mut Timings,
    mut mouse: bool,
) -> anyhow::Result<()> {
    let mut last_save = Instant::now();
    let mut copies: Vec<String> = Vec::new();
    // Index batches left waiting when the last frame's budget ran out.
    let mut behind = false;
    loop {
        let size = term.size()?;
        if (size.width, size.height) != state.size {
            dispatch(state, Action::Resize(size.width, size.height));
        }
        term.draw(|f| ui::draw(state, f))?;
        timings.after_frame(state);
        // After the frame that says so, as the user reads it.
        for text in copies.drain(..) {
            let mut out = std::io::stdout().lock();
            out.write_all(osc52(&text).as_bytes())?;
            out.flush()?;
        }

        // While work runs in the background, look at it often; else wait for the user.
        let wait = if behind {
            Duration::ZERO
        } else if background.busy() {
            POLL
        } else {
            SAVE_AFTER
        };
        let ready = match terminal::wait_input(wait)? {
            terminal::Input::Ready => event::poll(Duration::ZERO)?,
            terminal::Input::Timeout => false,
            // The terminal is gone: quit as `q` does, saving on the way out.
            terminal::Input::HungUp => {
                terminal::note_quitting();
                return Ok(());
            }
        };
        if background.busy() && !ready {
            behind = background.take_events(state);
            if terminal::quit_signal().is_some() {
                terminal::note_quitting();
                return Ok(());
            }
            if last_save.elapsed() < SAVE_AFTER {
                continue;
            }
        }
        // Idle: save what changed, redraw after a stop from outside, end on SIGTERM/SIGHUP.
        if !ready {
            last_save = Instant::now();
            if terminal::quit_signal().is_some() {
                terminal::note_quitting();
                return Ok(());
            }
            if terminal::take_redraw_request() {
                term.clear()?;
                if !mouse {
                    crossterm::execute!(std::io::stdout(), DisableMouseCapture)?;
                }
            }
            if let Err(e) = saver.save(state, false)
                && !saver.warned
            {
                saver.warned = true;
                dispatch(state, Action::Message(e));
            }
            continue;
        }
        // Handle everything already queued before drawing again, so a burst of keys or wheel
        // events costs one frame.
        let mut ev = event::read()?;
        let mut quit = false;
        let mut suspend = false;
        let mut redraw = false;
        loop {
            for effect in handle_event(state, ev) {
                match effect {
                    Effect::Quit => quit = true,
                    Effect::Redraw => redraw = true,
                    Effect::Suspend => suspend = true,
                    Effect::Copy(text) => match &state.clipboard {
                        Clipboard::Osc52 => copies.push(text),
                        other => {
                            if let Err(why) = other.deliver(&text) {
                                dispatch(state, Action::Message(why));
                            }
                        }
                    },
                    Effect::StartSearch {
                        generation,
                        pattern,
                    } => background.start_search(generation, &pattern),
                }
            }
            if quit || suspend {
                break;
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
        behind = background.take_events(state);
        // `:set mouse` and `:set nomouse` take effect at once.
        if state.settings.mouse != mouse {
            mouse = state.settings.mouse;
            if mouse {
                crossterm::execute!(std::io::stdout(), event::EnableMouseCapture)?;
            } else {
                crossterm::execute!(std::io::stdout(), DisableMouseCapture)?;
            }
        }
        if redraw {
            term.clear()?;
        }
        if quit {
            return Ok(());
        }
        if suspend {
            let _ = saver.save(state, false);
            // Ended while stopped (`kill %1`): quit without taking the terminal again.
            if !terminal::suspend(term)? {
                terminal::note_quitting();
                return Ok(());
            }
            if !mouse {
                crossterm::execute!(std::io::stdout(), DisableMouseCapture)?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("¶12", "wrYxMg=="),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
    }

    #[test]
    fn osc52_carries_no_control_character_but_its_own() {
        let seq = osc52("a\x1b]0;evil\x07 b\n");
        let inner = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        assert!(
            inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }
}
