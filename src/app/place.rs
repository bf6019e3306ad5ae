//! Places in a cable that survive re-wrapping and filter changes: an [`Anchor`] in the open
//! cable, a [`Mark`] in the corpus, and how a laid-out document's lines map to anchors and back.

use super::doc::{Doc, ItemKind};

/// A place in a cable that survives re-wrapping and filter changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Line `offset` of the header block (0 is the very top).
    Header(usize),
    /// Line `offset` of paragraph index `index`.
    Para { index: usize, offset: usize },
    /// Line `offset` of the text after the paragraphs.
    Closing(usize),
}

/// Where the reader was: for going back after a jump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub cable: usize,
    pub anchor: Anchor,
}

pub fn anchor_of(doc: &Doc, top: usize) -> Anchor {
    let Some(i) = doc.item_at(top) else {
        return Anchor::Header(0);
    };
    let it = doc.items[i];
    let offset = top.saturating_sub(it.first_line);
    match it.kind {
        ItemKind::Header | ItemKind::Raw => Anchor::Header(top),
        ItemKind::Para(index) => Anchor::Para { index, offset },
        ItemKind::Hidden { first, .. } => Anchor::Para {
            index: first,
            offset: 0,
        },
        ItemKind::Closing => Anchor::Closing(offset),
        ItemKind::Gap => {
            // A blank line belongs with what follows it.
            match doc.items.get(i + 1).map(|n| n.kind) {
                Some(ItemKind::Para(index)) | Some(ItemKind::Hidden { first: index, .. }) => {
                    Anchor::Para { index, offset: 0 }
                }
                Some(ItemKind::Closing) => Anchor::Closing(0),
                _ => Anchor::Header(top),
            }
        }
    }
}

pub fn line_of_anchor(doc: &Doc, a: Anchor) -> usize {
    match a {
        Anchor::Header(line) => {
            // Stay within the header block.
            let end = doc
                .items
                .iter()
                .find(|it| !matches!(it.kind, ItemKind::Header | ItemKind::Raw | ItemKind::Gap))
                .map(|it| it.first_line)
                .unwrap_or(doc.lines.len());
            line.min(end.saturating_sub(1))
        }
        Anchor::Para { index, offset } => {
            if let Some(item) = doc.para_item.get(index).copied().flatten() {
                let it = doc.items[item];
                return it.first_line + offset.min(it.len.saturating_sub(1));
            }
            // Hidden now: the run that holds it.
            doc.items
                .iter()
                .find(|it| match it.kind {
                    ItemKind::Hidden { first, last } => first <= index && index <= last,
                    _ => false,
                })
                .map(|it| it.first_line)
                .unwrap_or(0)
        }
        Anchor::Closing(offset) => doc
            .items
            .iter()
            .find(|it| it.kind == ItemKind::Closing)
            .map(|it| it.first_line + offset.min(it.len.saturating_sub(1)))
            .unwrap_or(doc.lines.len().saturating_sub(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::doc::DocOptions;
    use crate::config::theme::{Theme, ThemeName};

    #[test]
    fn anchors_survive_a_new_width_and_a_filter() {
        let report = crate::samples::load_samples();
        let cable = &report.cables[0];
        let theme = Theme::builtin(ThemeName::Mono);
        let opts = DocOptions {
            header_folded: false,
            show_raw: false,
        };
        let wide = Doc::build(cable, 100, opts, &|_| true, &theme);
        let top = wide.paragraph_line(11).unwrap() + 1;
        let a = anchor_of(&wide, top);
        assert_eq!(
            a,
            Anchor::Para {
                index: 11,
                offset: 1
            }
        );
        let narrow = Doc::build(cable, 40, opts, &|_| true, &theme);
        assert_eq!(
            line_of_anchor(&narrow, a),
            narrow.paragraph_line(11).unwrap() + 1
        );
        // Hidden by a filter: the run of hidden paragraphs that holds it.
        let filtered = Doc::build(cable, 100, opts, &|i| i != 11, &theme);
        let at = line_of_anchor(&filtered, a);
        assert_eq!(
            anchor_of(&filtered, at),
            Anchor::Para {
                index: 11,
                offset: 0
            }
        );
        assert_eq!(anchor_of(&wide, 0), Anchor::Header(0));
    }
}
