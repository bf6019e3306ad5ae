//! The terminal is borrowed: raw mode, the alternate screen, mouse capture and bracketed paste
//! are turned on together and undone together on every way out (return, error, panic, Ctrl-Z).

use std::io::{self, Stdout, Write, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether the modes are on, so restoring twice (error path, then panic hook) is harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// Set when the process was stopped and continued from outside: the screen must be redrawn.
static REDRAW: AtomicBool = AtomicBool::new(false);
/// The signal (SIGTERM, SIGHUP, SIGQUIT) that asked the reader to end, or 0.
static QUIT_SIGNAL: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
/// How long the reader has to save and quit by itself after such a signal.
const QUIT_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Turns the modes on and returns a terminal to draw on. Installs a panic hook that restores
/// the terminal before the panic message is printed, so the message stays readable.
pub fn init() -> io::Result<Tui> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
        watch_signals();
    });
    enter()?;
    let term = Terminal::new(CrosstermBackend::new(stdout()));
    if term.is_err() {
        let _ = restore();
    }
    term
}

fn enter() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

/// Undoes everything [`init`] turned on. Does nothing when already restored.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    // Undo every mode even when one step fails; report the first failure.
    let raw = disable_raw_mode();
    let mut out = stdout();
    let modes = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = out.flush();
    raw.and(modes)
}

/// Restores the terminal when dropped: covers early returns with `?`.
pub struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Ctrl-Z: give the terminal back, stop until the shell's `fg`, then take it again and redraw
/// everything (the screen was the shell's meanwhile).
pub fn suspend(term: &mut Tui) -> io::Result<()> {
    restore()?;
    #[cfg(unix)]
    // SIGSTOP rather than SIGTSTP: SIGTSTP is caught (see `watch_signals`) and would return at
    // once; SIGSTOP stops this thread here until the shell's `fg`.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    enter()?;
    term.clear()
}

/// The signal that asked the reader to end (SIGTERM, SIGHUP, SIGQUIT), if any: the event loop
/// quits as if `q` was pressed, and the process exits with 128 + the signal's number.
pub fn quit_signal() -> Option<i32> {
    match QUIT_SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(sig),
    }
}

/// True once after the process was stopped (`kill -TSTP`) and continued: redraw everything.
pub fn take_redraw_request() -> bool {
    REDRAW.swap(false, Ordering::SeqCst)
}

/// SIGTERM, SIGHUP and SIGQUIT give the terminal back before the process ends; a SIGTSTP sent
/// from outside (not Ctrl-Z, which arrives as a key in raw mode) gives it back while stopped.
#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM, SIGTSTP};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGTSTP])
    else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if sig == SIGTSTP {
                    let was_active = ACTIVE.load(Ordering::SeqCst);
                    let _ = restore();
                    // SIGSTOP cannot be caught: the process stops here until `fg`.
                    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
                    if was_active {
                        let _ = enter();
                        REDRAW.store(true, Ordering::SeqCst);
                    }
                    continue;
                }
                // Ask the event loop to save and quit; if it cannot within the grace time (it
                // may be busy), give the terminal back and end here.
                QUIT_SIGNAL.store(sig, Ordering::SeqCst);
                std::thread::sleep(QUIT_GRACE);
                let _ = restore();
                std::process::exit(128 + sig);
            }
        });
    drop(spawned);
}

#[cfg(not(unix))]
fn watch_signals() {}
