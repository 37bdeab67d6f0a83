//! Aggregation of a dataset over the Declaration's structure: per part, pillar,
//! theme and paragraph, how many paragraphs have at least one activity
//! (coverage, "n of m"), activities by status and mean progress; paragraphs
//! with no activity at all; activities started per quarter (cumulative,
//! overall and per pillar) for the timeline; and counts by Sustainable
//! Development Goal, follow-up track and lead.
//!
//! Counting rule: within one group (a part, a pillar, a theme, a paragraph) an
//! activity counts once, however many of the group's paragraphs it cites; an
//! activity that cites paragraphs in two groups counts once in each. So the
//! pillars' activity counts can add up to more than the total.
//!
//! [`summarize`] takes a [`SummaryOptions`] saying which statuses count, so a
//! chart whose legend switches statuses off asks for the summary of that
//! subset. Paragraph → group lookups go through arrays indexed by paragraph
//! number, built once per Declaration ([`DeclarationIndex`]); summarising
//! allocates nothing per activity except new timeline quarters and new leads.

use crate::core::declaration::{Declaration, PARAGRAPH_COUNT};
use crate::core::model::{Dataset, Part, Pillar, Status, Track};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Which activities a summary counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SummaryOptions {
    /// Whether each status counts, in [`Status::ALL`] order.
    pub statuses: [bool; 3],
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            statuses: [true; 3],
        }
    }
}

impl SummaryOptions {
    /// Counts only the given statuses.
    pub fn only(statuses: &[Status]) -> SummaryOptions {
        let mut s = [false; 3];
        for st in statuses {
            if let Some(slot) = s.get_mut(st.index()) {
                *slot = true;
            }
        }
        SummaryOptions { statuses: s }
    }

    /// Whether activities with this status count.
    pub fn counts(&self, status: Status) -> bool {
        self.statuses.get(status.index()).copied().unwrap_or(false)
    }
}

/// Progress of a group of paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct GroupProgress {
    /// Paragraphs in the group (m).
    pub paragraphs: u32,
    /// Paragraphs with at least one counted activity (n).
    pub covered: u32,
    /// Counted activities citing at least one paragraph of the group, each once.
    pub activities: u32,
    /// Those activities by status, in [`Status::ALL`] order.
    pub by_status: [u32; 3],
    /// Mean progress (0–100) of those of them that have a progress value.
    pub mean_progress: Option<f32>,
}

impl GroupProgress {
    /// Covered share of the group's paragraphs, 0.0–1.0.
    pub fn coverage(&self) -> f32 {
        if self.paragraphs == 0 {
            0.0
        } else {
            // Counts of at most 97 paragraphs: exact in f32.
            #[allow(clippy::cast_precision_loss)]
            let share = self.covered as f32 / self.paragraphs as f32;
            share
        }
    }

    /// "n of m".
    pub fn coverage_label(&self) -> String {
        format!("{} of {}", self.covered, self.paragraphs)
    }
}

/// Activities and their statuses, for a goal, a track or a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StatusCount {
    /// Counted activities.
    pub activities: u32,
    /// By status, in [`Status::ALL`] order.
    pub by_status: [u32; 3],
}

impl StatusCount {
    fn add(&mut self, status: usize) {
        self.activities += 1;
        if let Some(s) = self.by_status.get_mut(status) {
            *s += 1;
        }
    }
}

/// A part of the Declaration and its progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartProgress {
    /// Which part.
    pub part: Part,
    /// Its heading.
    pub heading: String,
    /// First and last paragraph.
    pub range: (u8, u8),
    /// Its progress.
    #[serde(flatten)]
    pub progress: GroupProgress,
}

/// A pillar and its progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarProgress {
    /// Which pillar.
    pub pillar: Pillar,
    /// Its heading as printed.
    pub heading: String,
    /// First and last paragraph.
    pub range: (u8, u8),
    /// Its progress.
    #[serde(flatten)]
    pub progress: GroupProgress,
}

/// A theme and its progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeProgress {
    /// The pillar it is in.
    pub pillar: Pillar,
    /// The heading as printed.
    pub heading: String,
    /// Its paragraphs.
    pub paragraph_numbers: Vec<u8>,
    /// Its progress.
    #[serde(flatten)]
    pub progress: GroupProgress,
}

