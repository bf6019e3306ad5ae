//! The allocator's settings (the program and its benchmarks use mimalloc).
//!
//! - By default mimalloc gives memory freed back to the system a second or more later (ten for
//!   its arenas): the worker threads that index a corpus free most of what they allocate, and a
//!   reader then held over 100 MB the index no longer used when the links and query facts were
//!   built after it.
//! - mimalloc asks for transparent huge pages on its arenas: a 2 MB page is resident, and
//!   zeroed, as soon as one byte of it is touched. The reader indexing the release peaked at
//!   149 to 151 MB of anonymous memory with them and 129 to 130 MB without, and zeroing huge
//!   pages on the reader's thread held its slowest keys (9.9 to 12.8 ms at worst with them,
//!   5.6 to 7.8 ms without); a first `list` took the same time either way.

use std::ffi::{c_int, c_long};

// Links the C library whose functions are declared below, in every build of the library.
extern crate mimalloc;

unsafe extern "C" {
    fn mi_version() -> c_int;
    fn mi_option_set(option: c_int, value: c_long);
    fn mi_option_get(option: c_int) -> c_long;
}

/// `mi_option_purge_delay` in mimalloc 3's list of options.
const PURGE_DELAY: c_int = 15;
/// Milliseconds before freed memory is given back.
const DELAY_MS: c_long = 10;

/// Freed memory is given back to the system after a few milliseconds (only for the mimalloc
/// version whose option numbers are known, 3.x), and the process uses no transparent huge
/// pages (Linux).
pub fn configure() {
    // SAFETY: plain calls into the allocator's C library, which the `mimalloc` crate links;
    // setting an option takes effect on later frees.
    unsafe {
        if mi_version() / 10000 == 3 {
            mi_option_set(PURGE_DELAY, DELAY_MS);
        }
    }
    #[cfg(target_os = "linux")]
    // SAFETY: a process flag, no memory passed; a kernel without it says EINVAL, and pages
    // are then as before.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The purge delay in force, in milliseconds (mimalloc 3), to tell the setting took.
pub fn purge_delay() -> Option<i64> {
    // SAFETY: as in `configure`.
    unsafe { (mi_version() / 10000 == 3).then(|| mi_option_get(PURGE_DELAY) as i64) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_is_set_and_huge_pages_are_off() {
        super::configure();
        assert_eq!(super::purge_delay(), Some(super::DELAY_MS));
        #[cfg(target_os = "linux")]
        {
            // SAFETY: reads a process flag.
            let off = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
            assert_eq!(off, 1);
        }
    }
}
