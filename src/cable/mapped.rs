//! A big file mapped into memory that survives being truncated while it is read.
//!
//! Reading a mapped page past a file's new end raises SIGBUS, which would kill the process. A
//! handler catches the faults that fall inside a map made here: it puts zero pages in place of
//! the rest of the map and marks the map [changed](GuardedMap::changed), so the reader goes on
//! over zeros and its results are thrown away with a "changed while it was read" error. Faults
//! anywhere else go to the handler that was there before (the standard library's, which names
//! stack overflows), as if this one did not exist.

use std::ops::Deref;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// One map the handler watches: its address range and whether a fault fell in it.
struct Slot {
    used: AtomicBool,
    start: AtomicUsize,
    end: AtomicUsize,
    faulted: AtomicBool,
}

impl Slot {
    const fn new() -> Slot {
        Slot {
            used: AtomicBool::new(false),
            start: AtomicUsize::new(0),
            end: AtomicUsize::new(0),
            faulted: AtomicBool::new(false),
        }
    }
}

/// Maps watched at once; beyond that, files are read instead of mapped.
const SLOTS: usize = 64;
static WATCHED: [Slot; SLOTS] = [const { Slot::new() }; SLOTS];

/// A read-only map of a whole file, guarded against truncation.
pub struct GuardedMap {
    map: memmap2::Mmap,
    slot: usize,
}

impl GuardedMap {
    /// Maps `file`; `None` when it cannot be mapped safely (the caller reads it instead).
    pub fn open(path: &Path) -> Option<GuardedMap> {
        if !handler::install() {
            return None;
        }
        let file = super::walk::open_regular(path).ok()?;
        let slot = WATCHED.iter().position(|s| {
            s.used
                .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        })?;
        // SAFETY: the map is only read, and a fault from a truncation while it is read is
        // caught by the handler (see the module's comment) once the slot below names the map.
        let map = match unsafe { memmap2::Mmap::map(&file) } {
            Ok(m) if !m.is_empty() => m,
            _ => {
                WATCHED[slot].used.store(false, Ordering::Release);
                return None;
            }
        };
        let s = &WATCHED[slot];
        s.faulted.store(false, Ordering::SeqCst);
        let start = map.as_ptr() as usize;
        s.end.store(start + map.len(), Ordering::SeqCst);
        s.start.store(start, Ordering::SeqCst);
        #[cfg(unix)]
        {
            let _ = map.advise(memmap2::Advice::Sequential);
        }
        Some(GuardedMap { map, slot })
    }

    /// True once a read fell past the file's end: the file shrank while it was read, and what
    /// was read from it since may be zeros.
    pub fn changed(&self) -> bool {
        WATCHED[self.slot].faulted.load(Ordering::SeqCst)
    }
}

impl Deref for GuardedMap {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.map
    }
}

impl Drop for GuardedMap {
    fn drop(&mut self) {
        // The handler stops watching the range before it is unmapped (right after this).
        let s = &WATCHED[self.slot];
        s.start.store(0, Ordering::SeqCst);
        s.end.store(0, Ordering::SeqCst);
        s.used.store(false, Ordering::Release);
    }
}

#[cfg(unix)]
mod handler {
    use super::{Ordering, WATCHED};
    use std::sync::OnceLock;
    use std::sync::atomic::AtomicUsize;

    static PAGE: AtomicUsize = AtomicUsize::new(0);
    /// The SIGBUS action before ours; `None` when ours could not be installed.
    static PREVIOUS: OnceLock<Option<libc::sigaction>> = OnceLock::new();

    /// Installs the handler once; false when it cannot be.
    pub fn install() -> bool {
        PREVIOUS
            .get_or_init(|| {
                // SAFETY: plain libc calls with structures zeroed then filled in.
                unsafe {
                    let page = libc::sysconf(libc::_SC_PAGESIZE);
                    if page <= 0 {
                        return None;
                    }
                    PAGE.store(page as usize, Ordering::SeqCst);
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_sigbus as *const () as usize;
                    action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                    libc::sigemptyset(&mut action.sa_mask);
                    let mut previous: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(libc::SIGBUS, &action, &mut previous) != 0 {
                        return None;
                    }
                    Some(previous)
                }
            })
            .is_some()
    }

    /// Only async-signal-safe work: atomics, `mmap`, `sigaction`.
    extern "C" fn on_sigbus(sig: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
        // SAFETY: the kernel passes a valid `siginfo_t` to an SA_SIGINFO handler.
        let (addr, code) = unsafe { ((*info).si_addr() as usize, (*info).si_code) };
        let page = PAGE.load(Ordering::SeqCst);
        if code > 0 && page > 0 {
            for s in &WATCHED {
                let start = s.start.load(Ordering::SeqCst);
                let end = s.end.load(Ordering::SeqCst);
                if start == 0 || addr < start || addr >= end {
                    continue;
                }
                let from = addr & !(page - 1);
                let to = (end + page - 1) & !(page - 1);
                // SAFETY: the range lies inside a live map of ours (its slot names it until
                // just before it is unmapped); zero pages replace file pages that are gone.
                let done = unsafe {
                    libc::mmap(
                        from as *mut libc::c_void,
                        to - from,
                        libc::PROT_READ,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                        -1,
                        0,
                    )
                };
                if done != libc::MAP_FAILED {
                    s.faulted.store(true, Ordering::SeqCst);
                    return;
                }
            }
        }
        // Not ours: the previous action takes the fault again when the read is retried (or
        // the signal again, when it was sent rather than raised by a fault).
        if let Some(Some(previous)) = PREVIOUS.get() {
            // SAFETY: restoring the action that was in place before ours.
            unsafe {
                libc::sigaction(libc::SIGBUS, previous, std::ptr::null_mut());
                if code <= 0 {
                    libc::raise(sig);
                }
            }
        }
    }
}

#[cfg(not(unix))]
mod handler {
    pub fn install() -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_map_reads_zeros_and_says_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        let page = 4096;
        std::fs::write(&p, vec![b'x'; page * 8]).unwrap();
        let map = GuardedMap::open(&p).unwrap();
        assert!(!map.changed());
        assert_eq!(map[page * 7], b'x');
        std::fs::OpenOptions::new()
            .write(true)
            .open(&p)
            .unwrap()
            .set_len(page as u64)
            .unwrap();
        let sum: u64 = map.iter().map(|&b| u64::from(b)).sum();
        assert!(map.changed());
        assert!(sum <= u64::from(b'x') * page as u64 * 8);
        assert_eq!(map[page * 7], 0);
    }
}
