//! What changed between two exports: new and removed activities, status
//! changes and edits, per overview group (the declaratory part, the four
//! pillars, follow-up), and the paragraphs whose activities changed.
//!
//! Activities are matched by `id`. The live widgets use this to highlight
//! what moved after a refresh and to announce it; the compare view and
//! `kyoto compare` show it as a table.

use crate::core::chart::ChartLocale;
use crate::core::i18n::Arg;
use crate::core::model::{Dataset, Part, Pillar, Status};
use std::collections::{BTreeSet, HashMap};

/// An overview group: what one bar of the chart's overview stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Paragraphs 1–20.
    Declaratory,
    /// A pillar of the actions (paragraphs 21–95).
    Pillar(Pillar),
    /// Paragraphs 96–97.
    FollowUp,
}

impl Group {
    /// The six groups in document order.
    pub const ALL: [Group; 6] = [
        Group::Declaratory,
        Group::Pillar(Pillar::I),
        Group::Pillar(Pillar::II),
        Group::Pillar(Pillar::III),
        Group::Pillar(Pillar::IV),
        Group::FollowUp,
    ];

    /// The group of a paragraph number (1–97).
    pub fn of_paragraph(n: u8) -> Option<Group> {
        match Part::of_paragraph(n)? {
            Part::Declaratory => Some(Group::Declaratory),
            Part::FollowUp => Some(Group::FollowUp),
            Part::Actions => Pillar::of_paragraph(n).map(Group::Pillar),
        }
    }

    /// "Pillar II", "Declaratory part", "Follow-up" in the locale's language.
    pub fn label(self, locale: ChartLocale) -> String {
        match self {
            Group::Declaratory => locale.text.text("label.declaratory_part").to_string(),
            Group::Pillar(p) => locale.pillar_label(p),
            Group::FollowUp => locale.text.text("part.follow_up").to_string(),
        }
    }

    /// Index 0..6 in [`Group::ALL`].
    pub fn index(self) -> usize {
        match self {
            Group::Declaratory => 0,
            Group::Pillar(p) => 1 + p.index(),
            Group::FollowUp => 5,
        }
    }
}

/// What moved in one group. An activity counts once in every group one of
/// its paragraphs (before or after) belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupChange {
    /// Activities in the new export only.
    pub added: u32,
    /// Activities in the old export only.
    pub removed: u32,
    /// `moved[from][to]`: activities whose status changed, by
    /// [`Status::index`]; the diagonal stays 0.
    pub moved: [[u32; 3]; 3],
    /// Activities with the same status whose other fields changed.
    pub edited: u32,
    /// Paragraphs with an activity now and none before.
    pub newly_covered: Vec<u8>,
    /// Paragraphs with an activity before and none now.
    pub uncovered: Vec<u8>,
}

impl GroupChange {
    /// Activities that reached `status` from another status.
    pub fn moved_to(&self, status: Status) -> u32 {
        self.moved
            .iter()
            .map(|row| row.get(status.index()).copied().unwrap_or(0))
            .sum()
    }

    /// Whether nothing changed in the group.
    pub fn is_empty(&self) -> bool {
        *self == GroupChange::default()
    }
}

/// The difference between two datasets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatasetDiff {
    /// Per group, in [`Group::ALL`] order.
    pub groups: [GroupChange; 6],
    /// Paragraphs cited by an activity that was added, removed or changed.
    pub paragraphs: BTreeSet<u8>,
    /// Activities in the new export only.
    pub added: u32,
    /// Activities in the old export only.
    pub removed: u32,
    /// Activities whose status changed.
    pub status_changed: u32,
    /// Activities with the same status whose other fields changed.
    pub edited: u32,
}

impl DatasetDiff {
    /// Whether the two datasets hold the same activities.
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.removed == 0 && self.status_changed == 0 && self.edited == 0
    }

    /// The change of one group.
    pub fn group(&self, group: Group) -> &GroupChange {
        // `Group::index` is below 6 by construction.
        #[allow(clippy::indexing_slicing)]
        &self.groups[group.index()]
    }
}

