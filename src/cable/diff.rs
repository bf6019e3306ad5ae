//! What differs between two versions of a cable, paragraph by paragraph, words removed and
//! added as `git diff --word-diff` finds them. Knows nothing of how they are shown: the
//! `diff` command prints them, the reader draws them.

use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};

use super::Cable;

/// What a run of words is in a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equal,
    Removed,
    Added,
}

impl Op {
    /// The name JSON gives it: `equal`, `delete`, `insert`.
    pub fn name(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Removed => "delete",
            Op::Added => "insert",
        }
    }
}

/// One part of a cable compared on its own: the subject, a paragraph, the text of a cable
/// without numbered paragraphs, the closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `subject`, `¶12`, `text`, `closing`.
    pub place: String,
    /// The words, one space between them: the teletype's line breaks are layout, not text.
    pub text: String,
}

/// The sections of a cable, in order; empty ones left out.
pub fn sections(c: &Cable) -> Vec<Section> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![Section {
        place: "subject".into(),
        text: words(&c.subject),
    }];
    if c.paragraphs.is_empty() {
        out.push(Section {
            place: "text".into(),
            text: words(&c.preamble),
        });
    }
    for (i, p) in c.paragraphs.iter().enumerate() {
        let marking = super::citation::marking_label(c, i)
            .map(|m| format!("{m} "))
            .unwrap_or_default();
        out.push(Section {
            place: p
                .number
                .map_or_else(|| "text".to_string(), |n| format!("¶{n}")),
            text: format!("{marking}{}", words(&p.text)),
        });
    }
    out.push(Section {
        place: "closing".into(),
        text: words(&c.closing),
    });
    out.retain(|s| !s.text.is_empty());
    out
}

/// What happened to one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Removed(Section),
    Added(Section),
    /// The same place in both, other words: runs of equal, removed and added text.
    Changed {
        place: String,
        runs: Vec<(Op, String)>,
    },
}

/// The sections that differ between `a` and `b`, in order; empty when the texts are the same.
pub fn compare(a: &[Section], b: &[Section]) -> Vec<Change> {
    let ka: Vec<&str> = a.iter().map(|s| s.place.as_str()).collect();
    let kb: Vec<&str> = b.iter().map(|s| s.place.as_str()).collect();
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    let (x, y) = (&a[old_index + k], &b[new_index + k]);
                    if x.text != y.text {
                        out.push(Change::Changed {
                            place: x.place.clone(),
                            runs: word_runs(&x.text, &y.text),
                        });
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(
                a[old_index..old_index + old_len]
                    .iter()
                    .cloned()
                    .map(Change::Removed),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(
                b[new_index..new_index + new_len]
                    .iter()
                    .cloned()
                    .map(Change::Added),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.extend(
                    a[old_index..old_index + old_len]
                        .iter()
                        .cloned()
                        .map(Change::Removed),
                );
                out.extend(
                    b[new_index..new_index + new_len]
                        .iter()
                        .cloned()
                        .map(Change::Added),
                );
            }
        }
    }
    out
}

/// The word diff of two texts as runs of one tag each: changes separated only by spaces make
/// one removal and one addition (`[-a c-]{+b d+}`, not `[-a-]{+b+} [-c-]{+d+}`).
pub fn word_runs(a: &str, b: &str) -> Vec<(Op, String)> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(a, b);
    let mut runs: Vec<(Op, String)> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    // Spaces after the last changed word, and those each side has still to take.
    let (mut gap, mut gap_del, mut gap_ins) = (String::new(), String::new(), String::new());
    let flush = |runs: &mut Vec<(Op, String)>, del: &mut String, ins: &mut String| {
        for (tag, text) in [(Op::Removed, del), (Op::Added, ins)] {
            if !text.is_empty() {
                runs.push((tag, std::mem::take(text)));
            }
        }
    };
    let push = |runs: &mut Vec<(Op, String)>, tag: Op, text: &str| match runs.last_mut() {
        Some((t, s)) if *t == tag => s.push_str(text),
        _ => runs.push((tag, text.to_string())),
    };
    for change in diff.iter_all_changes() {
        let text = change.value();
        let in_change = !del.is_empty() || !ins.is_empty();
        match change.tag() {
            ChangeTag::Equal if in_change && text.trim().is_empty() => gap.push_str(text),
            ChangeTag::Equal => {
                flush(&mut runs, &mut del, &mut ins);
                push(&mut runs, Op::Equal, &std::mem::take(&mut gap));
                push(&mut runs, Op::Equal, text);
                gap_del.clear();
                gap_ins.clear();
            }
            tag => {
                gap_del.push_str(&gap);
                gap_ins.push_str(&gap);
                gap.clear();
                let (side, pending) = if tag == ChangeTag::Delete {
                    (&mut del, &mut gap_del)
                } else {
                    (&mut ins, &mut gap_ins)
                };
                if !side.is_empty() {
                    side.push_str(pending);
                }
                pending.clear();
                side.push_str(text);
            }
        }
    }
    flush(&mut runs, &mut del, &mut ins);
    push(&mut runs, Op::Equal, &gap);
    runs.retain(|(_, t)| !t.is_empty());
    runs
}

