//! The `:` command line: one table of commands, from which both the parser and help are made.

use super::action::Action;
use super::list::SortKey;
use crate::keys::Command;

/// What a command line asks for, before its argument is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Filter,
    Open,
    Search,
    Sort,
    Quit,
    Help,
    Errors,
    NoHighlight,
    Links,
    Limit,
    Facets,
    Set,
    Version,
    Diff,
}

/// One command: the names it answers to and the examples help shows for it.
struct Spec {
    names: &'static [&'static str],
    verb: Verb,
    examples: &'static [(&'static str, &'static str)],
}

/// The commands, in the order help lists them (after `:12`).
const COMMANDS: &[Spec] = &[
    Spec {
        names: &["filter", "f"],
        verb: Verb::Filter,
        examples: &[
            ("filter SBU", "show only (SBU) paragraphs"),
            ("filter U,SBU", "show (U) and (SBU) paragraphs"),
            ("filter S", "every marking of level S"),
            ("filter", "clear the filter"),
        ],
    },
    Spec {
        names: &["open", "o", "e"],
        verb: Verb::Open,
        examples: &[("open ID", "open a cable by reference id")],
    },
    Spec {
        names: &["search", "s", "grep"],
        verb: Verb::Search,
        examples: &[("search PATTERN", "search every cable (regex)")],
    },
    Spec {
        names: &["limit", "l"],
        verb: Verb::Limit,
        examples: &[
            ("limit tag:PREL", "list only the cables a query finds"),
            ("limit", "list every cable"),
        ],
    },
    Spec {
        names: &["facets"],
        verb: Verb::Facets,
        examples: &[("facets", "count the list by year, origin, tag ...")],
    },
    Spec {
        names: &["refs", "links"],
        verb: Verb::Links,
        examples: &[("refs", "what the cable cites and what cites it")],
    },
    Spec {
        names: &["versions"],
        verb: Verb::Version,
        examples: &[("versions", "list the cable's versions, fullest first")],
    },
    Spec {
        names: &["version"],
        verb: Verb::Version,
        examples: &[("version 2", "open version 2 of the cable")],
    },
    Spec {
        names: &["diff"],
        verb: Verb::Diff,
        examples: &[
            ("diff", "what differs from the next fullest version"),
            ("diff 1 3", "what differs from version 1 to 3"),
        ],
    },
    Spec {
        names: &["sort"],
        verb: Verb::Sort,
        examples: &[(
            "sort -date",
            "sort by date, id, origin, class, subject, source; - reverses",
        )],
    },
    Spec {
        names: &["set", "se"],
        verb: Verb::Set,
        examples: &[
            ("set theme=light", "change a setting until quit"),
            ("set nomouse", "turn a setting off (mouse: on)"),
            ("set theme?", "show a setting"),
            ("set", "list settings changed (never saved)"),
        ],
    },
    Spec {
        names: &["q", "quit", "q!", "qa", "wq", "x", "wq!", "x!"],
        verb: Verb::Quit,
        examples: &[("q", "quit")],
    },
    Spec {
        names: &["help", "h"],
        verb: Verb::Help,
        examples: &[],
    },
    Spec {
        names: &["errors"],
        verb: Verb::Errors,
        examples: &[],
    },
    Spec {
        names: &["noh", "nohl", "nohlsearch"],
        verb: Verb::NoHighlight,
        examples: &[],
    },
];

/// The jump, written as a number alone.
const JUMP_EXAMPLE: (&str, &str) = ("12", "jump to paragraph 12");

/// The jump to a share of the cable, written as a percent.
const PERCENT_EXAMPLE: (&str, &str) = ("50%", "jump halfway through the cable");

/// Help's rows for the command line: (what to type, what it does).
pub fn help_rows() -> Vec<(String, &'static str)> {
    [JUMP_EXAMPLE, PERCENT_EXAMPLE]
        .into_iter()
        .chain(COMMANDS.iter().flat_map(|c| c.examples.iter().copied()))
        .map(|(typed, what)| (format!(":{typed}"), what))
        .collect()
}

/// What a command line means: the action it leads to, or a message saying why it leads nowhere.
/// `:open` needs the corpus and `:set` the settings, so they come back as [`Parsed::Open`] and
/// [`Parsed::Set`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Nothing,
    Run(Action),
    Open(String),
    /// `:set`, which reads and changes the settings in use.
    Set(String),
    Message(String),
}