/// One paragraph and its progress (`paragraphs` is 1, `covered` 0 or 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParagraphProgress {
    /// 1–97.
    pub number: u8,
    /// Its part.
    pub part: Part,
    /// Its pillar, for 21–95.
    pub pillar: Option<Pillar>,
    /// Index of its theme in [`Summary::themes`], for 21–95.
    pub theme: Option<usize>,
    /// Its progress.
    #[serde(flatten)]
    pub progress: GroupProgress,
}

/// Activities per Sustainable Development Goal (targets count for their goal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SdgCount {
    /// 1–17.
    pub goal: u8,
    /// Counted activities contributing to it, each once.
    #[serde(flatten)]
    pub count: StatusCount,
}

/// Activities per follow-up track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TrackCount {
    /// The track.
    pub track: Track,
    /// Counted activities in it.
    #[serde(flatten)]
    pub count: StatusCount,
}

/// Activities per lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadCount {
    /// The lead as written (first spelling seen; leads are matched exactly).
    pub lead: String,
    /// Counted activities it leads.
    #[serde(flatten)]
    pub count: StatusCount,
}

/// Activities started in one calendar quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarterPoint {
    /// Year.
    pub year: u16,
    /// 1–4.
    pub quarter: u8,
    /// "2022 Q4".
    pub label: String,
    /// Started in this quarter.
    pub started: u32,
    /// Started in this quarter or before.
    pub cumulative: u32,
    /// Started in this quarter, per pillar (an activity citing two pillars
    /// counts in both).
    pub started_by_pillar: [u32; 4],
    /// Started in this quarter or before, per pillar.
    pub cumulative_by_pillar: [u32; 4],
}

/// Activities started per quarter, for a cumulative timeline.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Timeline {
    /// Every quarter from the first start to the last, gaps included.
    pub quarters: Vec<QuarterPoint>,
    /// Counted activities without a start date (not in `quarters`).
    pub undated: u32,
    /// Counted activities whose start gives only a year; they are placed in
    /// that year's first quarter.
    pub year_only: u32,
}

/// Totals over the whole Declaration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Totals {
    /// Activities in the dataset, counted or not.
    pub dataset_activities: u32,
    /// Over all 97 paragraphs: counted activities, coverage, statuses.
    #[serde(flatten)]
    pub progress: GroupProgress,
    /// Counted activities with no track.
    pub without_track: u32,
    /// Counted activities with no lead.
    pub without_lead: u32,
    /// Counted activities with no goal.
    pub without_sdg: u32,
}

/// Everything the charts and the CLI show about a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The options it was made with.
    pub options: SummaryOptions,
    /// Totals.
    pub totals: Totals,
    /// The three parts, in order.
    pub parts: Vec<PartProgress>,
    /// The four pillars, always all four, in order.
    pub pillars: Vec<PillarProgress>,
    /// Every theme, in document order.
    pub themes: Vec<ThemeProgress>,
    /// Paragraphs 1–97, in order.
    pub paragraphs: Vec<ParagraphProgress>,
    /// Paragraphs with no counted activity: where nothing is happening yet.
    pub uncovered: Vec<u8>,
    /// Activities started per quarter.
    pub timeline: Timeline,
    /// Goals 1–17, always all, in order.
    pub by_sdg: Vec<SdgCount>,
    /// The five tracks, always all, in order.
    pub by_track: Vec<TrackCount>,
    /// Leads, most activities first (ties by name).
    pub by_lead: Vec<LeadCount>,
}

impl Summary {
    /// The progress of a pillar.
    pub fn pillar(&self, pillar: Pillar) -> Option<&PillarProgress> {
        self.pillars.get(pillar.index())
    }

    /// The progress of a paragraph.
    pub fn paragraph(&self, number: u8) -> Option<&ParagraphProgress> {
        self.paragraphs.get(usize::from(number).checked_sub(1)?)
    }
}

const NONE: u16 = u16::MAX;
const SLOTS: usize = PARAGRAPH_COUNT as usize + 1;

/// The Declaration's structure as lookup tables: for each paragraph number,
/// the groups it belongs to. Built once from a [`Declaration`].
#[derive(Debug, Clone)]
pub struct DeclarationIndex {
    part_headings: [String; 3],
    pillar_headings: [String; 4],
    themes: Vec<(Pillar, String, Vec<u8>)>,
    /// Per paragraph number: theme index or NONE.
    theme_of: [u16; SLOTS],
}

/// The pillar headings, for a Declaration without its text.
const PILLAR_HEADINGS: [&str; 4] = [
    "Advancing crime prevention",
    "Advancing the criminal justice system",
    "Promoting the rule of law",
    "Promoting international cooperation and technical assistance to prevent and address all forms of crime",
];
const PART_HEADINGS: [&str; 3] = ["Declaratory paragraphs", "Actions", "Follow-up"];