/// Version `a` (a position in `group`, the versions fullest first) against the first other
/// version whose text differs from it, fullest first; when every other has the same text, the
/// first other with no changes. `None` when there is no other version. `sections_of` gives the
/// sections of a cable index.
pub fn against_next<E>(
    group: &[u32],
    a: usize,
    mut sections_of: impl FnMut(usize) -> Result<Vec<Section>, E>,
) -> Result<Option<(usize, Vec<Change>)>, E> {
    let Some(&first) = group.get(a) else {
        return Ok(None);
    };
    let first = sections_of(first as usize)?;
    let mut same = None;
    for (k, &i) in group.iter().enumerate().filter(|&(k, _)| k != a) {
        let changes = compare(&first, &sections_of(i as usize)?);
        if !changes.is_empty() {
            return Ok(Some((k, changes)));
        }
        same.get_or_insert(k);
    }
    Ok(same.map(|k| (k, Vec::new())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_and_the_names_it_hid() {
        assert_eq!(
            word_runs("met XXXXXXXXXXXX on Monday", "met Ahmed Khan on Monday"),
            [
                (Op::Equal, "met ".to_string()),
                (Op::Removed, "XXXXXXXXXXXX".to_string()),
                (Op::Added, "Ahmed Khan".to_string()),
                (Op::Equal, " on Monday".to_string()),
            ]
        );
        // Changes apart from each other only by spaces make one of each.
        assert_eq!(
            word_runs("x y z", "1 2 3"),
            [(Op::Removed, "x y z".into()), (Op::Added, "1 2 3".into())]
        );
    }

    #[test]
    fn sections_align_by_place() {
        let s = |place: &str, text: &str| Section {
            place: place.into(),
            text: text.into(),
        };
        let a = [s("subject", "S"), s("¶1", "one"), s("¶2", "two")];
        let b = [s("subject", "S"), s("¶2", "two!"), s("¶3", "three")];
        assert_eq!(
            compare(&a, &b),
            [
                Change::Removed(s("¶1", "one")),
                Change::Changed {
                    place: "¶2".into(),
                    // Words are what lies between spaces, as for `git diff --word-diff`.
                    runs: vec![(Op::Removed, "two".into()), (Op::Added, "two!".into())]
                },
                Change::Added(s("¶3", "three")),
            ]
        );
        assert!(compare(&a, &a).is_empty());
    }

    #[test]
    fn the_next_version_is_the_first_that_differs() {
        let s = |text: &str| {
            vec![Section {
                place: "¶1".into(),
                text: text.into(),
            }]
        };
        let texts = ["full text", "full text", "full XXXX"];
        let of = |i: usize| Ok::<_, ()>(s(texts[i]));
        let (b, changes) = against_next(&[0, 1, 2], 0, of).unwrap().unwrap();
        assert_eq!((b, changes.len()), (2, 1));
        // From the last, the fullest differs first.
        assert_eq!(against_next(&[0, 1, 2], 2, of).unwrap().unwrap().0, 0);
        // All the same: the first other, no changes.
        assert_eq!(against_next(&[0, 1], 1, of), Ok(Some((0, Vec::new()))));
        assert_eq!(against_next(&[0], 0, of), Ok(None));
    }
}
