//! Everything the reader shows, in one place: a composition of the parts, each in a module of
//! its own (how indexed cables come in is `intake`'s). Only the update changes it.

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::corpus_search::CorpusSearch;
use super::doc::{Doc, DocOptions};
use super::layout::{self, Areas};
use super::place::{anchor_of, line_of_anchor};
use super::view_memory;
use crate::cable::{Cable, Corpus, IndexEvent, LoadOptions, LoadReport, Paragraph};
use crate::config::Config;
use crate::config::theme::Theme;
use crate::keys::{KeyChord, Keymap};
use crate::memory::{Memory, cable_key};
use crate::sanitize::clean_line;

pub use super::bookmarks::BookmarkView;
pub use super::document::{DocKey, Reader};
pub use super::filter::{FilterKey, FilterView, MarkingIndex};
pub use super::layout::Pane;
pub use super::list::{ListView, SortKey};
pub use super::place::{Anchor, Mark};
pub use super::prompt::Prompt;
pub use super::texts::Texts;
pub use super::web::WebView;

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
    /// The open cable's links; rows and selection in [`State::web`].
    Links,
    /// Counts of the list by field; rows and selection in [`State::facets`].
    Facets,
    Versions, // The open cable's versions; rows and selection in `State::web`.
    Diff,     // What differs between two versions; in `State::web`.
}

/// Settings the reader consults as it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub mouse: bool,
    pub wheel_lines: u16,
    pub remember_position: bool,
    pub history_size: usize,
}

