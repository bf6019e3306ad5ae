//! Everything the reader shows, in one place. Only [`super::update`] changes it.

use std::cmp::Ordering;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::cable::index::{FileInfo, MarkingId};
use crate::cable::search::Hit;
use crate::cable::{
    Cable, CableSummary, Corpus, IndexEvent, LoadOptions, LoadReport, Location, Marking,
    MarkingTable, Paragraph,
};
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
    /// The hits of the corpus search; its selection is in [`State::results`].
    Results,
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

/// The markings present in the corpus and how many paragraphs carry each, added up from the
/// index's per-cable counts as cables arrive, so a filter change costs one pass over small
/// per-cable tables, not over every paragraph.
#[derive(Debug, Default)]
pub struct MarkingIndex {
    pub keys: Vec<FilterKey>,
    /// Paragraphs carrying each key, over everything loaded.
    pub totals: Vec<usize>,
    /// Per marking number of the corpus's table: its entry in `keys`.
    key_of_id: Vec<Option<u16>>,
    unmarked_key: Option<u16>,
    id_totals: Vec<usize>,
    unmarked_total: usize,
}

impl MarkingIndex {
    /// Counts the markings of newly indexed cables; true when the entries changed.
    pub fn add(&mut self, table: &MarkingTable, cables: &[CableSummary]) -> bool {
        if self.id_totals.len() < table.len() {
            self.id_totals.resize(table.len(), 0);
        }
        for c in cables {
            for &(m, n) in c.markings.iter() {
                if let Some(t) = self.id_totals.get_mut(m as usize) {
                    *t += n as usize;
                }
            }
            self.unmarked_total += c.unmarked as usize;
        }
        let present = self.id_totals.iter().filter(|&&n| n > 0).count()
            + usize::from(self.unmarked_total > 0);
        let changed = present != self.keys.len();
        if changed {
            let mut keys: Vec<(FilterKey, Option<MarkingId>)> = self
                .id_totals
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .filter_map(|(id, _)| {
                    let id = id as MarkingId;
                    table
                        .get(id)
                        .map(|m| (FilterKey::Marked(m.clone()), Some(id)))
                })
                .collect();
            if self.unmarked_total > 0 {
                keys.push((FilterKey::Unmarked, None));
            }
            keys.sort();
            self.key_of_id = vec![None; self.id_totals.len()];
            self.unmarked_key = None;
            for (k, (_, id)) in keys.iter().enumerate() {
                match id {
                    Some(id) => self.key_of_id[*id as usize] = Some(k as u16),
                    None => self.unmarked_key = Some(k as u16),
                }
            }
            self.keys = keys.into_iter().map(|(k, _)| k).collect();
        }
        let mut totals = vec![0; self.keys.len()];
        for (id, k) in self.key_of_id.iter().enumerate() {
            if let Some(k) = k {
                totals[usize::from(*k)] = self.id_totals[id];
            }
        }
        if let Some(k) = self.unmarked_key {
            totals[usize::from(k)] = self.unmarked_total;
        }
        self.totals = totals;
        changed
    }

    /// The entry of a paragraph's marking.
    pub fn key_of(&self, table: &MarkingTable, p: &Paragraph) -> Option<u16> {
        match &p.marking {
            None => self.unmarked_key,
            Some(m) => table
                .id_of(m)
                .and_then(|id| self.key_of_id.get(id as usize).copied().flatten()),
        }
    }

    /// The entry of a marking number.
    pub fn key_of_id(&self, id: MarkingId) -> Option<u16> {
        self.key_of_id.get(id as usize).copied().flatten()
    }

    pub fn unmarked_key(&self) -> Option<u16> {
        self.unmarked_key
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

/// The order of the document list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As the files hold them.
    #[default]
    Source,
    Date,
    Id,
    Origin,
    Class,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Source,
        SortKey::Date,
        SortKey::Id,
        SortKey::Origin,
        SortKey::Class,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Source => "source",
            SortKey::Date => "date",
            SortKey::Id => "id",
            SortKey::Origin => "origin",
            SortKey::Class => "class",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        let s = s.trim().to_ascii_lowercase();
        let s = match s.as_str() {
            "classification" | "level" => "class",
            "file" | "files" | "none" => "source",
            other => other,
        };
        SortKey::ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn next(self) -> SortKey {
        let at = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(at + 1) % SortKey::ALL.len()]
    }

