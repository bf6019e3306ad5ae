//! Everything the reader shows, in one place. Only [`super::update`] changes it.

use std::collections::HashMap;

use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::cable::{Cable, LoadReport, Marking, Paragraph};
use crate::config::Config;
use crate::memory::{Memory, cable_key};
use crate::sanitize::clean_line;
use crate::ui::reader::{Doc, DocOptions, ItemKind, Src};
use crate::ui::theme::Theme;
use crate::ui::{self, Areas};

use super::action::PromptKind;
use super::keymap::{Context, KeyChord, Keymap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    Filter,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Filter];

    pub fn context(self) -> Context {
        match self {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
            Pane::Filter => Context::Filter,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "list",
            Pane::Reader => "paragraphs",
            Pane::Filter => "filter",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Errors {
        scroll: usize,
    },
    /// The bookmark list; its selection is in [`State::bookmarks`].
    Bookmarks,
}

/// An open prompt; it gets every key until Enter or Esc.
#[derive(Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub textarea: TextArea<'static>,
    /// While Up and Down walk the history: the entry shown.
    pub history_at: Option<usize>,
    /// What was typed before walking the history, brought back by Down past the newest entry.
    pub draft: String,
}

impl Prompt {
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        let mut p = Prompt {
            kind,
            textarea: TextArea::default(),
            history_at: None,
            draft: String::new(),
        };
        p.set_text(text);
        p
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join(" ")
    }

    /// Replaces what is typed, with the cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        let mut textarea = TextArea::new(vec![text.to_string()]);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_cursor_line_style(ratatui::style::Style::new());
        self.textarea = textarea;
    }
}

/// Settings the reader consults as it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub mouse: bool,
    pub wheel_lines: u16,
    pub remember_position: bool,
    pub history_size: usize,
}

/// The bookmark list while it is open: the bookmarks are `State::memory.bookmarks`, in order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BookmarkView {
    pub selected: usize,
    pub offset: usize,
    /// For each bookmark, the loaded cable it points at.
    pub cables: Vec<Option<usize>>,
}

/// One entry of the marking filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FilterKey {
    Marked(Marking),
    Unmarked,
}

impl FilterKey {
    pub fn label(&self) -> String {
        match self {
            FilterKey::Marked(m) => m.to_string(),
            FilterKey::Unmarked => "unmarked".to_string(),
        }
    }
}

/// The markings present in what is loaded, and how many paragraphs each cable has of each,
/// so a filter change costs one pass over small per-cable tables, not over every paragraph.
#[derive(Debug, Default)]
pub struct MarkingIndex {
    pub keys: Vec<FilterKey>,
    /// Paragraphs carrying each key, over everything loaded.
    pub totals: Vec<usize>,
    /// Per cable: (key, paragraphs with that key).
    pub per_cable: Vec<Box<[(u16, u32)]>>,
    lookup: HashMap<Option<Marking>, u16>,
}

impl MarkingIndex {
    pub fn build(cables: &[Cable]) -> MarkingIndex {
        let mut seen: HashMap<Option<Marking>, usize> = HashMap::new();
        for c in cables {
            for p in &c.paragraphs {
                *seen.entry(p.marking.clone()).or_default() += 1;
            }
        }
        let mut keys: Vec<FilterKey> = seen
            .keys()
            .map(|m| match m {
                Some(m) => FilterKey::Marked(m.clone()),
                None => FilterKey::Unmarked,
            })
            .collect();
        keys.sort();
        let lookup: HashMap<Option<Marking>, u16> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let m = match k {
                    FilterKey::Marked(m) => Some(m.clone()),
                    FilterKey::Unmarked => None,
                };
                (m, i as u16)
            })
            .collect();
        let totals = keys
            .iter()
            .map(|k| {
                let m = match k {
                    FilterKey::Marked(m) => Some(m.clone()),
                    FilterKey::Unmarked => None,
                };
                seen.get(&m).copied().unwrap_or(0)
            })
            .collect();
        let per_cable = cables
            .iter()
            .map(|c| {
                let mut counts: Vec<(u16, u32)> = Vec::new();
                for p in &c.paragraphs {
                    let k = lookup.get(&p.marking).copied().unwrap_or(0);
                    match counts.iter_mut().find(|(key, _)| *key == k) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((k, 1)),
                    }
                }
                counts.into_boxed_slice()
            })
            .collect();
        MarkingIndex {
            keys,
            totals,
            per_cable,
            lookup,
        }
    }

    pub fn key_of(&self, p: &Paragraph) -> Option<u16> {
        self.lookup.get(&p.marking).copied()
    }

    /// Finds the entry a user typed (`sbu`, `S//NF`, `s/nf`, `unmarked`).
    pub fn find(&self, name: &str) -> Option<u16> {
        let want = normalize_marking_name(name);
        self.keys
            .iter()
            .position(|k| normalize_marking_name(&k.label()) == want)
            .map(|i| i as u16)
    }

    /// Entries whose level is written `name` (`S` finds `S`, `S//NF`, `S//REL NATO`).
    pub fn find_level(&self, name: &str) -> Vec<u16> {
        let want = normalize_marking_name(name);
        self.keys
            .iter()
            .enumerate()
            .filter(|(_, k)| match k {
                FilterKey::Marked(m) => {
                    normalize_marking_name(
                        &Marking {
                            level: m.level,
                            caveats: Vec::new(),
                        }
                        .to_string(),
                    ) == want
                }
                FilterKey::Unmarked => false,
            })
            .map(|(i, _)| i as u16)
            .collect()
    }
}