impl DeclarationIndex {
    /// Builds the tables. Parts and pillars come from the fixed paragraph
    /// ranges; themes and headings from the Declaration (a Declaration without
    /// themes gives a summary without themes).
    pub fn new(declaration: &Declaration) -> DeclarationIndex {
        let part_headings = Part::ALL.map(|part| {
            declaration
                .parts
                .iter()
                .find(|p| p.id == part)
                .map(|p| p.heading.clone())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| {
                    PART_HEADINGS
                        .get(part.index())
                        .copied()
                        .unwrap_or_default()
                        .to_string()
                })
        });
        let pillar_headings = Pillar::ALL.map(|pillar| {
            declaration
                .pillar(pillar)
                .map(|p| p.heading.clone())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| {
                    PILLAR_HEADINGS
                        .get(pillar.index())
                        .copied()
                        .unwrap_or_default()
                        .to_string()
                })
        });
        let mut themes = Vec::new();
        let mut theme_of = [NONE; SLOTS];
        for section in &declaration.pillars {
            for theme in &section.themes {
                let Ok(t) = u16::try_from(themes.len()) else {
                    break;
                };
                let mut numbers = Vec::new();
                for &n in &theme.paragraphs {
                    // A theme lists only paragraphs of its own pillar.
                    if Pillar::of_paragraph(n) != Some(section.id) {
                        continue;
                    }
                    if let Some(slot) = theme_of.get_mut(usize::from(n)) {
                        if *slot == NONE {
                            *slot = t;
                            numbers.push(n);
                        }
                    }
                }
                themes.push((section.id, theme.heading.clone(), numbers));
            }
        }
        DeclarationIndex {
            part_headings,
            pillar_headings,
            themes,
            theme_of,
        }
    }

    /// The index of the embedded Declaration, built once.
    pub fn get() -> &'static DeclarationIndex {
        static CELL: OnceLock<DeclarationIndex> = OnceLock::new();
        CELL.get_or_init(|| DeclarationIndex::new(Declaration::get()))
    }

    /// Index of a paragraph's theme among the themes, in document order.
    pub fn theme_of(&self, number: u8) -> Option<usize> {
        match self.theme_of.get(usize::from(number)) {
            Some(&t) if t != NONE => Some(usize::from(t)),
            _ => None,
        }
    }

    /// Number of themes.
    pub fn theme_count(&self) -> usize {
        self.themes.len()
    }
}

/// Running sums for one group.
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    activities: u32,
    by_status: [u32; 3],
    progress_sum: u64,
    progress_n: u32,
}

impl Acc {
    #[inline]
    fn add(&mut self, status: usize, progress: Option<u8>) {
        self.activities += 1;
        if let Some(s) = self.by_status.get_mut(status) {
            *s += 1;
        }
        if let Some(p) = progress {
            self.progress_sum += u64::from(p);
            self.progress_n += 1;
        }
    }

    fn merge(&mut self, other: &Acc) {
        self.activities += other.activities;
        for (a, b) in self.by_status.iter_mut().zip(other.by_status) {
            *a += b;
        }
        self.progress_sum += other.progress_sum;
        self.progress_n += other.progress_n;
    }

    fn progress(&self, paragraphs: u32, covered: u32) -> GroupProgress {
        GroupProgress {
            paragraphs,
            covered,
            activities: self.activities,
            by_status: self.by_status,
            // A mean of values 0–100: f32 is plenty.
            #[allow(clippy::cast_precision_loss)]
            mean_progress: (self.progress_n > 0)
                .then(|| (self.progress_sum as f64 / f64::from(self.progress_n)) as f32),
        }
    }
}

/// FNV-1a, for the leads table: a few dozen short keys looked up once per
/// activity, where SipHash cost a third of the summary.
#[derive(Default)]
struct Fnv1a(u64);

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Summarises a dataset over the embedded Declaration.
///
/// ```
/// use kyoto_widgets::core::aggregate::{summarize, SummaryOptions};
/// use kyoto_widgets::core::import::import_bytes;
/// let csv = "id,title,paragraphs,status\nA,One,21; 31,ongoing\nB,Two,22,done\n";
/// let data = import_bytes(csv.as_bytes()).unwrap().dataset;
/// let s = summarize(&data, &SummaryOptions::default());
/// assert_eq!(s.pillars[0].progress.activities, 2);
/// assert_eq!(s.pillars[0].progress.coverage_label(), "2 of 10");
/// assert_eq!(s.totals.progress.activities, 2);
/// ```
pub fn summarize(dataset: &Dataset, options: &SummaryOptions) -> Summary {
    summarize_with(dataset, options, DeclarationIndex::get())
}

