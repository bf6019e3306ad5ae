//! Cables parsed already (the samples, tests) as a corpus, with the summaries the index would
//! have given for them, so the list, the filter and the search treat them as any other.

use std::path::PathBuf;

use super::index::{FileInfo, MarkingId, SummaryFields};
use super::{Cable, Corpus, IndexEvent, LoadOptions, Location, MarkingTable};

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
        summaries.push(
            SummaryFields {
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
                ..SummaryFields::names_of(c, &mut names)
            }
            .pack(),
        );
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