fn normalize_marking_name(s: &str) -> String {
    s.split(['/', '-'])
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("//")
        .to_uppercase()
        .replace("NOFORN", "NF")
}

/// The marking filter: which entries are on. None on means no filter.
#[derive(Debug, Default)]
pub struct FilterView {
    pub enabled: Vec<bool>,
    pub cursor: usize,
    pub offset: usize,
    /// Bumped on every change so cached layouts know they are stale.
    pub generation: u64,
}

impl FilterView {
    pub fn active(&self) -> bool {
        self.enabled.iter().any(|e| *e)
    }
}

/// The document list: which cables it shows (all, or those the filter leaves something of).
#[derive(Debug, Default)]
pub struct ListView {
    pub rows: Vec<u32>,
    pub selected: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub src: Src,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The cable the matches belong to.
    pub cable: Option<usize>,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocKey {
    pub cable: usize,
    pub width: u16,
    pub filter: u64,
    pub opts: DocOptions,
}

#[derive(Debug)]
pub struct Reader {
    pub open: Option<usize>,
    pub doc: Doc,
    pub doc_key: Option<DocKey>,
    /// First line on screen.
    pub top: usize,
    pub header_folded: bool,
    pub show_raw: bool,
    pub jumps: Vec<Mark>,
    pub search: Option<Search>,
    /// The highest paragraph number of the open cable (the M in ¶N/M).
    pub last_number: Option<u32>,
}

pub struct State {
    pub cables: Vec<Cable>,
    pub errors: Vec<(String, String)>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub settings: Settings,
    /// What is remembered between runs; the event loop saves it when `memory_generation` moves.
    pub memory: Memory,
    pub memory_generation: u64,
    /// The corpus as the memory knows it (see [`crate::memory::corpus_key`]).
    pub corpus_key: String,
    pub bookmarks: BookmarkView,
    /// Text to put on the clipboard: the event loop sends it to the terminal (OSC 52).
    pub clipboard: Option<String>,
    pub size: (u16, u16),
    pub focus: Pane,
    pub show_list: bool,
    pub overlay: Option<Overlay>,
    pub prompt: Option<Prompt>,
    pub pending_keys: Vec<KeyChord>,
    pub message: Option<String>,
    pub should_quit: bool,
    pub suspend_requested: bool,
    pub markings: MarkingIndex,
    pub filter: FilterView,
    pub list: ListView,
    pub reader: Reader,
}

impl State {
    /// A reader on what was loaded, the first cable open, sized `width` x `height`, with the
    /// default settings and `keymap`, remembering nothing from earlier runs.
    pub fn new(report: LoadReport, keymap: Keymap, width: u16, height: u16) -> State {
        let config = Config {
            keymap,
            ..Config::default()
        };
        State::with_config(
            report,
            &config,
            Memory::default(),
            "samples".into(),
            width,
            height,
        )
    }

