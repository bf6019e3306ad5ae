//! Finding and reading the input files: only regular files are read, so a FIFO, a device or a
//! link to one never blocks the program or fills its memory.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Files found under the inputs, as `load_paths` finds them: folders walked recursively in name
/// order, links followed, loops and unreadable entries reported. A FIFO, a device or a socket,
/// given or met in a folder, is reported by name and never read.
pub fn walk_inputs<P: AsRef<Path>>(paths: &[P]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            // Not there or unreadable: the read names the reason, as for any file.
            Err(_) => {
                files.push(p.to_path_buf());
                continue;
            }
        };
        if meta.is_file() {
            files.push(p.to_path_buf());
            continue;
        }
        if !meta.is_dir() {
            errors.push((p.display().to_string(), not_regular(&meta.file_type())));
            continue;
        }
        for entry in walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => errors.push((e.path().display().to_string(), not_regular(&e.file_type()))),
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| p.display().to_string());
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    };
                    errors.push((path, reason));
                }
            }
        }
    }
    (files, errors)
}

/// Why a path that is neither a file nor a folder is not read.
pub fn not_regular(t: &std::fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "not a regular file (a FIFO); not read".to_string();
        }
        if t.is_char_device() || t.is_block_device() {
            return "not a regular file (a device); not read".to_string();
        }
        if t.is_socket() {
            return "not a regular file (a socket); not read".to_string();
        }
    }
    let _ = t;
    "not a regular file; not read".to_string()
}

/// Opens `path` for reading only if it is a regular file. The open itself never blocks (a FIFO
/// put in the file's place since it was found would otherwise wait for a writer).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let t = file.metadata()?.file_type();
    if !t.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            not_regular(&t),
        ));
    }
    Ok(file)
}

/// The largest input file read whole (bigger `cables.csv` files are mapped, not read).
pub const MAX_READ: u64 = 4 << 30;

/// Reads a regular file whole, at most `limit` bytes: a file that grows past its limit while it
/// is read is an error, not unbounded memory.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(too_big(limit));
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(too_big(limit));
    }
    Ok(buf)
}

fn too_big(limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!("larger than {limit} bytes; not read"),
    )
}

/// Why a file's results were thrown away.
pub const CHANGED_WHILE_READ: &str = "changed while it was read";

/// Reads a file found with `len` bytes: more or fewer bytes now mean it changed since.
pub fn read_as_found(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    let changed = || std::io::Error::other(CHANGED_WHILE_READ);
    match read_regular(path, len) {
        Ok(b) if b.len() as u64 == len => Ok(b),
        Ok(_) => Err(changed()),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => Err(changed()),
        Err(e) => Err(e),
    }
}

/// Reads an input file whole: a regular file of at most [`MAX_READ`] bytes.
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    read_regular(path, MAX_READ)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_named_not_read() {
        let (files, errors) = walk_inputs(&["/dev/zero", "/dev/null"]);
        assert!(files.is_empty());
        assert_eq!(
            errors,
            [
                (
                    "/dev/zero".to_string(),
                    "not a regular file (a device); not read".to_string()
                ),
                (
                    "/dev/null".to_string(),
                    "not a regular file (a device); not read".to_string()
                )
            ]
        );
        let e = read_input(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a device); not read");
    }

    #[test]
    fn a_file_over_its_limit_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_regular(&p, 10).unwrap(), b"0123456789");
        assert_eq!(
            read_regular(&p, 9).unwrap_err().to_string(),
            "larger than 9 bytes; not read"
        );
    }

    #[test]
    fn a_file_read_as_found_must_still_have_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_as_found(&p, 10).unwrap(), b"0123456789");
        for found in [4, 11] {
            assert_eq!(
                read_as_found(&p, found).unwrap_err().to_string(),
                "changed while it was read"
            );
        }
    }
}
