//! The loader: bytes in, decoded [`Cable`]s out. Knows nothing of terminals.

pub mod background;
pub mod body;
pub mod build;
pub mod cache;
pub mod citation;
pub mod classification;
pub mod corpus;
pub mod decode;
pub mod diff;
pub mod formats;
pub mod hash_shards;
pub mod header;
pub mod in_memory;
pub mod index;
pub mod links;
pub mod load;
pub mod locate;
pub mod mapped;
pub mod marking;
pub mod model;
pub mod query;
pub mod references;
pub mod search;
pub mod summary;
pub mod versions;
pub mod walk;
pub mod worker;

pub use background::{IndexHandle, index_in_background, index_in_background_cached};
pub use corpus::Corpus;
pub use index::{
    CableSummary, IndexBatch, IndexEvent, Location, MarkingTable, Progress, SummaryFields,
};
pub use load::{LoadOptions, LoadReport, load_bytes, load_bytes_with, load_paths, load_paths_with};
pub use marking::{Level, Marking, MarkingFilter, parse_user_markings};
pub use model::{Cable, Format, Paragraph, Warning};