    /// A reader with these settings and memory: the cable last open in this corpus (else the
    /// first) is open at the paragraph last read.
    pub fn with_config(
        report: LoadReport,
        config: &Config,
        memory: Memory,
        corpus_key: String,
        width: u16,
        height: u16,
    ) -> State {
        let markings = MarkingIndex::build(&report.cables);
        let n = report.cables.len();
        // Paths and reasons may hold any bytes a file name can; show them, never obey them.
        let errors = report
            .errors
            .into_iter()
            .map(|(p, r)| (clean_line(&p).into_owned(), clean_line(&r).into_owned()))
            .collect();
        let mut state = State {
            errors,
            keymap: config.keymap.clone(),
            theme: config.theme.clone(),
            settings: Settings {
                mouse: config.mouse,
                wheel_lines: config.wheel_lines.max(1),
                remember_position: config.remember_position,
                history_size: config.history_size,
            },
            memory,
            memory_generation: 0,
            corpus_key,
            bookmarks: BookmarkView::default(),
            clipboard: None,
            size: (width, height),
            focus: Pane::Reader,
            show_list: config.show_list,
            overlay: None,
            prompt: None,
            pending_keys: Vec::new(),
            message: None,
            should_quit: false,
            suspend_requested: false,
            filter: FilterView {
                enabled: vec![false; markings.keys.len()],
                ..FilterView::default()
            },
            markings,
            list: ListView {
                rows: (0..n as u32).collect(),
                ..ListView::default()
            },
            reader: Reader {
                open: None,
                doc: Doc::default(),
                doc_key: None,
                top: 0,
                header_folded: config.fold_header,
                show_raw: false,
                jumps: Vec::new(),
                search: None,
                last_number: None,
            },
            cables: report.cables,
        };
        let mut notes = Vec::new();
        if !config.filter.trim().is_empty()
            && let Err(e) = super::update::apply_filter_text(&mut state, &config.filter)
        {
            notes.push(format!("Filter from the settings: {e}"));
        }
        if n > 0 {
            let last = state
                .settings
                .remember_position
                .then(|| state.memory.corpora.get(&state.corpus_key).cloned())
                .flatten()
                .and_then(|key| state.find_cable(&key));
            // The remembered cable, else the first one the filter leaves.
            let first = state.list.rows.first().map(|&r| r as usize).unwrap_or(0);
            state.open(last.unwrap_or(first));
        }
        if !state.errors.is_empty() {
            let n = state.errors.len();
            notes.push(format!(
                "{n} input{} failed to load: E lists them",
                if n == 1 { "" } else { "s" }
            ));
        }
        if !notes.is_empty() {
            state.message = Some(notes.join("; "));
        }
        state
    }

    /// The index of the loaded cable with this memory key.
    pub fn find_cable(&self, key: &str) -> Option<usize> {
        self.cables.iter().position(|c| cable_key(c) == key)
    }

    /// Adds a warning to the status line's message.
    pub fn warn(&mut self, warning: String) {
        self.message = Some(match self.message.take() {
            Some(m) => format!("{warning}; {m}"),
            None => warning,
        });
    }

    /// The paragraph number the reader is at, as remembered: the paragraph holding the top line
    /// of the view; `None` at the header.
    pub fn remembered_paragraph(&self) -> Option<u32> {
        let cable = self.open_cable()?;
        match self.anchor() {
            Anchor::Para { index, .. } => cable.paragraphs.get(index).map(|p| p.number),
            Anchor::Closing(_) => cable.paragraphs.last().map(|p| p.number),
            Anchor::Header(_) => None,
        }
    }

    /// Brings the memory up to date with where the reader is: the open cable's paragraph and
    /// the corpus's open cable.
    pub fn sync_memory(&mut self) {
        if !self.settings.remember_position {
            return;
        }
        let Some(cable) = self.open_cable() else {
            return;
        };
        let key = cable_key(cable);
        let para = self.remembered_paragraph();
        let mut changed = match para {
            Some(n) => self.memory.positions.get(&key) != Some(&n),
            None => self.memory.positions.contains_key(&key),
        };
        if changed {
            match para {
                Some(n) => self.memory.positions.insert(key.clone(), n),
                None => self.memory.positions.remove(&key),
            };
        }
        if self.memory.corpora.get(&self.corpus_key) != Some(&key) {
            self.memory.corpora.insert(self.corpus_key.clone(), key);
            changed = true;
        }
        if changed {
            self.memory_generation += 1;
        }
    }

    /// Scrolls the open cable to where it was left, if remembered.
    fn restore_position(&mut self) {
        if !self.settings.remember_position {
            return;
        }
        let Some(cable) = self.open_cable() else {
            return;
        };
        let Some(&n) = self.memory.positions.get(&cable_key(cable)) else {
            return;
        };
        if let Some(index) = cable.paragraphs.iter().position(|p| p.number == n) {
            self.go_to_anchor(Anchor::Para { index, offset: 0 });
        }
    }

