//! The texts that many cables share word for word (a classification, an origin: a few hundred
//! distinct over the whole release), kept once for the program's life and named by a number.
//! Each of the release's 251,287 summaries held its own copies.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// How many texts are kept; others stay in their summary.
const ROOM: usize = 4096;
/// The longest text kept (longer ones are seldom shared).
const LONGEST: usize = 64;

static TEXTS: [OnceLock<&'static str>; ROOM] = [const { OnceLock::new() }; ROOM];
static NUMBERS: Mutex<Option<HashMap<&'static str, u16>>> = Mutex::new(None);

/// The number of `text`, kept now if it is new; `None` when it is too long or there is no room.
pub fn number(text: &str) -> Option<u16> {
    if text.len() > LONGEST {
        return None;
    }
    let mut numbers = NUMBERS.lock().unwrap_or_else(|e| e.into_inner());
    let numbers = numbers.get_or_insert_with(HashMap::new);
    if let Some(&n) = numbers.get(text) {
        return Some(n);
    }
    let n = numbers.len();
    if n >= ROOM {
        return None;
    }
    // Bounded: at most ROOM texts of at most LONGEST bytes, for the program's life.
    let kept: &'static str = Box::leak(text.into());
    TEXTS[n].set(kept).ok()?;
    numbers.insert(kept, n as u16);
    Some(n as u16)
}

/// The text numbered `n` ("" for a number never given).
pub fn text(n: u16) -> &'static str {
    TEXTS
        .get(usize::from(n))
        .and_then(|t| t.get())
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_once() {
        let a = number("CONFIDENTIAL//NOFORN").unwrap();
        let b = number("Embassy Madrid").unwrap();
        assert_ne!(a, b);
        assert_eq!(number("CONFIDENTIAL//NOFORN"), Some(a));
        assert_eq!(text(a), "CONFIDENTIAL//NOFORN");
        assert_eq!(text(b), "Embassy Madrid");
        assert_eq!(number(&"x".repeat(LONGEST + 1)), None);
    }
}
