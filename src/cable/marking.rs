//! Portion markings: `(S/NF)`, `(C//REL NATO)`, `(SBU)` ... parsed into a canonical form.

/// Classification level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    U,
    Sbu,
    Lou,
    C,
    S,
    Ts,
}

/// A parsed portion marking: level, then caveats (`NF`, `REL NATO`, `FGI`, `FOUO`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Marking {
    pub level: Level,
    pub caveats: Vec<String>,
}

impl std::fmt::Display for Marking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::U => "U",
            Level::Sbu => "SBU",
            Level::Lou => "LOU",
            Level::C => "C",
            Level::S => "S",
            Level::Ts => "TS",
        };
        f.write_str(level)?;
        for c in &self.caveats {
            write!(f, "//{c}")?;
        }
        Ok(())
    }
}
