//! Keys: key presses and sequences, the commands they can be bound to, and the keymap that
//! joins them. Below the settings and the reader; knows neither.

pub mod chord;
pub mod command;
pub mod keymap;

pub use chord::{KeyChord, KeySeq, control_key_name, parse_seq, seq_name, unprintable};
pub use command::{BINDABLE, Command};
pub use keymap::{Binding, Conflict, Context, Keymap, Lookup};
