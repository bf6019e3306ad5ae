//! Where a copy goes: the terminal's clipboard by OSC 52, a command that reads the text on its
//! standard input (`wl-copy`, `xclip -sel c`, `pbcopy`), or a file.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Copies larger than this are refused: a terminal may choke on a giant OSC 52, and no one
/// means to put a megabyte on the clipboard with one key.
pub const MAX_COPY: usize = 1 << 20;

/// The `clipboard` setting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Clipboard {
    /// The terminal's clipboard, by the OSC 52 escape sequence.
    #[default]
    Osc52,
    /// A program and its arguments; the text goes to its standard input.
    Command(Vec<String>),
    /// A file, written over with the text.
    File(PathBuf),
}

impl Clipboard {
    /// How the status line names it: `the clipboard by OSC 52`, `wl-copy`, `/tmp/clip.txt`.
    pub fn name(&self) -> String {
        match self {
            Clipboard::Osc52 => "the clipboard by OSC 52".into(),
            Clipboard::Command(argv) => crate::sanitize::clean_line(&argv.join(" ")).into_owned(),
            Clipboard::File(p) => crate::sanitize::path(p),
        }
    }

    /// Puts `text` on a command's input or in a file. OSC 52 is written by the event loop, after
    /// the frame, so here it does nothing. The error is one line.
    pub fn deliver(&self, text: &str) -> Result<(), String> {
        if text.len() > MAX_COPY {
            return Err(too_large(text.len()));
        }
        match self {
            Clipboard::Osc52 => Ok(()),
            Clipboard::File(p) => std::fs::write(p, text).map_err(|e| {
                format!(
                    "Cannot copy to {}: {}",
                    self.name(),
                    crate::sanitize::io_reason(&e)
                )
            }),
            Clipboard::Command(argv) => run(argv, text).map_err(|why| {
                crate::sanitize::clean_line(&format!("Cannot copy to {}: {why}", self.name()))
                    .into_owned()
            }),
        }
    }
}

/// The message for a copy over [`MAX_COPY`].
pub fn too_large(bytes: usize) -> String {
    format!(
        "Not copied: {} KB is more than the {} KB a copy may hold",
        bytes.div_ceil(1024),
        MAX_COPY / 1024
    )
}

fn run(argv: &[String], text: &str) -> Result<(), String> {
    let Some((program, args)) = argv.split_first() else {
        return Err("no command given".into());
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| crate::sanitize::io_reason(&e))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A program that exits without reading says why on stderr and by its status.
        let _ = stdin.write_all(text.as_bytes());
    }
    // Only the program is waited for: wl-copy and xclip leave a child serving the clipboard,
    // which may hold the error pipe open; it is read only once the program has failed.
    let status = child.wait().map_err(|e| crate::sanitize::io_reason(&e))?;
    if status.success() {
        return Ok(());
    }
    let mut said = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut err, &mut said);
    }
    let first = said.lines().map(str::trim).find(|l| !l.is_empty());
    let status = match status.code() {
        Some(c) => format!("exit status {c}"),
        None => "stopped by a signal".into(),
    };
    Err(match first {
        Some(l) => format!("{status}: {l}"),
        None => status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Clipboard {
        Clipboard::Command(vec!["sh".into(), "-c".into(), script.into()])
    }

    #[test]
    fn a_command_gets_the_text_on_its_input() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clip");
        let cmd = sh(&format!("cat > '{}'", file.display()));
        cmd.deliver("09USNATO595 ¶12 (SBU): text\nmore").unwrap();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "09USNATO595 ¶12 (SBU): text\nmore"
        );
    }

    #[test]
    fn a_failing_command_is_one_line_naming_it() {
        assert_eq!(
            sh("echo 'no display' >&2; echo more >&2; exit 3").deliver("x"),
            Err("Cannot copy to sh -c echo 'no display' >&2; echo more >&2; exit 3: exit status 3: no display".into())
        );
        assert_eq!(
            Clipboard::Command(vec!["/nonexistent/wl-copy".into()]).deliver("x"),
            Err("Cannot copy to /nonexistent/wl-copy: No such file or directory".into())
        );
    }

    #[test]
    fn a_file_is_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clip.txt");
        std::fs::write(&file, "old text, longer").unwrap();
        Clipboard::File(file.clone()).deliver("new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let missing = Clipboard::File(dir.path().join("no/such/clip.txt"));
        assert!(
            missing
                .deliver("x")
                .unwrap_err()
                .ends_with(": No such file or directory")
        );
    }

    #[test]
    fn a_huge_copy_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clip");
        let big = "x".repeat(MAX_COPY + 1);
        assert_eq!(
            Clipboard::File(file.clone()).deliver(&big),
            Err("Not copied: 1025 KB is more than the 1024 KB a copy may hold".into())
        );
        assert!(!file.exists());
    }
}