/// What moved, one phrase per kind of change and group, in document order:
/// "2 activities completed in Pillar II", "1 new activity in Pillar I". The
/// live widgets join them into one announcement.
pub fn change_phrases(d: &DatasetDiff, locale: ChartLocale) -> Vec<String> {
    let mut out = Vec::new();
    for g in Group::ALL {
        let c = d.group(g);
        if c.is_empty() {
            continue;
        }
        let label = g.label(locale);
        let counts = [
            ("change.added", c.added),
            ("change.completed", c.moved_to(Status::Completed)),
            ("change.ongoing", c.moved_to(Status::Ongoing)),
            ("change.planned", c.moved_to(Status::Planned)),
            ("change.removed", c.removed),
            ("change.edited", c.edited),
        ];
        for (key, n) in counts {
            if n == 0 {
                continue;
            }
            let shown = locale.numbers.count(n);
            out.push(locale.text.format(
                key,
                &[
                    (
                        "count",
                        Arg::Count {
                            value: u64::from(n),
                            shown: &shown,
                        },
                    ),
                    ("group", Arg::Str(&label)),
                ],
            ));
        }
    }
    out
}

/// The comparison as a table: a header and one row per group (the
/// declaratory part and follow-up only when something moved there), then the
/// totals. Columns: group, new, removed, completed, now ongoing, back to
/// planned, updated, paragraphs newly covered.
pub fn comparison_table(d: &DatasetDiff, locale: ChartLocale) -> (Vec<String>, Vec<Vec<String>>) {
    let t = locale.text;
    let header = [
        "compare.group",
        "compare.added",
        "compare.removed",
        "compare.completed",
        "compare.ongoing",
        "compare.planned",
        "compare.edited",
        "compare.newly_covered",
    ]
    .iter()
    .map(|k| t.text(k).to_string())
    .collect();
    let n = |v: u32| locale.numbers.count(v);
    let row = |label: String, c: &GroupChange, covered: String| {
        vec![
            label,
            n(c.added),
            n(c.removed),
            n(c.moved_to(Status::Completed)),
            n(c.moved_to(Status::Ongoing)),
            n(c.moved_to(Status::Planned)),
            n(c.edited),
            covered,
        ]
    };
    let mut rows = Vec::new();
    let mut total = GroupChange::default();
    let mut all_covered = Vec::new();
    for g in Group::ALL {
        let c = d.group(g);
        let optional = matches!(g, Group::Declaratory | Group::FollowUp);
        if optional && c.is_empty() {
            continue;
        }
        let covered: Vec<String> = c
            .newly_covered
            .iter()
            .map(|p| locale.numbers.count(u32::from(*p)))
            .collect();
        rows.push(row(g.label(locale), c, covered.join(", ")));
        all_covered.extend(covered);
        for (from, row) in c.moved.iter().enumerate() {
            for (to, v) in row.iter().enumerate() {
                if let Some(cell) = total.moved.get_mut(from).and_then(|r| r.get_mut(to)) {
                    *cell += v;
                }
            }
        }
    }
    // Totals count each activity once, however many groups it touches.
    total.added = d.added;
    total.removed = d.removed;
    total.edited = d.edited;
    let moved_total: u32 = total.moved.iter().flatten().sum();
    if moved_total != d.status_changed {
        total.moved = [[0; 3]; 3];
    }
    let mut last = row(
        t.text("compare.total").to_string(),
        &total,
        all_covered.join(", "),
    );
    if moved_total != d.status_changed {
        // An activity whose status changed in several groups: the totals by
        // status would count it more than once, so the row says the total.
        if let Some(cell) = last.get_mut(3) {
            *cell = n(d.status_changed);
        }
    }
    rows.push(last);
    (header, rows)
}

/// Which of the six groups the paragraphs fall in, by [`Group::index`].
fn groups_of(paragraphs: &[u8]) -> [bool; 6] {
    let mut groups = [false; 6];
    for g in paragraphs.iter().filter_map(|&n| Group::of_paragraph(n)) {
        if let Some(slot) = groups.get_mut(g.index()) {
            *slot = true;
        }
    }
    groups
}

fn covered(data: &Dataset) -> [bool; 98] {
    let mut c = [false; 98];
    for a in &data.activities {
        for &n in &a.paragraphs {
            if let Some(slot) = c.get_mut(usize::from(n)) {
                *slot = true;
            }
        }
    }
    c
}