/// Reads a command line as typed after `:`.
pub fn parse(line: &str) -> Parsed {
    let line = line.trim().trim_start_matches(':').trim();
    if line.is_empty() {
        return Parsed::Nothing;
    }
    if line.chars().all(|c| c.is_ascii_digit()) {
        return match line.parse::<u32>() {
            Ok(n) => Parsed::Run(Action::JumpTo(n)),
            Err(_) => Parsed::Message(format!("No ¶{line}")),
        };
    }
    if let Some(n) = line.strip_suffix('%')
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return match n.parse::<u32>() {
            Ok(n) if n <= 100 => Parsed::Run(Action::JumpPercent(n)),
            _ => Parsed::Message(format!("{line} is past the end: 0% to 100%")),
        };
    }
    let (cmd, arg) = match line.split_once(char::is_whitespace) {
        Some((c, a)) => (c, a.trim()),
        None => (line, ""),
    };
    let Some(spec) = COMMANDS.iter().find(|s| s.names.contains(&cmd)) else {
        let tries: Vec<String> = std::iter::once(JUMP_EXAMPLE.0)
            .chain(
                COMMANDS
                    .iter()
                    .filter_map(|c| c.examples.first().map(|e| e.0)),
            )
            .map(|t| format!(":{t}"))
            .collect();
        return Parsed::Message(format!("Unknown command :{cmd} (try {})", tries.join(", ")));
    };
    match spec.verb {
        Verb::Filter => Parsed::Run(Action::SetFilter(arg.to_string())),
        Verb::Sort => match SortKey::parse_order(arg) {
            Some((k, false)) => Parsed::Run(Action::SortBy(k)),
            Some((k, true)) => Parsed::Run(Action::SortReversed(k)),
            None if arg.is_empty() => Parsed::Run(Action::Run(Command::Sort)),
            None => Parsed::Message(format!(
                "Sort by what? :sort date, id, origin, class, subject or source, - before it reverses (not {arg})"
            )),
        },
        Verb::Search => Parsed::Run(Action::SearchAll(arg.to_string())),
        Verb::Quit => Parsed::Run(Action::Run(Command::Quit)),
        Verb::Help => Parsed::Run(Action::Run(Command::Help)),
        Verb::Errors => Parsed::Run(Action::Run(Command::ShowErrors)),
        Verb::NoHighlight => Parsed::Run(Action::SearchFor(String::new())),
        Verb::Open => Parsed::Open(arg.to_string()),
        Verb::Set => Parsed::Set(arg.to_string()),
        Verb::Links => Parsed::Run(Action::Run(Command::Links)),
        Verb::Facets => Parsed::Run(Action::Run(Command::Facets)),
        Verb::Limit => Parsed::Run(Action::SetLimit(arg.to_string())),
        Verb::Version if arg.is_empty() => Parsed::Run(Action::Versions),
        Verb::Version => match arg.parse::<usize>() {
            Ok(n) if n > 0 => Parsed::Run(Action::Version(n)),
            _ => Parsed::Message(format!(
                "Which version? :version 2 (from 1, fullest first; not {arg})"
            )),
        },
        Verb::Diff => diff_pair(arg),
    }
}

/// `:diff`, `:diff 1 3`, `:diff 1,3`: the versions to compare, from 1.
fn diff_pair(arg: &str) -> Parsed {
    if arg.is_empty() {
        return Parsed::Run(Action::Diff(None));
    }
    let numbers: Vec<Option<usize>> = arg
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok().filter(|&n| n > 0))
        .collect();
    match numbers[..] {
        [Some(a), Some(b)] => Parsed::Run(Action::Diff(Some((a, b)))),
        _ => Parsed::Message(format!(
            "Which versions? :diff 1 3 (two numbers from 1, fullest first; not {arg})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_actions() {
        assert_eq!(parse(" :12 "), Parsed::Run(Action::JumpTo(12)));
        assert_eq!(
            parse("99999999999"),
            Parsed::Message("No ¶99999999999".into())
        );
        assert_eq!(
            parse("f U,SBU"),
            Parsed::Run(Action::SetFilter("U,SBU".into()))
        );
        assert_eq!(
            parse("sort class"),
            Parsed::Run(Action::SortBy(SortKey::Class))
        );
        assert_eq!(parse("sort"), Parsed::Run(Action::Run(Command::Sort)));
        assert_eq!(parse("qa"), Parsed::Run(Action::Run(Command::Quit)));
        assert_eq!(parse("e 09USNATO595"), Parsed::Open("09USNATO595".into()));
        assert_eq!(parse(""), Parsed::Nothing);
        assert_eq!(
            parse("limit tag:PREL  -class:U"),
            Parsed::Run(Action::SetLimit("tag:PREL  -class:U".into()))
        );
        assert_eq!(parse("refs"), Parsed::Run(Action::Run(Command::Links)));
        assert_eq!(parse("versions"), Parsed::Run(Action::Versions));
        assert_eq!(parse("version 3"), Parsed::Run(Action::Version(3)));
        assert_eq!(parse("diff"), Parsed::Run(Action::Diff(None)));
        assert_eq!(parse("diff 4, 1"), Parsed::Run(Action::Diff(Some((4, 1)))));
        assert_eq!(parse("diff 2 3"), Parsed::Run(Action::Diff(Some((2, 3)))));
        assert_eq!(
            parse("diff 2"),
            Parsed::Message(
                "Which versions? :diff 1 3 (two numbers from 1, fullest first; not 2)".into()
            )
        );
        assert_eq!(
            parse("version 0"),
            Parsed::Message("Which version? :version 2 (from 1, fullest first; not 0)".into())
        );
        assert_eq!(
            parse("frobnicate"),
            Parsed::Message(
                "Unknown command :frobnicate (try :12, :filter SBU, :open ID, :search PATTERN, :limit tag:PREL, :facets, :refs, :versions, :version 2, :diff, :sort -date, :set theme=light, :q)"
                    .into()
            )
        );
    }

    #[test]
    fn help_lists_each_example_once() {
        let rows = help_rows();
        assert_eq!(rows[0], (":12".to_string(), "jump to paragraph 12"));
        assert_eq!(rows.len(), 22);
        assert!(rows.iter().all(|(t, _)| {
            let name = t[1..].split(' ').next().unwrap();
            name == "12" || name == "50%" || COMMANDS.iter().any(|c| c.names[0] == name)
        }));
    }
}