/// Summarises a dataset over a given Declaration index.
pub fn summarize_with(
    dataset: &Dataset,
    options: &SummaryOptions,
    index: &DeclarationIndex,
) -> Summary {
    Tally::new(dataset, index).summary(options)
}

/// Group ids: parts, pillars, themes, then paragraphs 1–97.
const PILLAR_BASE: usize = 3;
const THEME_BASE: usize = PILLAR_BASE + 4;

/// A dataset counted once, each status apart: the summary of any status
/// subset (what a legend click asks for) adds up the statuses it counts
/// without reading the activities again. An activity has one status, so an
/// activity counted once per group is counted once per group and status.
#[derive(Debug, Clone)]
pub struct Tally<'i> {
    index: &'i DeclarationIndex,
    dataset_activities: u32,
    /// Per group id, per status.
    acc: Vec<[Acc; 3]>,
    total: [Acc; 3],
    sdg: [StatusCount; 17],
    tracks: [StatusCount; 5],
    /// Leads in order of first appearance.
    leads: Vec<(String, StatusCount)>,
    /// Start quarter key (year × 4 + quarter), pillars cited (bits), status; sorted by key.
    starts: Vec<(u32, u8, u8)>,
    /// Per status.
    undated: [u32; 3],
    year_only: [u32; 3],
    without_track: [u32; 3],
    without_lead: [u32; 3],
    without_sdg: [u32; 3],
}

impl<'i> Tally<'i> {
    /// Counts every activity of `dataset`, once.
    pub fn new(dataset: &Dataset, index: &'i DeclarationIndex) -> Tally<'i> {
        let para_base = THEME_BASE + index.themes.len();
        let group_count = para_base + usize::from(PARAGRAPH_COUNT);
        let mut groups_of = [[usize::MAX; 4]; SLOTS];
        for n in 1..=PARAGRAPH_COUNT {
            if let Some(g) = groups_of.get_mut(usize::from(n)) {
                *g = [
                    Part::of_paragraph(n).map_or(usize::MAX, |p| p.index()),
                    Pillar::of_paragraph(n).map_or(usize::MAX, |p| PILLAR_BASE + p.index()),
                    index.theme_of(n).map_or(usize::MAX, |t| THEME_BASE + t),
                    para_base + usize::from(n) - 1,
                ];
            }
        }

        let mut t = Tally {
            index,
            dataset_activities: u32::try_from(dataset.activities.len()).unwrap_or(u32::MAX),
            acc: vec![[Acc::default(); 3]; group_count],
            total: [Acc::default(); 3],
            sdg: [StatusCount::default(); 17],
            tracks: [StatusCount::default(); 5],
            leads: Vec::new(),
            starts: Vec::new(),
            undated: [0; 3],
            year_only: [0; 3],
            without_track: [0; 3],
            without_lead: [0; 3],
            without_sdg: [0; 3],
        };
        let mut stamp = vec![0u32; group_count];
        let mut lead_index: HashMap<&str, usize, BuildHasherDefault<Fnv1a>> = HashMap::default();
        let bump = |counts: &mut [u32; 3], status: usize| {
            if let Some(c) = counts.get_mut(status) {
                *c += 1;
            }
        };

        for (i, a) in dataset.activities.iter().enumerate() {
            let status = a.status.index();
            let mark = u32::try_from(i).unwrap_or(u32::MAX - 1) + 1;
            if let Some(ac) = t.total.get_mut(status) {
                ac.add(status, a.progress);
            }
            let mut pillar_mask = 0u8;
            for &p in &a.paragraphs {
                let Some(gs) = groups_of.get(usize::from(p)) else {
                    continue;
                };
                for &g in gs {
                    if let (Some(s), Some(ac)) = (
                        stamp.get_mut(g),
                        t.acc.get_mut(g).and_then(|a| a.get_mut(status)),
                    ) {
                        if *s != mark {
                            *s = mark;
                            ac.add(status, a.progress);
                        }
                    }
                }
                if let Some(pl) = gs.get(1).and_then(|g| g.checked_sub(PILLAR_BASE)) {
                    if pl < 4 {
                        pillar_mask |= 1 << pl;
                    }
                }
            }

            let mut goals = 0u32;
            for s in &a.sdgs {
                if (1..=17).contains(&s.goal) {
                    goals |= 1 << (s.goal - 1);
                }
            }
            if goals == 0 {
                bump(&mut t.without_sdg, status);
            }
            for (g, count) in t.sdg.iter_mut().enumerate() {
                if goals & (1 << g) != 0 {
                    count.add(status);
                }
            }

            match a.track {
                Some(k) => {
                    if let Some(c) = Track::ALL
                        .iter()
                        .position(|x| *x == k)
                        .and_then(|x| t.tracks.get_mut(x))
                    {
                        c.add(status);
                    }
                }
                None => bump(&mut t.without_track, status),
            }

            match a.lead.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
                Some(lead) => {
                    let leads = &mut t.leads;
                    let k = *lead_index.entry(lead).or_insert_with(|| {
                        leads.push((lead.to_string(), StatusCount::default()));
                        leads.len() - 1
                    });
                    if let Some((_, c)) = t.leads.get_mut(k) {
                        c.add(status);
                    }
                }
                None => bump(&mut t.without_lead, status),
            }

            match a.start {
                Some(d) => {
                    // Quarter 0–3 (a month outside 1–12 from a hand-built date
                    // counts in the last quarter rather than panicking).
                    let q = match d.month {
                        Some(m) => (m.saturating_sub(1) / 3).min(3),
                        None => {
                            bump(&mut t.year_only, status);
                            0
                        }
                    };
                    let st = u8::try_from(status).unwrap_or(0);
                    t.starts
                        .push((u32::from(d.year) * 4 + u32::from(q), pillar_mask, st));
                }
                None => bump(&mut t.undated, status),
            }
        }
        crate::core::order::sort_by_key(&mut t.starts, |s| s.0);
        t
    }