    /// Compares two cables of the corpus; ties go by source order.
    pub fn compare(self, cables: &[CableSummary], a: u32, b: u32) -> Ordering {
        let (Some(x), Some(y)) = (cables.get(a as usize), cables.get(b as usize)) else {
            return a.cmp(&b);
        };
        let by = match self {
            SortKey::Source => Ordering::Equal,
            SortKey::Date => x.date.cmp(&y.date),
            SortKey::Id => x.id.cmp(&y.id),
            SortKey::Origin => x.origin.cmp(&y.origin),
            SortKey::Class => class_rank(&x.classification)
                .cmp(&class_rank(&y.classification))
                .reverse()
                .then_with(|| x.classification.cmp(&y.classification)),
        };
        by.then(a.cmp(&b))
    }
}

fn class_rank(text: &str) -> u8 {
    crate::cable::Level::of_classification(text).map_or(0, |l| l.rank() + 1)
}

/// The document list: which cables it shows (all, or those the filter leaves something of).
#[derive(Debug, Default)]
pub struct ListView {
    /// Every cable, in the list's order.
    pub order: Vec<u32>,
    pub sort: SortKey,
    /// The cables shown: `order` less those the filter leaves nothing of.
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

/// A search over the whole corpus, its hits arriving as they are found.
#[derive(Debug, Clone, Default)]
pub struct CorpusSearch {
    /// Which search this is: events of an older one are dropped.
    pub generation: u64,
    pub pattern: String,
    pub hits: Vec<Hit>,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub done: bool,
    pub errors: usize,
    pub selected: usize,
    pub offset: usize,
}

/// Where the cables' texts come from.
#[derive(Debug, Default)]
pub enum Texts {
    /// Parsed already (the samples, tests): cable `i` is `cables[i]`.
    Memory(Vec<Arc<Cable>>),
    /// Files, indexed in the background: a cable is parsed when it is opened.
    #[default]
    Files,
}

/// Cables parsed when opened, kept for going back and forth.
pub const OPENED_CACHE: usize = 8;

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
    /// The open cable, parsed.
    pub cable: Option<Arc<Cable>>,
}