/// Compares `old` with `new`, matching activities by id.
pub fn diff(old: &Dataset, new: &Dataset) -> DatasetDiff {
    let mut d = DatasetDiff::default();
    // Old activities by id (the last of a repeated id, as a map keeps it),
    // and whether a new activity had that id: one hash lookup per activity,
    // no ordered set of every new id.
    let before: HashMap<&str, usize> = old
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut matched = vec![false; old.activities.len()];
    // Paragraphs touched, collected flat and turned into the set at the end.
    let mut touched = [false; 98];
    let mut touch = |d: &mut DatasetDiff, paragraphs: &[u8], f: &dyn Fn(&mut GroupChange)| {
        for &n in paragraphs {
            if let Some(slot) = touched.get_mut(usize::from(n)) {
                *slot = true;
            }
        }
        for (c, hit) in d.groups.iter_mut().zip(groups_of(paragraphs)) {
            if hit {
                f(c);
            }
        }
    };
    for a in &new.activities {
        let found = before.get(a.id.as_str()).copied();
        if let Some(slot) = found.and_then(|i| matched.get_mut(i)) {
            *slot = true;
        }
        match found.and_then(|i| old.activities.get(i)) {
            None => {
                d.added += 1;
                touch(&mut d, &a.paragraphs, &|c| c.added += 1);
            }
            Some(old_a) if old_a == a => {}
            Some(old_a) => {
                let mut paragraphs = old_a.paragraphs.clone();
                paragraphs.extend(&a.paragraphs);
                crate::core::order::sort_dedup(&mut paragraphs);
                if old_a.status == a.status {
                    d.edited += 1;
                    touch(&mut d, &paragraphs, &|c| c.edited += 1);
                } else {
                    d.status_changed += 1;
                    let (from, to) = (old_a.status.index(), a.status.index());
                    touch(&mut d, &paragraphs, &|c| {
                        if let Some(cell) = c.moved.get_mut(from).and_then(|r| r.get_mut(to)) {
                            *cell += 1;
                        }
                    });
                }
            }
        }
    }
    for a in &old.activities {
        let seen = before
            .get(a.id.as_str())
            .and_then(|&i| matched.get(i))
            .copied()
            .unwrap_or(false);
        if !seen {
            d.removed += 1;
            touch(&mut d, &a.paragraphs, &|c| c.removed += 1);
        }
    }
    // Inserted one by one, in order: `collect` into a set would sort them
    // again (a sort of its own for `u8` in every module with live data).
    for n in (0..=97u8).filter(|&n| touched.get(usize::from(n)).copied().unwrap_or(false)) {
        d.paragraphs.insert(n);
    }
    let (was, is) = (covered(old), covered(new));
    for n in 1..=97u8 {
        let i = usize::from(n);
        let (w, now) = (
            was.get(i).copied().unwrap_or(false),
            is.get(i).copied().unwrap_or(false),
        );
        if w == now {
            continue;
        }
        if let Some(c) = Group::of_paragraph(n).and_then(|g| d.groups.get_mut(g.index())) {
            if now {
                c.newly_covered.push(n);
            } else {
                c.uncovered.push(n);
            }
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Activity;

    #[test]
    fn an_id_kept_in_the_new_export_is_never_counted_removed_even_if_repeated_before() {
        let old = data(vec![
            act("a", &[22], Status::Planned),
            act("a", &[23], Status::Planned),
            act("b", &[40], Status::Ongoing),
        ]);
        let new = data(vec![act("a", &[23], Status::Planned)]);
        let d = diff(&old, &new);
        assert_eq!(
            (d.added, d.removed, d.edited, d.status_changed),
            (0, 1, 0, 0)
        );
        assert_eq!(d.paragraphs.iter().copied().collect::<Vec<_>>(), vec![40]);
    }

    fn act(id: &str, paragraphs: &[u8], status: Status) -> Activity {
        Activity::new(id, &format!("Activity {id}"), paragraphs, status)
    }

    fn data(activities: Vec<Activity>) -> Dataset {
        Dataset {
            version: 1,
            activities,
            ..Default::default()
        }
    }

    #[test]
    fn same_data_is_an_empty_diff() {
        let a = data(vec![act("a", &[21], Status::Planned)]);
        let d = diff(&a, &a.clone());
        assert!(d.is_empty());
        assert!(d.paragraphs.is_empty());
        assert!(d.groups.iter().all(GroupChange::is_empty));
    }

    #[test]
    fn status_changes_additions_removals_and_coverage() {
        let old = data(vec![
            act("a", &[31], Status::Ongoing),
            act("b", &[32, 61], Status::Planned),
            act("c", &[50], Status::Planned),
            act("d", &[1], Status::Completed),
        ]);
        let mut edited = act("d", &[1], Status::Completed);
        edited.title = "Renamed".into();
        let new = data(vec![
            act("a", &[31], Status::Completed),
            act("b", &[32, 61], Status::Completed),
            act("e", &[22], Status::Planned),
            edited,
        ]);
        let d = diff(&old, &new);
        assert_eq!(
            (d.added, d.removed, d.status_changed, d.edited),
            (1, 1, 2, 1)
        );
        let ii = d.group(Group::Pillar(Pillar::II));
        assert_eq!(ii.moved_to(Status::Completed), 2);
        assert_eq!(
            ii.moved[Status::Ongoing.index()][Status::Completed.index()],
            1
        );
        assert_eq!(
            ii.moved[Status::Planned.index()][Status::Completed.index()],
            1
        );
        assert_eq!(
            d.group(Group::Pillar(Pillar::IV))
                .moved_to(Status::Completed),
            1
        );
        assert_eq!(d.group(Group::Pillar(Pillar::I)).added, 1);
        assert_eq!(d.group(Group::Pillar(Pillar::I)).newly_covered, vec![22]);
        assert_eq!(d.group(Group::Pillar(Pillar::III)).removed, 1);
        assert_eq!(d.group(Group::Pillar(Pillar::III)).uncovered, vec![50]);
        assert_eq!(d.group(Group::Declaratory).edited, 1);
        assert!(d.group(Group::FollowUp).is_empty());
        assert_eq!(
            d.paragraphs.iter().copied().collect::<Vec<_>>(),
            vec![1, 22, 31, 32, 50, 61]
        );
    }

    #[test]
    fn phrases_say_what_moved_where() {
        let old = data(vec![
            act("a", &[31], Status::Ongoing),
            act("b", &[32], Status::Planned),
            act("c", &[96], Status::Planned),
        ]);
        let new = data(vec![
            act("a", &[31], Status::Completed),
            act("b", &[32], Status::Completed),
            act("e", &[22], Status::Planned),
        ]);
        let phrases = change_phrases(&diff(&old, &new), ChartLocale::english());
        assert_eq!(
            phrases,
            vec![
                "1 new activity in Pillar I",
                "2 activities completed in Pillar II",
                "1 activity removed from Follow-up",
            ]
        );
    }

    #[test]
    fn the_comparison_table_has_a_row_per_pillar_and_totals() {
        let old = data(vec![
            act("a", &[31], Status::Ongoing),
            act("b", &[32], Status::Planned),
        ]);
        let new = data(vec![
            act("a", &[31], Status::Completed),
            act("b", &[32], Status::Completed),
            act("e", &[22], Status::Planned),
        ]);
        let (header, rows) = comparison_table(&diff(&old, &new), ChartLocale::english());
        assert_eq!(header.len(), 8);
        assert_eq!(header[0], "Group");
        let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            labels,
            vec!["Pillar I", "Pillar II", "Pillar III", "Pillar IV", "Total"]
        );
        assert_eq!(
            rows[0],
            vec!["Pillar I", "1", "0", "0", "0", "0", "0", "22"]
        );
        assert_eq!(rows[1], vec!["Pillar II", "0", "0", "2", "0", "0", "0", ""]);
        assert_eq!(rows[4], vec!["Total", "1", "0", "2", "0", "0", "0", "22"]);
    }

    #[test]
    fn a_moved_activity_touches_both_groups() {
        let old = data(vec![act("a", &[21], Status::Planned)]);
        let new = data(vec![act("a", &[95], Status::Planned)]);
        let d = diff(&old, &new);
        assert_eq!(d.edited, 1);
        assert_eq!(d.group(Group::Pillar(Pillar::I)).edited, 1);
        assert_eq!(d.group(Group::Pillar(Pillar::IV)).edited, 1);
        assert_eq!(d.group(Group::Pillar(Pillar::I)).uncovered, vec![21]);
        assert_eq!(d.group(Group::Pillar(Pillar::IV)).newly_covered, vec![95]);
    }

    #[test]
    fn groups_cover_every_paragraph() {
        for n in 1..=97u8 {
            assert!(Group::of_paragraph(n).is_some(), "{n}");
        }
        assert_eq!(Group::of_paragraph(0), None);
        assert_eq!(Group::of_paragraph(98), None);
        assert_eq!(Group::of_paragraph(30), Some(Group::Pillar(Pillar::I)));
        assert_eq!(Group::of_paragraph(96), Some(Group::FollowUp));
    }
}