    /// The summary counting the statuses `options` counts.
    pub fn summary(&self, options: &SummaryOptions) -> Summary {
        let index = self.index;
        let para_base = THEME_BASE + index.themes.len();
        let on = options.statuses;
        let pick = |counts: &[u32; 3]| -> u32 {
            counts
                .iter()
                .zip(on)
                .filter(|(_, o)| *o)
                .map(|(c, _)| *c)
                .sum()
        };
        let merge = |accs: &[Acc; 3]| -> Acc {
            let mut m = Acc::default();
            for (a, _) in accs.iter().zip(on).filter(|(_, o)| *o) {
                m.merge(a);
            }
            m
        };
        let count = |c: &StatusCount| -> StatusCount {
            let mut by_status = c.by_status;
            for (b, o) in by_status.iter_mut().zip(on) {
                if !o {
                    *b = 0;
                }
            }
            StatusCount {
                activities: by_status.iter().sum(),
                by_status,
            }
        };
        let acc: Vec<Acc> = self.acc.iter().map(merge).collect();
        let total = merge(&self.total);
        let (undated, year_only) = (pick(&self.undated), pick(&self.year_only));
        let (without_track, without_lead, without_sdg) = (
            pick(&self.without_track),
            pick(&self.without_lead),
            pick(&self.without_sdg),
        );
        let counted = |st: u8| on.get(usize::from(st)).copied().unwrap_or(false);
        let starts: Vec<(u32, u8)> = self
            .starts
            .iter()
            .filter(|s| counted(s.2))
            .map(|&(k, m, _)| (k, m))
            .collect();
        let sdg = self.sdg.map(|c| count(&c));
        let tracks = self.tracks.map(|c| count(&c));
        let leads: Vec<(&str, StatusCount)> = self
            .leads
            .iter()
            .map(|(l, c)| (l.as_str(), count(c)))
            .filter(|(_, c)| c.activities > 0)
            .collect();
        let pillar_base = PILLAR_BASE;
        let theme_base = THEME_BASE;

        // Coverage.
        let covered_para = |n: u8| -> bool {
            acc.get(para_base + usize::from(n) - 1)
                .is_some_and(|a| a.activities > 0)
        };
        let count_covered = |first: u8, last: u8| -> u32 {
            let c = (first..=last).filter(|&n| covered_para(n)).count();
            u32::try_from(c).unwrap_or(u32::MAX)
        };
        let acc_of = |g: usize| acc.get(g).copied().unwrap_or_default();

        let parts = Part::ALL
            .iter()
            .map(|&part| {
                let (first, last) = part.paragraph_range();
                PartProgress {
                    part,
                    heading: index
                        .part_headings
                        .get(part.index())
                        .cloned()
                        .unwrap_or_default(),
                    range: (first, last),
                    progress: acc_of(part.index())
                        .progress(u32::from(last - first + 1), count_covered(first, last)),
                }
            })
            .collect();
        let pillars = Pillar::ALL
            .iter()
            .map(|&pillar| {
                let (first, last) = pillar.paragraph_range();
                PillarProgress {
                    pillar,
                    heading: index
                        .pillar_headings
                        .get(pillar.index())
                        .cloned()
                        .unwrap_or_default(),
                    range: (first, last),
                    progress: acc_of(pillar_base + pillar.index())
                        .progress(u32::from(last - first + 1), count_covered(first, last)),
                }
            })
            .collect();
        let themes = index
            .themes
            .iter()
            .enumerate()
            .map(|(t, (pillar, heading, numbers))| {
                let covered = numbers.iter().filter(|&&n| covered_para(n)).count();
                ThemeProgress {
                    pillar: *pillar,
                    heading: heading.clone(),
                    paragraph_numbers: numbers.clone(),
                    progress: acc_of(theme_base + t).progress(
                        u32::try_from(numbers.len()).unwrap_or(u32::MAX),
                        u32::try_from(covered).unwrap_or(u32::MAX),
                    ),
                }
            })
            .collect();
        let mut uncovered = Vec::new();
        let paragraphs = (1..=PARAGRAPH_COUNT)
            .map(|n| {
                let covered = covered_para(n);
                if !covered {
                    uncovered.push(n);
                }
                ParagraphProgress {
                    number: n,
                    part: Part::of_paragraph(n).unwrap_or(Part::Actions),
                    pillar: Pillar::of_paragraph(n),
                    theme: index.theme_of(n),
                    progress: acc_of(para_base + usize::from(n) - 1)
                        .progress(1, u32::from(covered)),
                }
            })
            .collect();

        // Timeline.
        let mut quarters = Vec::new();
        if let (Some(&(first, _)), Some(&(last, _))) = (starts.first(), starts.last()) {
            let mut it = starts.iter().peekable();
            let (mut cumulative, mut cumulative_by_pillar) = (0u32, [0u32; 4]);
            for key in first..=last {
                let (mut started, mut started_by_pillar) = (0u32, [0u32; 4]);
                while let Some(&&(k, mask)) = it.peek() {
                    if k != key {
                        break;
                    }
                    started += 1;
                    for (p, c) in started_by_pillar.iter_mut().enumerate() {
                        if mask & (1 << p) != 0 {
                            *c += 1;
                        }
                    }
                    it.next();
                }
                cumulative += started;
                for (c, s) in cumulative_by_pillar.iter_mut().zip(started_by_pillar) {
                    *c += s;
                }
                let year = u16::try_from(key / 4).unwrap_or(u16::MAX);
                let quarter = u8::try_from(key % 4 + 1).unwrap_or(1);
                quarters.push(QuarterPoint {
                    year,
                    quarter,
                    label: format!("{year} Q{quarter}"),
                    started,
                    cumulative,
                    started_by_pillar,
                    cumulative_by_pillar,
                });
            }
        }

        let mut by_lead: Vec<LeadCount> = leads
            .into_iter()
            .map(|(lead, count)| LeadCount {
                lead: lead.to_string(),
                count,
            })
            .collect();
        crate::core::order::sort_by(&mut by_lead, |a, b| {
            b.count
                .activities
                .cmp(&a.count.activities)
                .then_with(|| a.lead.cmp(&b.lead))
        });

        let total_covered = count_covered(1, PARAGRAPH_COUNT);
        Summary {
            options: *options,
            totals: Totals {
                dataset_activities: self.dataset_activities,
                progress: total.progress(u32::from(PARAGRAPH_COUNT), total_covered),
                without_track,
                without_lead,
                without_sdg,
            },
            parts,
            pillars,
            themes,
            paragraphs,
            uncovered,
            timeline: Timeline {
                quarters,
                undated,
                year_only,
            },
            by_sdg: sdg
                .iter()
                .enumerate()
                .map(|(g, &count)| SdgCount {
                    goal: u8::try_from(g + 1).unwrap_or(0),
                    count,
                })
                .collect(),
            by_track: Track::ALL
                .iter()
                .zip(tracks)
                .map(|(&track, count)| TrackCount { track, count })
                .collect(),
            by_lead,
        }
    }
}