    pub fn open_cable(&self) -> Option<&Cable> {
        self.cables.get(self.reader.open?)
    }

    pub fn screen(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    pub fn areas(&self) -> Option<Areas> {
        ui::areas(self, self.screen())
    }

    /// Rows of text the paragraph view shows.
    pub fn reader_height(&self) -> usize {
        ui::reader_area(self, self.screen())
            .map(|r| usize::from(ui::reader_text_area(r).height))
            .unwrap_or(1)
            .max(1)
    }

    /// Rows the list shows (below its column heads).
    pub fn list_height(&self) -> usize {
        let area = self
            .areas()
            .and_then(|a| a.list.or(a.reader).or(a.filter))
            .map(ui::pane_inner)
            .map(|r| r.height.saturating_sub(1))
            .unwrap_or(1);
        usize::from(area).max(1)
    }

    pub fn filter_height(&self) -> usize {
        let area = self
            .areas()
            .and_then(|a| a.filter.or(a.reader).or(a.list))
            .map(ui::pane_inner)
            .map(|r| r.height.saturating_sub(1))
            .unwrap_or(1);
        usize::from(area).max(1)
    }

    /// Whether paragraph `p` of the open cable passes the filter.
    pub fn passes(&self, p: &Paragraph) -> bool {
        if !self.filter.active() {
            return true;
        }
        self.markings
            .key_of(p)
            .and_then(|k| self.filter.enabled.get(usize::from(k)).copied())
            .unwrap_or(false)
    }

    /// Paragraphs of cable `i` that pass the filter.
    pub fn matching_paragraphs(&self, i: usize) -> u32 {
        let Some(counts) = self.markings.per_cable.get(i) else {
            return 0;
        };
        if !self.filter.active() {
            return counts.iter().map(|(_, n)| n).sum();
        }
        counts
            .iter()
            .filter(|(k, _)| self.filter.enabled.get(usize::from(*k)) == Some(&true))
            .map(|(_, n)| n)
            .sum()
    }

    /// The filter as text: `SBU,U`, or `None` when off.
    pub fn filter_label(&self) -> Option<String> {
        if !self.filter.active() {
            return None;
        }
        Some(
            self.markings
                .keys
                .iter()
                .zip(&self.filter.enabled)
                .filter(|(_, on)| **on)
                .map(|(k, _)| k.label())
                .collect::<Vec<_>>()
                .join(","),
        )
    }

    /// The paragraph at the top of the view (index into the open cable's paragraphs).
    pub fn current_paragraph(&self) -> Option<usize> {
        self.reader
            .doc
            .current_paragraph(self.reader.top, self.reader_height())
    }

    /// `¶N/M`: N the number of the paragraph at the top, M the cable's last paragraph number.
    pub fn paragraph_position(&self) -> Option<String> {
        let cable = self.open_cable()?;
        let last = self.reader.last_number?;
        let current = self
            .current_paragraph()
            .and_then(|i| cable.paragraphs.get(i))
            .map(|p| p.number.to_string())
            .unwrap_or_else(|| "-".to_string());
        Some(format!("¶{current}/{last}"))
    }

    pub fn max_top(&self) -> usize {
        self.reader.doc.max_top(self.reader_height())
    }

    /// How far scrolling (as opposed to jumping) goes: until the end fills the screen, or no
    /// further than a jump already went.
    pub fn scroll_limit(&self) -> usize {
        let fill = self
            .reader
            .doc
            .total_lines()
            .saturating_sub(self.reader_height());
        fill.max(self.reader.top).min(self.max_top())
    }

    /// Opens cable `i` where it was left (when remembered), else at its top.
    pub fn open(&mut self, i: usize) {
        if i >= self.cables.len() {
            return;
        }
        self.reader.open = Some(i);
        self.reader.top = 0;
        self.reader.last_number = self.cables[i].paragraphs.iter().map(|p| p.number).max();
        self.relayout();
        if let Some(pos) = self.list.rows.iter().position(|&r| r as usize == i) {
            self.list.selected = pos;
        }
        self.restore_position();
        self.rerun_search();
    }

    /// The anchor for the line at the top of the view.
    pub fn anchor(&self) -> Anchor {
        anchor_of(&self.reader.doc, self.reader.top)
    }

    /// Lays the open cable out again if the width, filter or folding changed, keeping the
    /// paragraph at the top of the view in place.
    pub fn relayout(&mut self) {
        let Some(open) = self.reader.open else {
            self.reader.doc = Doc::default();
            self.reader.doc_key = None;
            return;
        };
        let width = ui::reader_area(self, self.screen())
            .map(|r| ui::reader_text_area(r).width)
            .unwrap_or(1)
            .max(1);
        let key = DocKey {
            cable: open,
            width,
            filter: self.filter.generation,
            opts: DocOptions {
                header_folded: self.reader.header_folded,
                show_raw: self.reader.show_raw,
            },
        };
        if self.reader.doc_key == Some(key) {
            return;
        }
        let anchor = match self.reader.doc_key {
            Some(old) if old.cable == open => Some(self.anchor()),
            _ => None,
        };
        let cable = &self.cables[open];
        let shown = |i: usize| self.passes(&cable.paragraphs[i]);
        let doc = Doc::build(cable, width, key.opts, &shown, &self.theme);
        self.reader.doc = doc;
        self.reader.doc_key = Some(key);
        if let Some(a) = anchor {
            self.reader.top = line_of_anchor(&self.reader.doc, a);
        }
        self.reader.top = self.reader.top.min(self.max_top());
    }

    /// Scrolls to an anchor.
    pub fn go_to_anchor(&mut self, a: Anchor) {
        self.reader.top = line_of_anchor(&self.reader.doc, a).min(self.max_top());
    }

    /// Recomputes the rows of the list after a filter change, keeping the selection on the
    /// same cable where it is still listed.
    pub fn refilter_list(&mut self) {
        let selected = self.list.rows.get(self.list.selected).copied();
        if self.filter.active() {
            self.list.rows = (0..self.cables.len())
                .filter(|&i| self.matching_paragraphs(i) > 0)
                .map(|i| i as u32)
                .collect();
        } else {
            self.list.rows = (0..self.cables.len() as u32).collect();
        }
        self.list.selected = match selected {
            Some(s) => match self.list.rows.binary_search(&s) {
                Ok(p) => p,
                Err(p) => p.min(self.list.rows.len().saturating_sub(1)),
            },
            None => 0,
        };
        self.list.offset = self.list.offset.min(self.list.selected);
    }

    /// Finds the search query in the open cable again (after opening another cable).
    pub fn rerun_search(&mut self) {
        let Some(query) = self.reader.search.as_ref().map(|s| s.query.clone()) else {
            return;
        };
        let matches = match self.open_cable() {
            Some(c) => find_matches(c, &query),
            None => Vec::new(),
        };
        self.reader.search = Some(Search {
            query,
            cable: self.reader.open,
            matches,
            current: None,
        });
    }

    /// Where each visible search match is, in document order: (match index, line).
    pub fn visible_matches(&self) -> Vec<(usize, usize)> {
        let Some(s) = &self.reader.search else {
            return Vec::new();
        };
        if s.cable != self.reader.open {
            return Vec::new();
        }
        let doc = &self.reader.doc;
        let mut v: Vec<(usize, usize)> = s
            .matches
            .iter()
            .enumerate()
            .filter_map(|(k, m)| doc.line_of(m.src, m.start).map(|l| (k, l)))
            .collect();
        v.sort_by_key(|&(k, l)| (l, k));
        v
    }
}

fn anchor_of(doc: &Doc, top: usize) -> Anchor {
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

fn line_of_anchor(doc: &Doc, a: Anchor) -> usize {
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

/// Every place `query` occurs in the cable's text, ignoring case; line breaks count as spaces.
pub fn find_matches(cable: &Cable, query: &str) -> Vec<Match> {
    let needle: Vec<char> = fold(query.trim()).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut srcs = vec![Src::Header, Src::Preamble];
    srcs.extend((0..cable.paragraphs.len() as u32).map(Src::Para));
    srcs.push(Src::Closing);
    for src in srcs {
        let text = src.text(cable);
        let hay: Vec<(usize, char)> = text
            .char_indices()
            .map(|(i, c)| (i, fold_char(c)))
            .collect();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i..i + needle.len()]
                .iter()
                .zip(&needle)
                .all(|((_, a), b)| a == b)
            {
                let start = hay[i].0;
                let end = hay
                    .get(i + needle.len())
                    .map(|(p, _)| *p)
                    .unwrap_or(text.len());
                out.push(Match { src, start, end });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
    out
}

fn fold_char(c: char) -> char {
    if c.is_whitespace() {
        ' '
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(fold_char)
}