pub struct State {
    /// The index: one summary per cable, filled as indexing goes.
    pub corpus: Corpus,
    pub texts: Texts,
    /// The files and folders the corpus was indexed from (empty for cables in memory).
    pub paths: Vec<PathBuf>,
    /// Recently opened cables, most recent first.
    pub opened: Vec<(usize, Arc<Cable>)>,
    /// The cable to open once it is indexed (the one last open in this corpus).
    pub pending_open: Option<String>,
    /// Whether the user opened a cable (then a late remembered one does not take over).
    pub user_opened: bool,
    /// A filter from the settings waiting for its markings to be indexed.
    pub pending_filter: Option<String>,
    pub results: Option<CorpusSearch>,
    /// A corpus search for the event loop to start: (generation, pattern).
    pub search_request: Option<(u64, String)>,
    pub search_generation: u64,
    /// The filter's entries as they were at the last renumbering.
    pub filter_keys_before: Vec<FilterKey>,
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

/// Summaries of cables already parsed, as the index gives them, with a corpus to hold them.
pub fn corpus_of_cables(cables: &[Cable]) -> Corpus {
    let mut corpus = Corpus::new(LoadOptions::default());
    let mut files: Vec<FileInfo> = Vec::new();
    let mut table = MarkingTable::default();
    let mut names = crate::cable::index::NameTable::default();
    let mut new_markings = Vec::new();
    let mut summaries = Vec::with_capacity(cables.len());
    let mut nth = 0u32;
    for c in cables {
        let file = match files.last() {
            Some(f) if f.source == c.source => {
                nth += 1;
                files.len() - 1
            }
            _ => {
                nth = 0;
                files.push(FileInfo {
                    path: PathBuf::from(&c.source),
                    source: c.source.clone(),
                    len: 0,
                    modified: None,
                });
                files.len() - 1
            }
        };
        let mut counts: Vec<(MarkingId, u32)> = Vec::new();
        let mut unmarked = 0;
        for p in &c.paragraphs {
            match &p.marking {
                None => unmarked += 1,
                Some(m) => {
                    if table.id_of(m).is_none() {
                        new_markings.push(m.clone());
                    }
                    let id = table.intern(m);
                    match counts.iter_mut().find(|(k, _)| *k == id) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((id, 1)),
                    }
                }
            }
        }
        summaries.push(CableSummary {
            id: c.id.clone().into(),
            date: c.date.clone().map(Into::into),
            classification: c.classification.clone().into(),
            origin: c.origin.clone().into(),
            subject: c.subject.clone().into(),
            paragraphs: c.paragraphs.len() as u32,
            unmarked,
            markings: counts.into(),
            location: Location::Cable {
                file: file as u32,
                nth,
                record: c.record,
            },
            ..CableSummary::names_of(c, &mut names)
        });
    }
    let progress = crate::cable::Progress {
        cables: summaries.len() as u64,
        files_done: files.len() as u64,
        files_total: files.len() as u64,
        ..Default::default()
    };
    corpus.apply(IndexEvent::Started {
        files,
        errors: Vec::new(),
        progress,
    });
    corpus.apply(IndexEvent::Batch(crate::cable::IndexBatch {
        new_markings,
        new_names: names.iter().map(Into::into).collect(),
        cables: summaries,
        errors: Vec::new(),
        progress,
    }));
    corpus.apply(IndexEvent::Done {
        progress,
        cancelled: false,
    });
    corpus
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
        let mut state = State::empty(config, memory, corpus_key, width, height);
        state.add_errors(report.errors);
        let corpus = corpus_of_cables(&report.cables);
        state.texts = Texts::Memory(report.cables.into_iter().map(Arc::new).collect());
        let events = vec![
            IndexEvent::Started {
                files: corpus.files.clone(),
                errors: Vec::new(),
                progress: corpus.progress,
            },
            IndexEvent::Batch(crate::cable::IndexBatch {
                new_markings: corpus.markings.iter().map(|(_, m)| m.clone()).collect(),
                new_names: corpus.names.iter().map(Into::into).collect(),
                cables: corpus.cables,
                errors: Vec::new(),
                progress: corpus.progress,
            }),
            IndexEvent::Done {
                progress: corpus.progress,
                cancelled: false,
            },
        ];
        for e in events {
            state.indexed(e);
        }
        state
    }

    /// A reader on files still to be indexed: cables arrive through [`State::indexed`].
    pub fn indexing(
        paths: Vec<PathBuf>,
        config: &Config,
        memory: Memory,
        corpus_key: String,
        width: u16,
        height: u16,
    ) -> State {
        let mut state = State::empty(config, memory, corpus_key, width, height);
        state.paths = paths;
        state
    }

    fn empty(
        config: &Config,
        memory: Memory,
        corpus_key: String,
        width: u16,
        height: u16,
    ) -> State {
        let mut state = State {
            corpus: Corpus::new(LoadOptions::default()),
            texts: Texts::Files,
            paths: Vec::new(),
            opened: Vec::new(),
            pending_open: None,
            user_opened: false,
            pending_filter: None,
            results: None,
            search_request: None,
            search_generation: 0,
            filter_keys_before: Vec::new(),
            errors: Vec::new(),
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
            filter: FilterView::default(),
            markings: MarkingIndex::default(),
            list: ListView::default(),
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
                cable: None,
            },
        };
        if !config.filter.trim().is_empty() {
            state.pending_filter = Some(config.filter.clone());
        }
        if state.settings.remember_position {
            state.pending_open = state.memory.corpora.get(&state.corpus_key).cloned();
        }
        state
    }

    /// Paths and reasons may hold any bytes a file name can; show them, never obey them.
    fn add_errors(&mut self, errors: Vec<(String, String)>) {
        self.errors.extend(
            errors
                .into_iter()
                .map(|(p, r)| (clean_line(&p).into_owned(), clean_line(&r).into_owned())),
        );
    }

    /// True while cables are still being indexed.
    pub fn indexing_now(&self) -> bool {
        !self.corpus.is_done()
    }

    /// Takes in one indexing event: the new cables join the list (in its order, through the
    /// filter) and the filter pane's counts.
    pub fn indexed(&mut self, event: IndexEvent) {
        let done = matches!(event, IndexEvent::Done { .. });
        let (errors, new_errors) = match &event {
            IndexEvent::Started { errors, .. } => (errors.clone(), true),
            IndexEvent::Batch(b) => (b.errors.clone(), !b.errors.is_empty()),
            IndexEvent::Done { .. } => (Vec::new(), false),
        };
        let new = self.corpus.apply(event);
        if new_errors {
            self.add_errors(errors);
        }
        if !new.is_empty() {
            let keys_changed = self
                .markings
                .add(&self.corpus.markings, &self.corpus.cables[new.clone()]);
            if keys_changed {
                self.remap_filter();
            }
            self.add_to_list(new.clone());
            if let Some(text) = self.pending_filter.clone()
                && super::update::apply_filter_text(self, &text).is_ok()
            {
                self.pending_filter = None;
            }
            // The cable last open in this corpus, else the first listed.
            if let Some(key) = self.pending_open.clone()
                && let Some(i) = new.clone().find(|&i| self.summary_key(i) == key)
            {
                self.pending_open = None;
                if !self.user_opened {
                    self.open(i);
                }
            }
            if self.reader.open.is_none()
                && let Some(&first) = self.list.rows.first()
            {
                self.open(first as usize);
            }
        }
        if done {
            let mut notes = Vec::new();
            if let Some(text) = self.pending_filter.take()
                && let Err(e) = super::update::apply_filter_text(self, &text)
            {
                notes.push(format!("Filter from the settings: {e}"));
            }
            if self.reader.open.is_none()
                && let Some(&first) = self.list.rows.first()
            {
                self.open(first as usize);
            }
            self.pending_open = None;
            if !self.errors.is_empty() {
                let n = self.errors.len();
                notes.push(format!(
                    "{n} input{} failed to load: E lists them",
                    if n == 1 { "" } else { "s" }
                ));
            }
            if !notes.is_empty() {
                let m = notes.join("; ");
                self.message = Some(match self.message.take() {
                    Some(old) => format!("{m}; {old}"),
                    None => m,
                });
            }
        }
    }

    /// The filter's entries were renumbered (a marking met for the first time): keep the same
    /// markings on.
    fn remap_filter(&mut self) {
        let cursor_key = self.filter_keys_before.get(self.filter.cursor).cloned();
        let on: Vec<FilterKey> = self
            .filter_keys_before
            .iter()
            .zip(&self.filter.enabled)
            .filter(|(_, e)| **e)
            .map(|(k, _)| k.clone())
            .collect();
        self.filter.enabled = self.markings.keys.iter().map(|k| on.contains(k)).collect();
        if let Some(k) = cursor_key
            && let Some(p) = self.markings.keys.iter().position(|x| *x == k)
        {
            self.filter.cursor = p;
        }
        self.filter_keys_before = self.markings.keys.clone();
    }

    /// Puts newly indexed cables into the list's order and, through the filter, its rows.
    fn add_to_list(&mut self, new: std::ops::Range<usize>) {
        let sort = self.list.sort;
        let cables = &self.corpus.cables;
        let mut add: Vec<u32> = (new.start as u32..new.end as u32).collect();
        if sort == SortKey::Source {
            self.list.order.extend_from_slice(&add);
        } else {
            add.sort_unstable_by(|&a, &b| sort.compare(cables, a, b));
            self.list.order = merge(&self.list.order, &add, |a, b| sort.compare(cables, a, b));
        }
        self.refilter_list();
    }

    /// Sorts the list anew, keeping the selected cable selected.
    pub fn set_sort(&mut self, sort: SortKey) {
        self.list.sort = sort;
        let cables = &self.corpus.cables;
        let mut order: Vec<u32> = (0..cables.len() as u32).collect();
        if sort != SortKey::Source {
            order.sort_unstable_by(|&a, &b| sort.compare(cables, a, b));
        }
        self.list.order = order;
        self.refilter_list();
        self.list.offset = self.list.selected.saturating_sub(self.list_height() / 2);
    }

    /// The memory's key for cable `i` (as [`cable_key`] gives it for the parsed cable).
    pub fn summary_key(&self, i: usize) -> String {
        let Some(c) = self.corpus.get(i) else {
            return String::new();
        };
        if !c.id.is_empty() {
            return c.id.to_string();
        }
        let source = self.corpus.source(i);
        match c.location.record() {
            Some(r) => format!("{source}#{r}"),
            None => source.to_string(),
        }
    }

    /// The index of the loaded cable with this memory key.
    pub fn find_cable(&self, key: &str) -> Option<usize> {
        (0..self.corpus.len()).find(|&i| self.summary_key(i) == key)
    }

    /// Parses cable `i` (or takes it from the cache of recently opened ones).
    pub fn load_cable(&mut self, i: usize) -> Result<Arc<Cable>, String> {
        if let Texts::Memory(cables) = &self.texts {
            return cables
                .get(i)
                .cloned()
                .ok_or_else(|| format!("no cable number {i}"));
        }
        if let Some(p) = self.opened.iter().position(|(k, _)| *k == i) {
            let entry = self.opened.remove(p);
            let cable = entry.1.clone();
            self.opened.insert(0, entry);
            return Ok(cable);
        }
        let cable = Arc::new(self.corpus.open(i).map_err(|e| e.to_string())?);
        self.opened.insert(0, (i, cable.clone()));
        self.opened.truncate(OPENED_CACHE);
        Ok(cable)
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
        self.reader.open?;
        self.reader.cable.as_deref()
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
            .key_of(&self.corpus.markings, p)
            .and_then(|k| self.filter.enabled.get(usize::from(k)).copied())
            .unwrap_or(false)
    }

    fn key_on(&self, k: Option<u16>) -> bool {
        k.and_then(|k| self.filter.enabled.get(usize::from(k)).copied())
            .unwrap_or(false)
    }

    /// Paragraphs of cable `i` that pass the filter.
    pub fn matching_paragraphs(&self, i: usize) -> u32 {
        let Some(c) = self.corpus.get(i) else {
            return 0;
        };
        if !self.filter.active() {
            return c.paragraphs;
        }
        let mut n = 0;
        for &(m, count) in c.markings.iter() {
            if self.key_on(self.markings.key_of_id(m)) {
                n += count;
            }
        }
        if c.unmarked > 0 && self.key_on(self.markings.unmarked_key()) {
            n += c.unmarked;
        }
        n
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

    /// Opens cable `i` where it was left (when remembered), else at its top. False (with a
    /// message saying why) when its text cannot be read.
    pub fn open(&mut self, i: usize) -> bool {
        if i >= self.corpus.len() {
            return false;
        }
        let cable = match self.load_cable(i) {
            Ok(c) => c,
            Err(e) => {
                let id = self
                    .corpus
                    .get(i)
                    .map(|c| c.id.to_string())
                    .unwrap_or_default();
                self.message = Some(clean_line(&format!("Cannot open {id}: {e}")).into_owned());
                return false;
            }
        };
        self.reader.open = Some(i);
        self.reader.top = 0;
        self.reader.last_number = cable.paragraphs.iter().map(|p| p.number).max();
        self.reader.cable = Some(cable);
        self.relayout();
        if let Some(pos) = self.list.rows.iter().position(|&r| r as usize == i) {
            self.list.selected = pos;
        }
        self.restore_position();
        self.rerun_search();
        true
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
        let Some(cable) = self.reader.cable.clone() else {
            return;
        };
        let shown = |i: usize| self.passes(&cable.paragraphs[i]);
        let doc = Doc::build(&cable, width, key.opts, &shown, &self.theme);
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
        let old_pos = self.list.selected;
        if self.filter.active() {
            // Which marking numbers are on, once, then one look at each cable's counts.
            let on: Vec<bool> = (0..self.corpus.markings.len())
                .map(|id| self.key_on(self.markings.key_of_id(id as MarkingId)))
                .collect();
            let unmarked_on = self.key_on(self.markings.unmarked_key());
            let cables = &self.corpus.cables;
            let holds: Vec<bool> = cables
                .iter()
                .map(|c| {
                    (unmarked_on && c.unmarked > 0)
                        || c.markings
                            .iter()
                            .any(|&(m, n)| n > 0 && on.get(m as usize) == Some(&true))
                })
                .collect();
            self.list.rows = self
                .list
                .order
                .iter()
                .copied()
                .filter(|&i| holds[i as usize])
                .collect();
        } else {
            self.list.rows = self.list.order.clone();
        }
        let last = self.list.rows.len().saturating_sub(1);
        self.list.selected = match selected {
            Some(s) if self.list.sort == SortKey::Source => {
                match self.list.rows.binary_search(&s) {
                    Ok(p) => p,
                    Err(p) => p.min(last),
                }
            }
            Some(s) => match self.list.rows.iter().position(|&r| r == s) {
                Some(p) => p,
                None => old_pos.min(last),
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

/// Merges two lists each sorted by `cmp`.
fn merge(a: &[u32], b: &[u32], cmp: impl Fn(u32, u32) -> Ordering) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if cmp(a[i], b[j]) == Ordering::Greater {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
