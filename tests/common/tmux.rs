//! A private tmux server driving the real binary in a pseudo-terminal, for end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long a wait for the screen lasts before it fails: long, since a debug build indexing the
/// corpus on a machine busy with other builds can take many seconds; a passing wait ends at once.
const WAIT: Duration = Duration::from_secs(60);

static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A tmux server of its own, so the test never touches a user's sessions; its shell has a home,
/// config and state folders of its own, so the reader never touches the user's settings or
/// memory either.
pub struct Tmux {
    socket: String,
    home: tempfile::TempDir,
}

impl Tmux {
    pub fn start(width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is needed for the end-to-end test"
            );
            eprintln!("tmux not installed: end-to-end test skipped");
            return None;
        }
        let t = Tmux {
            socket: format!(
                "cable-reader-test-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            ),
            home: tempfile::tempdir().expect("a temporary home"),
        };
        let home = t.home.path().to_string_lossy().into_owned();
        let var = |name: &str, sub: &str| format!("{name}={home}/{sub}");
        let (config, state, data) = (
            var("XDG_CONFIG_HOME", ".config"),
            var("XDG_STATE_HOME", ".local/state"),
            var("XDG_DATA_HOME", ".local/share"),
        );
        // A plain interactive shell: job control for Ctrl-Z, no user rc files.
        let out = t.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "env",
            "-u",
            "CABLE_READER_CONFIG",
            &format!("HOME={home}"),
            &config,
            &state,
            &data,
            "PS1=$ ",
            "TERM=xterm-256color",
            "bash",
            "--norc",
            "--noprofile",
            "-i",
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(t)
    }

    /// The shell's home folder.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Where the reader run in this shell keeps its memory.
    pub fn state_dir(&self) -> PathBuf {
        self.home.path().join(".local/state/cable-reader")
    }

    /// Where the reader run in this shell reads its settings.
    pub fn config_file(&self) -> PathBuf {
        self.home.path().join(".config/cable-reader/config.toml")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    pub fn literal(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "e2e", "-l", text])
                .status
                .success()
        );
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    pub fn flag(&self, name: &str) -> String {
        let f = format!("#{{{name}}}");
        String::from_utf8_lossy(&self.run(&["display", "-p", "-t", "e2e", &f]).stdout)
            .trim()
            .to_string()
    }

    /// Waits until the screen shows `text`; fails with the screen when it does not.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > WAIT {
                panic!("waited for {text:?}; the screen shows:\n{s}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text`; fails with the screen when it stays.
    pub fn wait_gone(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if !s.contains(text) {
                return s;
            }
            if start.elapsed() > WAIT {
                panic!("waited for {text:?} to go; the screen shows:\n{s}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    /// Presses Escape and waits until `text` has gone. A key sent at once after Escape would
    /// reach the reader with it as one Alt-key, so the next key waits for Escape to count.
    pub fn escape_from(&self, text: &str) -> String {
        self.keys(&["Escape"]);
        self.wait_gone(text)
    }

    pub fn wait_flag(&self, name: &str, value: &str) {
        let start = Instant::now();
        while self.flag(name) != value {
            if start.elapsed() > WAIT {
                panic!(
                    "waited for {name}={value}; the screen shows:\n{}",
                    self.screen()
                );
            }
            sleep(Duration::from_millis(50));
        }
    }

    /// Terminal modes a reader could leave behind.
    pub fn assert_restored(&self) {
        assert_eq!(self.flag("alternate_on"), "0", "alternate screen left on");
        for f in [
            "mouse_any_flag",
            "mouse_button_flag",
            "mouse_standard_flag",
            "mouse_all_flag",
            "mouse_sgr_flag",
        ] {
            assert_eq!(self.flag(f), "0", "{f} left on");
        }
        assert_eq!(self.flag("cursor_flag"), "1", "cursor left hidden");
        // Raw mode off: the line discipline echoes and edits lines again.
        self.literal(
            "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo STTY",
        );
        self.keys(&["Enter"]);
        let s = self.wait_for("icanon echo STTY");
        assert!(s.contains("icanon echo STTY"), "{s}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