pub struct State {
    /// The index: one summary per cable, filled as indexing goes (shared, once done, with the
    /// thread that writes it to the index cache).
    pub corpus: Arc<Corpus>,
    pub texts: Texts,
    /// The files and folders the corpus was indexed from (empty for cables in memory).
    pub paths: Vec<PathBuf>,
    /// The cable to open once it is indexed (the one last open in this corpus).
    pub pending_open: Option<String>,
    /// Whether the user opened a cable (then a late remembered one does not take over).
    pub user_opened: bool,
    /// The cable and paragraph a citation on the command line named, until that cable opens
    /// (whatever the settings remember).
    pub cited: Option<crate::cable::citation::Citation>,
    /// A filter from the settings waiting for its markings to be indexed.
    pub pending_filter: Option<String>,
    pub results: Option<CorpusSearch>,
    pub search_generation: u64,
    /// The filter's entries as they were at the last renumbering.
    pub filter_keys_before: Vec<FilterKey>,
    pub errors: Vec<(String, String)>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub settings: Settings,
    /// The settings as files and `:set` gave them, for `:set` to change.
    pub settable: crate::config::set::Settable,
    /// How the copy key cites a paragraph, and where it puts it.
    pub citation: crate::cite::Template,
    pub clipboard: crate::clipboard::Clipboard,
    /// What is remembered between runs; the event loop saves it when `memory_generation` moves.
    pub memory: Memory,
    pub memory_generation: u64,
    /// The corpus as the memory knows it (see [`crate::memory::corpus_key`]).
    pub corpus_key: String,
    pub bookmarks: BookmarkView,
    /// The link graph and the links overlay.
    pub web: WebView,
    pub facets: super::facets::FacetsView,
    pub size: (u16, u16),
    pub focus: Pane,
    pub show_list: bool,
    pub overlay: Option<Overlay>,
    pub prompt: Option<Prompt>,
    pub pending_keys: Vec<KeyChord>,
    pub message: Option<String>,
    pub markings: MarkingIndex,
    pub filter: FilterView,
    pub list: ListView,
    /// The cables grouped by id: the list has one row per id.
    pub groups: super::groups::IdGroups,
    /// The query the list is narrowed to.
    pub limit: super::limit::Limit,
    pub finding: super::list_find::ListFind,
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
        let mut state = State::empty(config, memory, corpus_key, width, height);
        state.add_errors(report.errors);
        let corpus = crate::cable::in_memory::corpus_of_cables(&report.cables);
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
            corpus: Arc::new(Corpus::new(LoadOptions::default())),
            texts: Texts::default(),
            paths: Vec::new(),
            pending_open: None,
            user_opened: false,
            cited: None,
            pending_filter: None,
            results: None,
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
            settable: crate::config::set::Settable::of(config),
            citation: config.citation.clone(),
            clipboard: config.clipboard.clone(),
            memory,
            memory_generation: 0,
            corpus_key,
            bookmarks: BookmarkView::default(),
            web: WebView::default(),
            facets: Default::default(),
            size: (width, height),
            focus: Pane::Reader,
            show_list: config.show_list,
            overlay: None,
            prompt: None,
            pending_keys: Vec::new(),
            message: None,
            filter: FilterView::default(),
            markings: MarkingIndex::default(),
            list: ListView::default(),
            groups: Default::default(),
            limit: Default::default(),
            finding: Default::default(),
            reader: Reader {
                open: None,
                doc: Doc::default(),
                doc_key: None,
                top: 0,
                header_folded: config.fold_header,
                show_raw: false,
                jumps: Default::default(),
                search: None,
                last_number: None,
                cable: None,
                pinned: None,
                filter_place: None,
            },
        };
        if !config.filter.trim().is_empty() {
            state.pending_filter = Some(config.filter.clone());
        }
        if state.settings.remember_position {
            state.pending_open = state.memory.corpora.get(&state.corpus_key).cloned();
            let saved = view_memory::saved(&state.memory.views, &state.corpus_key);
            if let Some((key, reverse)) = saved.order {
                state.set_sort(key, reverse);
            }
            if let Some(limit) = saved.limit {
                let _ = state.set_limit(&limit);
            }
            state.pending_filter = saved.filter.or(state.pending_filter.take());
        }
        state
    }

    /// Paths and reasons may hold any bytes a file name can; show them, never obey them.
    pub(super) fn add_errors(&mut self, errors: Vec<(String, String)>) {
        self.errors.extend(
            errors
                .into_iter()
                .map(|(p, r)| (clean_line(&p).into_owned(), clean_line(&r).into_owned())),
        );
    }

    /// The memory's key for cable `i` (as [`cable_key`] gives it for the parsed cable).
    pub fn summary_key(&self, i: usize) -> String {
        let Some(c) = self.corpus.get(i) else {
            return String::new();
        };
        if !c.id().is_empty() {
            return c.id().to_string();
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
        self.texts.load(i, &self.corpus)
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
            Anchor::Para { index, .. } => cable.paragraphs.get(index).and_then(|p| p.number),
            Anchor::Closing(_) => cable.paragraphs.last().and_then(|p| p.number),
            Anchor::Header(_) => None,
        }
    }

    /// Brings the memory up to date with where the reader is: the open cable's paragraph and
    /// the corpus's open cable.
    pub fn sync_memory(&mut self) {
        if !self.settings.remember_position {
            return;
        }
        // A filter waiting for its markings to be indexed is the one in force.
        let filter = self.pending_filter.clone().or_else(|| self.filter_label());
        let view = view_memory::current(&self.list, &self.limit, filter.unwrap_or_default());
        if view_memory::remember(&mut self.memory.views, &self.corpus_key, view) {
            self.memory_generation += 1;
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

    /// Scrolls the open cable to where it was left, if remembered (not while a citation is
    /// being opened: it names the place).
    fn restore_position(&mut self) {
        if !self.settings.remember_position || self.cited.is_some() {
            return;
        }
        let Some(cable) = self.open_cable() else {
            return;
        };
        let Some(&n) = self.memory.positions.get(&cable_key(cable)) else {
            return;
        };
        if let Some(index) = cable.paragraphs.iter().position(|p| p.number == Some(n)) {
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

    /// What the layout depends on besides the size.
    pub fn layout_flags(&self) -> layout::Flags {
        layout::Flags {
            prompt: self.prompt.is_some(),
            show_list: self.show_list,
            focus: self.focus,
            list_rows: self.list.rows.len(),
        }
    }

    pub fn areas(&self) -> Option<Areas> {
        layout::areas(self.screen(), &self.layout_flags())
    }

    /// Rows of text the paragraph view shows.
    pub fn reader_height(&self) -> usize {
        usize::from(layout::reader_text(self.screen(), &self.layout_flags()).height).max(1)
    }

    /// Columns the paragraph view wraps its text at.
    pub fn reader_width(&self) -> u16 {
        layout::reader_text(self.screen(), &self.layout_flags())
            .width
            .max(1)
    }

    /// Rows the list shows (below its column heads).
    pub fn list_height(&self) -> usize {
        layout::list_rows(self.screen(), &self.layout_flags(), Pane::List)
    }

    pub fn filter_height(&self) -> usize {
        layout::list_rows(self.screen(), &self.layout_flags(), Pane::Filter)
    }

    /// Hits the corpus search's list shows at once.
    pub fn results_height(&self) -> usize {
        layout::box_rows(layout::results_box(self.screen()))
    }

    /// Bookmarks the bookmark list shows at once.
    pub fn bookmarks_height(&self) -> usize {
        layout::box_rows(layout::bookmarks_box(
            self.screen(),
            self.memory.bookmarks.len(),
        ))
    }

    /// Whether paragraph `p` of the open cable passes the filter.
    pub fn passes(&self, p: &Paragraph) -> bool {
        self.filter.passes(&self.markings, &self.corpus.markings, p)
    }

    /// Paragraphs of cable `i` that pass the filter.
    pub fn matching_paragraphs(&self, i: usize) -> u32 {
        self.corpus
            .get(i)
            .map_or(0, |c| self.filter.matching(&self.markings, c))
    }

    /// The filter as text: `SBU,U`, or `None` when off.
    pub fn filter_label(&self) -> Option<String> {
        self.filter.label(&self.markings)
    }

    /// Sets the filter from text as typed after `:filter`.
    pub fn apply_filter_text(&mut self, text: &str) -> Result<(), String> {
        let keys = self.markings.parse(text)?;
        self.set_filter(keys);
        Ok(())
    }

    /// Shows exactly the filter entries `keys`.
    pub fn set_filter(&mut self, keys: Vec<u16>) {
        self.filter.set(&keys);
        self.filter_changed();
    }

    /// Shows or hides the entry under the filter pane's cursor.
    pub fn toggle_marking(&mut self) {
        if self.filter.toggle(self.filter.cursor.selected) {
            self.filter_changed();
        }
    }

    fn filter_changed(&mut self) {
        let keep = match self.reader.filter_place {
            Some((cable, i, top)) if self.reader.open == Some(cable) && top == self.reader.top => {
                Some(i)
            }
            _ => self.current_paragraph(),
        };
        self.refilter_list();
        self.relayout();
        if let Some(line) = keep.and_then(|i| self.reader.doc.paragraph_line(i)) {
            self.reader.top = line.min(self.max_top());
        }
        self.reader.filter_place = self
            .reader
            .open
            .zip(keep)
            .map(|(cable, i)| (cable, i, self.reader.top));
        if self.filter.active() && self.list.rows.is_empty() {
            self.message = Some("No cable holds a paragraph with these markings".into());
        }
    }

    /// The paragraph `y`, `m` and `¶N` speak of (index into the open cable's paragraphs): the
    /// one a move made current while the view has not moved since, else the topmost visible.
    pub fn current_paragraph(&self) -> Option<usize> {
        let (top, height) = (self.reader.top, self.reader_height());
        if let Some((at, i)) = self.reader.pinned
            && at == top
            && let Some(line) = self.reader.doc.paragraph_line(i)
            && line < top.saturating_add(height)
        {
            return Some(i);
        }
        self.reader.doc.current_paragraph(top, height)
    }

    /// The lines of the current paragraph in the laid-out document, for marking it.
    pub fn current_lines(&self) -> Option<std::ops::Range<usize>> {
        let i = self.current_paragraph()?;
        let item = *self
            .reader
            .doc
            .items
            .get((*self.reader.doc.para_item.get(i)?)?)?;
        Some(item.first_line..item.first_line + item.len)
    }

    /// `¶N/M`: N the number of the paragraph at the top, M the cable's last paragraph number.
    pub fn paragraph_position(&self) -> Option<String> {
        let cable = self.open_cable()?;
        let last = self.reader.last_number?;
        let current = self
            .current_paragraph()
            .and_then(|i| cable.paragraphs.get(i))
            .and_then(|p| p.number.map(|n| n.to_string()))
            .unwrap_or_else(|| "-".to_string());
        Some(format!("¶{current}/{last}"))
    }

    pub fn max_top(&self) -> usize {
        self.reader.doc.max_top(self.reader_height())
    }

    /// How far scrolling (as opposed to jumping) goes: until the end fills the screen, or no
    /// further than a jump already went.
    pub fn scroll_limit(&self) -> usize {
        self.reader.scroll_limit(self.reader_height())
    }

    /// Opens cable `i` for the user, where it was left (when remembered), else at its top.
    /// From then on a remembered cable indexed later does not take its place. False (with a
    /// message saying why) when its text cannot be read.
    pub fn open(&mut self, i: usize) -> bool {
        self.user_opened = true;
        self.show(i)
    }

    /// Opens cable `i` as [`State::open`] does, but on the reader's own account (at the start).
    pub(super) fn show(&mut self, i: usize) -> bool {
        if i >= self.corpus.len() {
            return false;
        }
        let cable = match self.load_cable(i) {
            Ok(c) => c,
            Err(e) => {
                let id = self
                    .corpus
                    .get(i)
                    .map(|c| c.id().to_string())
                    .unwrap_or_default();
                self.message = Some(clean_line(&format!("Cannot open {id}: {e}")).into_owned());
                return false;
            }
        };
        self.reader.open = Some(i);
        self.reader.top = 0;
        self.reader.pinned = None;
        self.reader.last_number = cable.paragraphs.iter().filter_map(|p| p.number).max();
        self.reader.cable = Some(cable);
        self.relayout();
        let row = self.groups.shown_for(i).unwrap_or(i);
        if let Some(pos) = self.list.rows.iter().position(|&r| r as usize == row) {
            self.list.cursor.selected = pos;
        }
        self.restore_position();
        // A search belongs to the cable it was made in: another cable starts without one.
        if self
            .reader
            .search
            .as_ref()
            .is_some_and(|s| s.cable != Some(i))
        {
            self.reader.search = None;
        }
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
        let width = self.reader_width();
        let key = DocKey {
            cable: open,
            width,
            filter: self.filter.generation,
            links: self.web.web.is_some(),
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
        let refs = self.web.cites(&self.corpus, open);
        let doc = Doc::build_with(&cable, width, key.opts, &shown, &self.theme, &refs);
        self.reader.doc = doc;
        self.reader.doc_key = Some(key);
        if let Some(a) = anchor {
            self.reader.top = line_of_anchor(&self.reader.doc, a);
        }
        self.reader.top = self.reader.top.min(self.max_top());
    }

    /// Where the reader is, as the jump list keeps it.
    pub fn here(&self) -> Option<Mark> {
        let anchor = self.anchor();
        self.reader.open.map(|cable| Mark { cable, anchor })
    }

    /// Remembers where the reader is, for going back after a jump.
    pub fn push_mark(&mut self) {
        if let Some(mark) = self.here() {
            self.reader.jumps.push(mark);
        }
    }

    /// Scrolls to an anchor.
    pub fn go_to_anchor(&mut self, a: Anchor) {
        self.reader.top = line_of_anchor(&self.reader.doc, a).min(self.max_top());
    }

    /// Recomputes the rows of the list after a filter change, keeping the selection on the
    /// same cable where it is still listed.
    pub fn refilter_list(&mut self) {
        let holds = self.filter.active().then(|| {
            self.filter.holds(
                &self.markings,
                self.corpus.markings.len(),
                &self.corpus.cables,
            )
        });
        self.limit.refresh(&self.corpus);
        let holds = match (holds, self.limit.holds()) {
            (Some(mut h), Some(l)) => {
                h.iter_mut().zip(l).for_each(|(h, l)| *h &= *l);
                Some(h)
            }
            (None, Some(l)) => Some(l.to_vec()),
            (h, None) => h,
        };
        self.list.refilter(holds.as_deref());
    }

    /// Narrows the list to a query (`:limit`); empty clears it. A mistake names its column.
    pub fn set_limit(&mut self, text: &str) -> Result<(), String> {
        self.limit
            .set(text, &self.corpus)
            .map_err(|e| format!("Limit: {e}"))?;
        self.refilter_list();
        Ok(())
    }

    /// Finds the search query in the open cable again (after opening another cable).
    pub fn rerun_search(&mut self) {
        let Some(search) = self.reader.search.as_ref() else {
            return;
        };
        let open = self.reader.open.zip(self.open_cable());
        self.reader.search = Some(search.in_cable(open));
    }

    /// Where each visible search match is, in document order: (match index, line).
    pub fn visible_matches(&self) -> Vec<(usize, usize)> {
        match &self.reader.search {
            Some(s) if s.cable == self.reader.open => s.visible(&self.reader.doc),
            _ => Vec::new(),
        }
    }
}
