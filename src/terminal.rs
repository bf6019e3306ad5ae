//! The terminal is borrowed: raw mode, the alternate screen, mouse capture and bracketed paste
//! are turned on together and undone together on every way out (return, error, panic, Ctrl-Z,
//! a signal asking the reader to end). A terminal that hangs up ends the reader as `q` does.

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
/// The signal (SIGTERM, SIGHUP, SIGINT, ...) that asked the reader to end, or 0.
static QUIT_SIGNAL: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
/// How long the reader has to start quitting by itself after such a signal.
const QUIT_GRACE: std::time::Duration = std::time::Duration::from_secs(3);
/// How long it then has to save, once it has started.
const SAVE_GRACE: std::time::Duration = std::time::Duration::from_secs(60);
/// Set when the event loop has started to quit (saving, then leaving).
static QUITTING: AtomicBool = AtomicBool::new(false);
/// Set once the terminal hung up: nothing is left to restore or draw on.
static HUNG_UP: AtomicBool = AtomicBool::new(false);

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
    if !ACTIVE.swap(false, Ordering::SeqCst) || HUNG_UP.load(Ordering::SeqCst) {
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
/// everything (the screen was the shell's meanwhile). False when the reader was asked to end
/// while stopped (`kill %1`): the terminal is left to the shell and the reader should quit.
pub fn suspend(term: &mut Tui) -> io::Result<bool> {
    restore()?;
    #[cfg(unix)]
    // SIGSTOP rather than SIGTSTP: SIGTSTP is caught (see `watch_signals`) and would return at
    // once; SIGSTOP stops this thread here until the shell's `fg`.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    if !resumed_in_front() {
        return Ok(false);
    }
    enter()?;
    term.clear()?;
    Ok(true)
}

/// After a stop: true when the reader is continued in the terminal's foreground (`fg`); false
/// when it was continued to be ended (`kill %1` sends SIGTERM, then SIGCONT). Continued in the
/// background (`bg`), where a full-screen program cannot run, it stops again.
fn resumed_in_front() -> bool {
    #[cfg(unix)]
    loop {
        if quit_signal().is_some() {
            return false;
        }
        if in_foreground() {
            return true;
        }
        // The signal that ended the stop reaches the signal thread in a moment.
        let until = std::time::Instant::now() + std::time::Duration::from_millis(300);
        while std::time::Instant::now() < until {
            if quit_signal().is_some() {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        if in_foreground() {
            return true;
        }
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    }
    #[cfg(not(unix))]
    true
}

/// The terminal's file descriptor, as crossterm reads it: standard input if it is a terminal,
/// else `/dev/tty`.
#[cfg(unix)]
fn tty_fd() -> Option<std::os::fd::RawFd> {
    use std::os::fd::AsRawFd;
    static TTY: std::sync::OnceLock<Option<std::fs::File>> = std::sync::OnceLock::new();
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        return Some(libc::STDIN_FILENO);
    }
    TTY.get_or_init(|| {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()
    })
    .as_ref()
    .map(|f| f.as_raw_fd())
}

/// The reader's process group owns the terminal (a background job does not).
#[cfg(unix)]
fn in_foreground() -> bool {
    let Some(fd) = tty_fd() else {
        return true;
    };
    // SAFETY: plain queries of this process and its terminal.
    unsafe { libc::tcgetpgrp(fd) == libc::getpgrp() }
}

/// What waiting for the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// An event may be read (keys, mouse, paste, a resize).
    Ready,
    Timeout,
    /// The terminal is gone (its window closed, the connection lost): quit, saving.
    HungUp,
}

/// Waits up to `timeout` for the terminal. A hang-up is seen here, before crossterm reads: its
/// reader spins forever on a terminal that returns end of file or an error.
pub fn wait_input(timeout: std::time::Duration) -> io::Result<Input> {
    #[cfg(unix)]
    if let Some(fd) = tty_fd() {
        let winch = winch_pipe();
        let mut fds = [
            libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: winch.unwrap_or(-1),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is a live array of two pollfd; a negative fd is ignored by poll.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            return match e.kind() {
                io::ErrorKind::Interrupted => Ok(Input::Timeout),
                _ => Err(e),
            };
        }
        if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            HUNG_UP.store(true, Ordering::SeqCst);
            return Ok(Input::HungUp);
        }
        if let Some(w) = winch
            && fds[1].revents & libc::POLLIN != 0
        {
            drain(w);
            return Ok(Input::Ready);
        }
        return Ok(if fds[0].revents & libc::POLLIN != 0 {
            Input::Ready
        } else {
            Input::Timeout
        });
    }
    Ok(if crossterm::event::poll(timeout)? {
        Input::Ready
    } else {
        Input::Timeout
    })
}

/// The read end of a pipe written on each SIGWINCH, so a resize wakes [`wait_input`].
#[cfg(unix)]
fn winch_pipe() -> Option<std::os::fd::RawFd> {
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;
    static PIPE: std::sync::OnceLock<Option<UnixStream>> = std::sync::OnceLock::new();
    PIPE.get_or_init(|| {
        let (read, write) = UnixStream::pair().ok()?;
        read.set_nonblocking(true).ok()?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write).ok()?;
        Some(read)
    })
    .as_ref()
    .map(|r| r.as_raw_fd())
}

#[cfg(unix)]
fn drain(fd: std::os::fd::RawFd) {
    let mut buf = [0u8; 64];
    // SAFETY: reads into a local buffer from a non-blocking descriptor this module owns.
    while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
}

/// The event loop has started to quit: a signal thread waiting to end the process lets it
/// save first.
pub fn note_quitting() {
    QUITTING.store(true, Ordering::SeqCst);
}

/// The signal that asked the reader to end (SIGTERM, SIGHUP, SIGINT, ...), if any: the event loop
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

/// Signals that end a program by default, sent from outside (in raw mode Ctrl-C is a key): the
/// reader saves, gives the terminal back and ends with 128 + the signal's number.
#[cfg(unix)]
const ENDING: [i32; 11] = [
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGINT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
];

/// The signals in [`ENDING`] give the terminal back before the process ends; a SIGTSTP sent
/// from outside (not Ctrl-Z, which arrives as a key in raw mode) gives it back while stopped.
#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::SIGTSTP;
    let mut wanted = ENDING.to_vec();
    wanted.push(SIGTSTP);
    let Ok(mut signals) = signal_hook::iterator::Signals::new(wanted) else {
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
                    // Continued to be ended (`kill %1`), this thread reads the ending signal
                    // next: the terminal is not taken again from the background.
                    if was_active && in_foreground() {
                        let _ = enter();
                        REDRAW.store(true, Ordering::SeqCst);
                    }
                    continue;
                }
                // Ask the event loop to save and quit; if it has not started to within the
                // grace time (it may be busy), give the terminal back and end here.
                QUIT_SIGNAL.store(sig, Ordering::SeqCst);
                std::thread::sleep(QUIT_GRACE);
                if QUITTING.load(Ordering::SeqCst) {
                    // Saving: the process ends when it is done.
                    std::thread::sleep(SAVE_GRACE);
                }
                let _ = restore();
                std::process::exit(128 + sig);
            }
        });
    drop(spawned);
}

#[cfg(not(unix))]
fn watch_signals() {}
