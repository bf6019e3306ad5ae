//! The facets overlay: how many cables of the list have each year, origin, tag,
//! classification, caveat and marking; choosing a value narrows the limit to it.

use super::cursor::Cursor;
use crate::cable::query::Facet;

/// One row: a field's heading, or one of its values with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    Heading(Facet),
    Value {
        facet: Facet,
        value: String,
        count: usize,
    },
}

#[derive(Debug, Clone, Default)]
pub struct FacetsView {
    pub rows: Vec<FacetRow>,
    /// Cables counted (the list's rows when the overlay opened).
    pub cables: usize,
    pub cursor: Cursor,
}

impl FacetsView {
    /// The query term of the selected row, when it is a value.
    pub fn selected_term(&self) -> Option<String> {
        match self.rows.get(self.cursor.selected)? {
            FacetRow::Value { facet, value, .. } => Some(facet.term(value)),
            FacetRow::Heading(_) => None,
        }
    }
}
