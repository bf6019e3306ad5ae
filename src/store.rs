//! Files the program keeps in its own folders (the state, the index cache): written whole or
//! not at all, through temporary files created anew (never through a name that already
//! exists, a symbolic link included), with the temporary files of a killed run removed.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Temporary files are named `.NAME.PID.N.tmp` next to `NAME`.
const TMP_SUFFIX: &str = ".tmp";

static NEXT: AtomicU64 = AtomicU64::new(0);

/// Creates `path` for writing only if nothing has that name: no existing file is truncated and
/// no link followed.
pub fn create_new(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// A file being written under a temporary name, renamed over its target by
/// [`commit`](TempFile::commit); removed if dropped before.
pub struct TempFile {
    path: PathBuf,
    target: PathBuf,
    file: Option<File>,
}

impl TempFile {
    /// A new temporary file in `target`'s folder.
    pub fn create(target: &Path) -> std::io::Result<TempFile> {
        let dir = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{name}.{}.{n}{TMP_SUFFIX}", std::process::id()));
            match create_new(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        target: target.to_path_buf(),
                        file: Some(file),
                    });
                }
                // Left by an earlier run with the same process number: take the next name.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => {}
                Err(e) => return Err(e),
            }
        }
    }

    pub fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("open until committed")
    }

    /// Flushes the file to disk and renames it over the target.
    pub fn commit(mut self) -> std::io::Result<()> {
        if let Some(f) = self.file.take() {
            f.sync_all()?;
        }
        std::fs::rename(&self.path, &self.target)?;
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes `bytes` as `target`: a reader sees the old file or the new one, never half of one.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = TempFile::create(target)?;
    tmp.file().write_all(bytes)?;
    tmp.commit()
}

/// The process that made a temporary file, from its name.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(TMP_SUFFIX)?;
    let mut parts = rest.rsplitn(3, '.');
    let _n: u64 = parts.next()?.parse().ok()?;
    let pid = parts.next()?.parse().ok()?;
    parts.next()?;
    Some(pid)
}

fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    true
}

/// Removes the temporary files in `dir` whose process is gone (killed while writing).
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        let regular = e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink());
        if regular && !alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// An exclusive lock on a folder (no file of its own is left there), held until dropped.
/// Where locks are not supported it is a no-op.
pub struct Lock {
    _dir: Option<File>,
}

impl Lock {
    pub fn take(dir: &Path) -> Lock {
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            use std::os::unix::fs::OpenOptionsExt;
            let dir = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_DIRECTORY)
                .open(dir)
                .ok()
                // SAFETY: a plain flock on a descriptor this function opened.
                .filter(|d| unsafe { libc::flock(d.as_raw_fd(), libc::LOCK_EX) } == 0);
            Lock { _dir: dir }
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Lock { _dir: None }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_parsed_back() {
        assert_eq!(temp_owner(".state.json.123.4.tmp"), Some(123));
        assert_eq!(temp_owner(".0123abcd.idx.99.0.tmp"), Some(99));
        assert_eq!(temp_owner("state.json"), None);
        assert_eq!(temp_owner(".state.json.tmp"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_temporary_file_never_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(create_new(&link).is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
    }

    #[test]
    fn stale_temporary_files_of_gone_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // No process has a number this high.
        let stale = dir.path().join(".state.json.4000000000.0.tmp");
        let mine = dir
            .path()
            .join(format!(".state.json.{}.0.tmp", std::process::id()));
        let other = dir.path().join("state.json");
        for p in [&stale, &mine, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        remove_stale(dir.path());
        assert!(!stale.exists() && mine.exists() && other.exists());
    }
}
