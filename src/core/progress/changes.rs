//! What changed between two versions of a progress export: what a widget
//! announces and highlights when live data brings a new version.
//!
//! Rows are compared in place (the n-th row of a table with the n-th of the
//! other version), as an office edits an export: values corrected where
//! they stand, new rows added at the end. A row moved counts as changed.

use super::{ProgressDataset, ProgressImport};
use std::collections::BTreeSet;

/// What changed from one version of an export to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgressChanges {
    /// Indicator values (rows of `indicator_data`) changed, added or removed.
    pub values: usize,
    /// Answers changed, added or removed.
    pub answers: usize,
    /// Reports changed, added or removed.
    pub reports: usize,
    /// Whether the indicators' or the questions' definitions changed.
    pub definitions: bool,
    /// The Declaration's paragraphs followed up by what changed: those of the
    /// indicators whose values changed, the questions whose answers did and
    /// the reports that did.
    pub paragraphs: BTreeSet<u8>,
}

impl ProgressChanges {
    /// Whether anything changed.
    pub fn any(&self) -> bool {
        self.values + self.answers + self.reports > 0 || self.definitions
    }
}

/// The rows of `new` that differ from the row in the same place of `old`,
/// and the rows past the end of the shorter.
fn changed<'a, T: PartialEq>(old: &[T], new: &'a [T]) -> (usize, Vec<&'a T>) {
    let mut rows = Vec::new();
    for (i, row) in new.iter().enumerate() {
        if old.get(i) != Some(row) {
            rows.push(row);
        }
    }
    let removed = old.len().saturating_sub(new.len());
    (rows.len() + removed, rows)
}

/// What changed from `old` to `new`.
///
/// ```
/// use kyoto_widgets::core::progress::{changes::changes, read_files};
/// let indicators = "id,pillar,paragraphs,title,direction\nI-1,I,21,Homicide rate,down\n";
/// let read = |data: &str| {
///     read_files(&[
///         ("indicators.csv", indicators.as_bytes()),
///         ("indicator_data.csv", data.as_bytes()),
///     ])
///     .unwrap()
/// };
/// let old = read("indicator,area,period,value\nI-1,001,2023,5\n");
/// let new = read("indicator,area,period,value\nI-1,001,2023,5\nI-1,001,2024,4\n");
/// let c = changes(&old, &new);
/// assert_eq!((c.values, c.paragraphs.into_iter().collect::<Vec<_>>()), (1, vec![21]));
/// assert!(!changes(&new, &new).any());
/// ```
pub fn changes(old: &ProgressImport, new: &ProgressImport) -> ProgressChanges {
    let (o, n): (&ProgressDataset, &ProgressDataset) = (&old.dataset, &new.dataset);
    let mut paragraphs = BTreeSet::new();
    let (values, rows) = changed(&o.observations, &n.observations);
    for row in rows {
        if let Some(i) = n.indicator(&row.indicator) {
            paragraphs.extend(i.paragraphs.iter().copied());
        }
    }
    let (answers, rows) = changed(&o.responses, &n.responses);
    for row in rows {
        if let Some(q) = n.question(&row.question) {
            paragraphs.extend(q.paragraphs.iter().copied());
        }
    }
    let (reports, rows) = changed(&o.reports, &n.reports);
    for row in rows {
        paragraphs.extend(row.paragraphs.iter().copied());
    }
    ProgressChanges {
        values,
        answers,
        reports,
        definitions: o.indicators != n.indicators || o.questions != n.questions,
        paragraphs,
    }
}
