//! The reporting widget's model (`<kyoto-reporting>`, `kyoto reporting`):
//! who has reported, for a chosen cycle (the latest by default) and pillar,
//! over the figures of [`crate::core::progress::reporting`].
//!
//! A [`ReportingBoard`] holds, for every cycle, the figures `reporting()`
//! counts (States and other respondents answering per pillar, reports on
//! time, late, missing and not yet due, paragraphs covered) and how many
//! States reporting had a report on time, late or none submitted
//! ([`StatesByStanding`]: the overview's bars); for the cycle and pillar
//! chosen, one [`CountryRow`] per area (area, respondent types that
//! answered, report status, submitted on, paragraphs covered), sortable by
//! each column ([`sort_rows`], through [`crate::core::order`]) and
//! filterable ([`CountryFilter`]); the tile-grid world map ([`tile_grid`]);
//! and per question how States and the other respondents answered
//! ([`question_bars`]). The bars are laid out by
//! [`crate::core::layout::layout_bars`], the map by
//! [`tile_grid::layout_tile_map`]: the render layer draws those rectangles
//! and the web layer hit-tests them.
//!
//! Only published answers count unless the [`ReportingOptions`] say
//! otherwise.

pub mod tile_grid;

pub use crate::core::export::FigureTable;

use crate::core::chart::ChartLocale;
use crate::core::i18n::Arg;
use crate::core::layout::{
    layout_bars, Align, BarInput, BarLayout, BarLayoutOptions, Rect, SegmentKind, TextBox,
    TextMeasure,
};
use crate::core::model::{PartialDate, Pillar};
use crate::core::order;
use crate::core::progress::reporting::{
    question_distribution, reporting, timing, CycleReporting, QuestionDistribution,
    ReportingOptions, Timing,
};
use crate::core::progress::{
    Area, ProgressDataset, Question, QuestionType, ReportType, RespondentType,
};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// Where an area stands in a cycle: the worst standing of its reports
/// (covering the pillar chosen) that are due, so that an area owing a
/// report it has not submitted never shows as on time (missing before
/// late before on time; not yet due only when none is due yet), else
/// whether it answered. [`CountryRow::reports`] keeps each report's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportStatus {
    /// Every report due submitted on or before its due date.
    OnTime,
    /// A report submitted after its due date (none missing).
    Late,
    /// Reports not due yet, none due.
    NotYetDue,
    /// A report due and not submitted.
    Missing,
    /// No report expected, but answers to the questionnaire.
    AnsweredOnly,
    /// Nothing in this cycle.
    NoData,
}

impl ReportStatus {
    /// Every status, in the legend's order.
    pub const ALL: [ReportStatus; 6] = [
        ReportStatus::OnTime,
        ReportStatus::Late,
        ReportStatus::NotYetDue,
        ReportStatus::Missing,
        ReportStatus::AnsweredOnly,
        ReportStatus::NoData,
    ];

    /// Index 0..6 in [`ReportStatus::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The status's name in data and URLs: `on-time`, `late`, `not-yet-due`,
    /// `missing`, `answered-only`, `no-data`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::OnTime => "on-time",
            ReportStatus::Late => "late",
            ReportStatus::NotYetDue => "not-yet-due",
            ReportStatus::Missing => "missing",
            ReportStatus::AnsweredOnly => "answered-only",
            ReportStatus::NoData => "no-data",
        }
    }

    /// Reads a name [`ReportStatus::as_str`] gives.
    pub fn parse(text: &str) -> Option<ReportStatus> {
        ReportStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim())
    }

    /// Its catalogue key (`reporting.status.on-time`).
    pub fn key(self) -> String {
        format!("reporting.status.{}", self.as_str())
    }

    fn of_timing(t: Timing) -> ReportStatus {
        match t {
            Timing::OnTime => ReportStatus::OnTime,
            Timing::Late => ReportStatus::Late,
            Timing::NotYetDue => ReportStatus::NotYetDue,
            Timing::Missing => ReportStatus::Missing,
        }
    }

    /// Whether a report was submitted.
    pub fn submitted(self) -> bool {
        matches!(self, ReportStatus::OnTime | ReportStatus::Late)
    }

    /// How much a report of this standing weighs on its area's status: a
    /// report missing most, then late, then on time, then not yet due.
    fn owed(self) -> u8 {
        match self {
            ReportStatus::Missing => 3,
            ReportStatus::Late => 2,
            ReportStatus::OnTime => 1,
            _ => 0,
        }
    }
}

impl fmt::Display for ReportStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a legend swatch stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendKey {
    /// A report status (the map).
    Status(ReportStatus),
    /// A bar segment (the overview and the question chart).
    Segment(SegmentKind),
}

/// One laid-out legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// What it stands for.
    pub key: LegendKey,
    /// Its swatch.
    pub swatch: Rect,
    /// Its label.
    pub label: TextBox,
}

/// The States reporting in a cycle for a pillar, by their best report:
/// `on_time + late + answered_only` is `states_reporting` of
/// [`crate::core::progress::reporting::PillarReporting`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StatesByStanding {
    /// With a report on time.
    pub on_time: usize,
    /// With a report late (none on time).
    pub late: usize,
    /// With answers but no report submitted.
    pub answered_only: usize,
}

impl StatesByStanding {
    /// States reporting.
    pub fn total(&self) -> usize {
        self.on_time + self.late + self.answered_only
    }
}

/// One report of an area in a cycle: its type, standing and day received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AreaReport {
    /// Questionnaire, voluntary report or thematic submission.
    #[serde(rename = "type")]
    pub kind: ReportType,
    /// Its standing.
    pub status: ReportStatus,
    /// When it was received, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<PartialDate>,
}

/// The catalogue key of a report type's name (`reporting.report.questionnaire`).
pub fn report_type_key(kind: ReportType) -> &'static str {
    match kind {
        ReportType::Questionnaire => "reporting.report.questionnaire",
        ReportType::VoluntaryReport => "reporting.report.voluntary-report",
        ReportType::ThematicSubmission => "reporting.report.thematic-submission",
    }
}

/// One area in the cycle and pillar chosen: a row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryRow {
    /// The area.
    pub area: Area,
    /// Per [`RespondentType`], whether one of that type answered for it.
    pub respondents: [bool; 5],
    /// Its report status: the worst of its reports due
    /// ([`ReportStatus`]).
    pub status: ReportStatus,
    /// Its reports (covering the pillar chosen), in input order.
    pub reports: Vec<AreaReport>,
    /// When the report shown by the status was submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<PartialDate>,
    /// Paragraphs its submitted reports cite or its answers' questions ask
    /// about (of the pillar chosen), sorted.
    pub paragraphs: Vec<u8>,
    /// Its UN M49 region on the tile grid, when it has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<u16>,
}

impl CountryRow {
    /// The respondent types that answered, States first.
    pub fn respondent_types(&self) -> Vec<RespondentType> {
        RespondentType::ALL
            .into_iter()
            .filter(|t| self.respondents.get(t.index()).copied().unwrap_or(false))
            .collect()
    }

    /// Its status as the table and the map's tooltip say it, in the
    /// locale's words: `Missing`, or with the reports whose standing
    /// differs from it, `Missing (Voluntary report: On time)`.
    pub fn status_text(&self, locale: ChartLocale) -> String {
        let status = locale.text.text(&self.status.key()).to_string();
        let others: Vec<String> = self
            .reports
            .iter()
            .filter(|r| r.status != self.status)
            .map(|r| {
                locale.text.format(
                    "reporting.report.item",
                    &[
                        (
                            "report",
                            Arg::Str(locale.text.text(report_type_key(r.kind))),
                        ),
                        ("status", Arg::Str(locale.text.text(&r.status.key()))),
                    ],
                )
            })
            .collect();
        if others.is_empty() {
            return status;
        }
        locale.text.format(
            "reporting.status.detail",
            &[
                ("status", Arg::Str(&status)),
                (
                    "reports",
                    Arg::Str(&others.join(locale.text.text("reporting.report.separator"))),
                ),
            ],
        )
    }

    /// Its best standing among its reports (the overview counts States
    /// reporting by it): on time, late, else none submitted.
    pub fn best_report(&self) -> Option<ReportStatus> {
        self.reports.iter().map(|r| r.status).min()
    }

    /// Whether its State answered.
    pub fn state_answered(&self) -> bool {
        self.respondents
            .get(RespondentType::State.index())
            .copied()
            .unwrap_or(false)
    }
}

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountryColumn {
    /// The area's name.
    Area,
    /// The number of respondent types that answered.
    Respondents,
    /// The report status.
    Status,
    /// The submission date.
    SubmittedOn,
    /// The number of paragraphs covered.
    Paragraphs,
}

impl CountryColumn {
    /// The columns in table order.
    pub const ALL: [CountryColumn; 5] = [
        CountryColumn::Area,
        CountryColumn::Respondents,
        CountryColumn::Status,
        CountryColumn::SubmittedOn,
        CountryColumn::Paragraphs,
    ];

    /// Its name (`area`, `respondents`, `status`, `submitted-on`,
    /// `paragraphs`), also the catalogue key's end.
    pub fn as_str(self) -> &'static str {
        match self {
            CountryColumn::Area => "area",
            CountryColumn::Respondents => "respondents",
            CountryColumn::Status => "status",
            CountryColumn::SubmittedOn => "submitted-on",
            CountryColumn::Paragraphs => "paragraphs",
        }
    }

    /// Reads a name [`CountryColumn::as_str`] gives.
    pub fn parse(text: &str) -> Option<CountryColumn> {
        CountryColumn::ALL
            .into_iter()
            .find(|c| c.as_str() == text.trim())
    }
}

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CountrySort {
    /// The column.
    pub column: CountryColumn,
    /// Largest, latest or last first.
    pub descending: bool,
}

impl Default for CountrySort {
    /// By area name, A to Z.
    fn default() -> Self {
        CountrySort {
            column: CountryColumn::Area,
            descending: false,
        }
    }
}

impl CountrySort {
    /// The sort after a click on `column`'s header: the other direction on
    /// the same column, else the column ascending.
    pub fn toggled(self, column: CountryColumn) -> CountrySort {
        CountrySort {
            column,
            descending: self.column == column && !self.descending,
        }
    }
}

/// Sorts rows by `sort`, stably, with areas named by `name` (the page's
/// language in the browser, English natively); ties keep area order.
pub fn sort_rows(rows: &mut [CountryRow], sort: CountrySort, name: &dyn Fn(Area) -> String) {
    let names: HashMap<Area, String> = rows.iter().map(|r| (r.area, name(r.area))).collect();
    let by_name = |a: &CountryRow, b: &CountryRow| names.get(&a.area).cmp(&names.get(&b.area));
    order::sort_by(rows, |a, b| {
        let primary = match sort.column {
            CountryColumn::Area => by_name(a, b),
            CountryColumn::Respondents => {
                let count = |r: &CountryRow| r.respondents.iter().filter(|x| **x).count();
                count(a).cmp(&count(b))
            }
            CountryColumn::Status => a.status.cmp(&b.status),
            // Rows without a date after those with one, either way.
            CountryColumn::SubmittedOn => match (a.submitted_on, b.submitted_on) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) if sort.descending => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) if sort.descending => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            CountryColumn::Paragraphs => a.paragraphs.len().cmp(&b.paragraphs.len()),
        };
        let primary = if sort.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| by_name(a, b))
    });
}

/// Which rows the table shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CountryFilter {
    /// Only these statuses; empty: every status.
    pub statuses: Vec<ReportStatus>,
    /// Only areas of this UN M49 region (2, 9, 19, 142, 150).
    pub region: Option<u16>,
    /// Only areas whose code or name contains this text (any case).
    pub text: String,
}

impl CountryFilter {
    /// Whether `row` passes, its area named by `name`.
    pub fn accepts(&self, row: &CountryRow, name: &dyn Fn(Area) -> String) -> bool {
        if !self.statuses.is_empty() && !self.statuses.contains(&row.status) {
            return false;
        }
        if self.region.is_some() && self.region != row.region {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let code = row.area.to_string().to_lowercase();
        let iso2 = tile_grid::place_of(row.area)
            .map(|p| p.iso2.to_lowercase())
            .unwrap_or_default();
        code.contains(&needle) || iso2 == needle || name(row.area).to_lowercase().contains(&needle)
    }

    /// The rows that pass, in their order.
    pub fn apply<'a>(
        &self,
        rows: &'a [CountryRow],
        name: &dyn Fn(Area) -> String,
    ) -> Vec<&'a CountryRow> {
        rows.iter().filter(|r| self.accepts(r, name)).collect()
    }
}

/// The reporting widget's figures for every cycle, and its table for the
/// cycle and pillar chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportingBoard {
    /// Which answers count, and the day.
    pub options: ReportingOptions,
    /// Per cycle (sorted), who reported: `reporting()`'s figures.
    pub cycles: Vec<CycleReporting>,
    /// Per cycle, per pillar (in [`Pillar::ALL`] order), the States
    /// reporting by standing.
    pub standings: Vec<[StatesByStanding; 4]>,
    /// The cycle chosen (index into `cycles`); `None` when there is none.
    pub cycle: Option<usize>,
    /// The pillar chosen; `None`: every pillar.
    pub pillar: Option<Pillar>,
    /// One row per area with answers or reports in the cycle (for the
    /// pillar), by area code.
    pub rows: Vec<CountryRow>,
}

/// A cycle that is not in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCycle {
    /// The cycle asked for.
    pub asked: String,
    /// The cycles there are.
    pub known: Vec<String>,
}

impl fmt::Display for UnknownCycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.known.is_empty() {
            write!(
                f,
                "no cycle '{}': the data has no answers or reports",
                self.asked
            )
        } else {
            write!(
                f,
                "no cycle '{}' in the data; its cycles are {}",
                self.asked,
                self.known.join(", ")
            )
        }
    }
}

/// The answers and reports of one cycle, with the questions looked up once.
struct CycleRows<'a> {
    answers: Vec<(&'a crate::core::progress::Response, &'a Question)>,
    reports: Vec<&'a crate::core::progress::Report>,
}

impl ReportingBoard {
    /// The figures of every cycle; the latest cycle and every pillar chosen.
    pub fn new(dataset: &ProgressDataset, options: ReportingOptions) -> ReportingBoard {
        let cycles = reporting(dataset, &options);
        let questions: HashMap<&str, &Question> = dataset
            .questions
            .iter()
            .map(|q| (q.id.as_str(), q))
            .collect();
        let mut by_cycle: BTreeMap<&str, CycleRows> = BTreeMap::new();
        for r in dataset.responses.iter().filter(|r| options.shows(r.status)) {
            if let Some(q) = questions.get(r.question.as_str()) {
                by_cycle
                    .entry(r.cycle.as_str())
                    .or_insert_with(|| CycleRows {
                        answers: Vec::new(),
                        reports: Vec::new(),
                    })
                    .answers
                    .push((r, q));
            }
        }
        for r in &dataset.reports {
            by_cycle
                .entry(r.cycle.as_str())
                .or_insert_with(|| CycleRows {
                    answers: Vec::new(),
                    reports: Vec::new(),
                })
                .reports
                .push(r);
        }
        let standings = cycles
            .iter()
            .map(|c| {
                let mut per_pillar = [StatesByStanding::default(); 4];
                if let Some(rows) = by_cycle.get(c.cycle.as_str()) {
                    for (slot, pillar) in per_pillar.iter_mut().zip(Pillar::ALL) {
                        for row in country_rows(rows, Some(pillar), &options) {
                            if !row.area.is_country() {
                                continue;
                            }
                            // States reporting, by their best report.
                            match row.best_report() {
                                Some(ReportStatus::OnTime) => slot.on_time += 1,
                                Some(ReportStatus::Late) => slot.late += 1,
                                _ if row.state_answered() => slot.answered_only += 1,
                                _ => {}
                            }
                        }
                    }
                }
                per_pillar
            })
            .collect();
        let cycle = cycles.len().checked_sub(1);
        let rows = cycle
            .and_then(|i| cycles.get(i))
            .and_then(|c| by_cycle.get(c.cycle.as_str()))
            .map(|rows| country_rows(rows, None, &options))
            .unwrap_or_default();
        ReportingBoard {
            options,
            cycles,
            standings,
            cycle,
            pillar: None,
            rows,
        }
    }

    /// Chooses a cycle (`None`: the latest) and a pillar (`None`: all), and
    /// computes the table's rows for them.
    pub fn select(
        &mut self,
        dataset: &ProgressDataset,
        cycle: Option<&str>,
        pillar: Option<Pillar>,
    ) -> Result<(), UnknownCycle> {
        let index = match cycle {
            None => self.cycles.len().checked_sub(1),
            Some(name) => Some(
                self.cycles
                    .iter()
                    .position(|c| c.cycle == name.trim())
                    .ok_or_else(|| UnknownCycle {
                        asked: name.to_string(),
                        known: self.cycle_names(),
                    })?,
            ),
        };
        self.cycle = index;
        self.pillar = pillar;
        let name = self.selected().map(|c| c.cycle.clone());
        self.rows = match name {
            Some(name) => {
                let questions: HashMap<&str, &Question> = dataset
                    .questions
                    .iter()
                    .map(|q| (q.id.as_str(), q))
                    .collect();
                let rows = CycleRows {
                    answers: dataset
                        .responses
                        .iter()
                        .filter(|r| r.cycle == name && self.options.shows(r.status))
                        .filter_map(|r| questions.get(r.question.as_str()).map(|q| (r, *q)))
                        .collect(),
                    reports: dataset.reports.iter().filter(|r| r.cycle == name).collect(),
                };
                country_rows(&rows, pillar, &self.options)
            }
            None => Vec::new(),
        };
        Ok(())
    }

    /// The cycles, oldest first.
    pub fn cycle_names(&self) -> Vec<String> {
        self.cycles.iter().map(|c| c.cycle.clone()).collect()
    }

    /// The figures of the cycle chosen.
    pub fn selected(&self) -> Option<&CycleReporting> {
        self.cycle.and_then(|i| self.cycles.get(i))
    }

    /// The pillars shown: the one chosen, or all four.
    pub fn pillars(&self) -> Vec<Pillar> {
        match self.pillar {
            Some(p) => vec![p],
            None => Pillar::ALL.to_vec(),
        }
    }

    /// The standing of the States reporting in cycle `cycle` (index) for
    /// `pillar`.
    pub fn standing(&self, cycle: usize, pillar: Pillar) -> StatesByStanding {
        self.standings
            .get(cycle)
            .and_then(|s| s.get(pillar.index()))
            .copied()
            .unwrap_or_default()
    }

    /// The row of an area in the cycle and pillar chosen.
    pub fn row(&self, area: Area) -> Option<&CountryRow> {
        self.rows
            .binary_search_by(|r| r.area.cmp(&area))
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// The status of an area in the cycle and pillar chosen (`NoData` when
    /// it has no row).
    pub fn status_of(&self, area: Area) -> ReportStatus {
        self.row(area).map_or(ReportStatus::NoData, |r| r.status)
    }

    /// Areas with a row but no place on the tile grid (territories,
    /// regions), by code.
    pub fn off_grid(&self) -> Vec<&CountryRow> {
        self.rows
            .iter()
            .filter(|r| tile_grid::place_of(r.area).is_none())
            .collect()
    }

    /// Rows per status (in [`ReportStatus::ALL`] order) in the table: the
    /// areas the summary counts.
    pub fn row_counts(&self) -> [usize; 6] {
        let mut counts = [0usize; 6];
        for r in &self.rows {
            if let Some(c) = counts.get_mut(r.status.index()) {
                *c += 1;
            }
        }
        counts
    }

    /// Rows per status (in [`ReportStatus::ALL`] order) in the table, and
    /// UN Member States with no row as `NoData`: the map's tiles.
    pub fn status_counts(&self) -> [usize; 6] {
        let mut counts = self.row_counts();
        let members_without = tile_grid::world_tile_grid()
            .iter()
            .filter(|p| p.un_member && self.row(p.area).is_none())
            .count();
        if let Some(c) = counts.get_mut(ReportStatus::NoData.index()) {
            *c += members_without;
        }
        counts
    }

    /// The overview's bars: per pillar shown, per cycle, the States
    /// reporting with a report on time (segment `Status(0)`), late
    /// (`Status(1)`) and with answers but no report submitted (`Status(2)`);
    /// labelled `Pillar II · 2026`, valued `25 States`.
    pub fn overview_bars(&self, locale: ChartLocale) -> Vec<BarInput> {
        let mut bars = Vec::new();
        for pillar in self.pillars() {
            for (i, c) in self.cycles.iter().enumerate() {
                let s = self.standing(i, pillar);
                bars.push(BarInput {
                    label: locale.text.format(
                        "reporting.overview.bar",
                        &[
                            ("pillar", Arg::Str(pillar.numeral())),
                            ("cycle", Arg::Str(&c.cycle)),
                        ],
                    ),
                    segments: vec![
                        (SegmentKind::Status(0), s.on_time as f64),
                        (SegmentKind::Status(1), s.late as f64),
                        (SegmentKind::Status(2), s.answered_only as f64),
                    ],
                    value_label: locale.format_count(
                        "reporting.overview.states",
                        "count",
                        u32::try_from(s.total()).unwrap_or(u32::MAX),
                    ),
                });
            }
        }
        bars
    }

    /// The overview's legend: the three segments.
    pub fn overview_legend(locale: ChartLocale) -> Vec<(LegendKey, String)> {
        ["on-time", "late", "answered-only"]
            .iter()
            .enumerate()
            .map(|(i, k)| {
                (
                    LegendKey::Segment(SegmentKind::Status(i)),
                    locale
                        .text
                        .text(&format!("reporting.segment.{k}"))
                        .to_string(),
                )
            })
            .collect()
    }

    /// The questions of the pillar chosen (all questions without one), in
    /// table order.
    pub fn questions<'a>(&self, dataset: &'a ProgressDataset) -> Vec<&'a Question> {
        dataset
            .questions
            .iter()
            .filter(|q| self.pillar.is_none_or(|p| q.pillar == p))
            .collect()
    }
}

/// The rows of one cycle for `pillar` (all when `None`), by area code.
fn country_rows(
    rows: &CycleRows,
    pillar: Option<Pillar>,
    options: &ReportingOptions,
) -> Vec<CountryRow> {
    struct Builder {
        respondents: [bool; 5],
        reports: Vec<AreaReport>,
        paragraphs: BTreeSet<u8>,
    }
    let mut areas: BTreeMap<Area, Builder> = BTreeMap::new();
    let entry = |areas: &mut BTreeMap<Area, Builder>, area: Area| {
        areas.entry(area).or_insert_with(|| Builder {
            respondents: [false; 5],
            reports: Vec::new(),
            paragraphs: BTreeSet::new(),
        });
    };
    for (r, q) in &rows.answers {
        if pillar.is_some_and(|p| q.pillar != p) {
            continue;
        }
        entry(&mut areas, r.area);
        if let Some(b) = areas.get_mut(&r.area) {
            if let Some(slot) = b.respondents.get_mut(r.respondent_type.index()) {
                *slot = true;
            }
            b.paragraphs.extend(q.paragraphs.iter().copied());
        }
    }
    for report in &rows.reports {
        let covered = report.covered_pillars();
        if pillar.is_some_and(|p| !covered.contains(&p)) {
            continue;
        }
        let status = ReportStatus::of_timing(timing(report, options.as_of));
        entry(&mut areas, report.area);
        if let Some(b) = areas.get_mut(&report.area) {
            b.reports.push(AreaReport {
                kind: report.kind,
                status,
                submitted_on: report.submitted_on.filter(|_| status.submitted()),
            });
            if status.submitted() {
                b.paragraphs.extend(
                    report
                        .paragraphs
                        .iter()
                        .copied()
                        .filter(|&p| pillar.is_none_or(|pl| Pillar::of_paragraph(p) == Some(pl))),
                );
            }
        }
    }
    areas
        .into_iter()
        .map(|(area, b)| {
            // The worst report due (the first of equals) gives the status.
            let shown = b
                .reports
                .iter()
                .fold(None::<&AreaReport>, |worst, r| match worst {
                    Some(w) if w.status.owed() >= r.status.owed() => Some(w),
                    _ => Some(r),
                });
            let (status, submitted_on) = match shown {
                Some(r) => (r.status, r.submitted_on),
                None => (ReportStatus::AnsweredOnly, None),
            };
            CountryRow {
                area,
                respondents: b.respondents,
                status,
                reports: b.reports,
                submitted_on,
                paragraphs: b.paragraphs.into_iter().collect(),
                region: tile_grid::place_of(area).map(|p| p.region),
            }
        })
        .collect()
}

/// The question chart: per choice, a bar for the States' answers and one
/// for the other respondents' (segment `Status(0)` and `Status(1)`), as a
/// share of each group's answers (the full bar is 100%), labelled `Yes ·
/// States` and valued `9 of 29 · 31%`. A number question has the median of
/// each group (valued `median 131.75 · 85.5–166 · 18 answers`), a text
/// question the number of answers of each group. `None` when there is no
/// such question.
pub fn question_bars(
    dataset: &ProgressDataset,
    id: &str,
    cycle: Option<&str>,
    options: &ReportingOptions,
    locale: ChartLocale,
) -> Option<(QuestionDistribution, Vec<BarInput>, Option<f64>)> {
    let d = question_distribution(dataset, id, cycle, options)?;
    let group = |state: bool| -> &str {
        locale.text.text(if state {
            "reporting.question.states"
        } else {
            "reporting.question.stakeholders"
        })
    };
    let count = |n: usize| locale.numbers.count(u32::try_from(n).unwrap_or(u32::MAX));
    let mut bars = Vec::new();
    let max;
    match d.kind {
        QuestionType::Number => {
            max = None;
            for (state, summary) in [(true, d.state_numbers), (false, d.stakeholder_numbers)] {
                let (value, value_label) = match summary {
                    Some(s) => (
                        s.median,
                        locale.text.format(
                            "reporting.question.median",
                            &[
                                (
                                    "median",
                                    Arg::Str(&crate::core::number::format(s.median, 2)),
                                ),
                                ("min", Arg::Str(&crate::core::number::format(s.min, 2))),
                                ("max", Arg::Str(&crate::core::number::format(s.max, 2))),
                                (
                                    "count",
                                    Arg::Count {
                                        value: s.count as u64,
                                        shown: &count(s.count),
                                    },
                                ),
                            ],
                        ),
                    ),
                    None => (0.0, locale.text.text("reporting.question.none").to_string()),
                };
                bars.push(BarInput {
                    label: group(state).to_string(),
                    segments: vec![(SegmentKind::Status(usize::from(!state)), value)],
                    value_label,
                });
            }
        }
        QuestionType::Text => {
            max = None;
            for (state, n) in [(true, d.state_answers), (false, d.stakeholder_answers)] {
                bars.push(BarInput {
                    label: group(state).to_string(),
                    segments: vec![(SegmentKind::Status(usize::from(!state)), n as f64)],
                    value_label: locale.format_count(
                        "reporting.question.answers",
                        "count",
                        u32::try_from(n).unwrap_or(u32::MAX),
                    ),
                });
            }
        }
        _ => {
            max = Some(100.0);
            for c in &d.choices {
                for (state, n, of) in [
                    (true, c.states, d.state_answers),
                    (false, c.stakeholders, d.stakeholder_answers),
                ] {
                    let share = if of == 0 {
                        0.0
                    } else {
                        100.0 * n as f64 / of as f64
                    };
                    bars.push(BarInput {
                        label: locale.text.format(
                            "reporting.question.bar",
                            &[
                                ("choice", Arg::Str(&c.label)),
                                ("group", Arg::Str(group(state))),
                            ],
                        ),
                        segments: vec![(SegmentKind::Status(usize::from(!state)), share)],
                        value_label: locale.text.format(
                            "reporting.question.share",
                            &[
                                ("count", Arg::Str(&count(n))),
                                ("total", Arg::Str(&count(of))),
                                ("percent", Arg::Str(&locale.numbers.percent(share))),
                            ],
                        ),
                    });
                }
            }
        }
    }
    Some((d, bars, max))
}

/// The question chart's legend: States and the other respondents.
pub fn question_legend(locale: ChartLocale) -> Vec<(LegendKey, String)> {
    vec![
        (
            LegendKey::Segment(SegmentKind::Status(0)),
            locale.text.text("reporting.question.states").to_string(),
        ),
        (
            LegendKey::Segment(SegmentKind::Status(1)),
            locale
                .text
                .text("reporting.question.stakeholders")
                .to_string(),
        ),
    ]
}

/// A bar chart with a caption above it and a legend under it: the overview
/// and the question chart. The bars' coordinates are those of
/// [`layout_bars`], drawn from `bars_top`
/// down: hit-test them at `y - bars_top`.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptionedBars {
    /// The caption, above the bars.
    pub caption: TextBox,
    /// Where the bars start.
    pub bars_top: f64,
    /// The bars.
    pub bars: BarLayout,
    /// The legend, under the bars.
    pub legend: Vec<LegendItem>,
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
}

/// Lays out a captioned bar chart: the caption on the reading side, the bars
/// by [`layout_bars`], the legend under
/// them.
pub fn layout_captioned_bars(
    caption: &str,
    bars: &[BarInput],
    legend: &[(LegendKey, String)],
    opts: &BarLayoutOptions,
    measure: &dyn TextMeasure,
) -> CaptionedBars {
    let font = opts.font_px.max(8.0);
    let layout = layout_bars(bars, opts, measure);
    let width = layout.width;
    let pad = 12.0;
    let bars_top = font * 2.2;
    let caption = TextBox {
        text: caption.to_string(),
        x: if opts.rtl { width - pad } else { pad },
        y: bars_top / 2.0 + 2.0,
        align: if opts.rtl { Align::Right } else { Align::Left },
        font_px: font,
    };
    let (legend, bottom) = tile_grid::layout_legend(
        legend,
        bars_top + layout.height,
        width,
        font * 0.93,
        opts.rtl,
        measure,
    );
    CaptionedBars {
        caption,
        bars_top,
        bars: layout,
        legend,
        width,
        height: bottom + 6.0,
    }
}

impl CaptionedBars {
    /// The bar under a point of the whole drawing.
    pub fn bar_at(&self, x: f64, y: f64) -> Option<usize> {
        self.bars.bar_at(x, y - self.bars_top)
    }
}

impl ReportingBoard {
    /// The overview's table mirror: per pillar shown and cycle, the States
    /// answering, other respondents, States reporting (on time, late,
    /// answers only), reports on time, late, missing and not yet due, and
    /// the paragraphs covered (cited by a submitted report or asked about
    /// by an answered question).
    pub fn overview_table(&self, locale: ChartLocale) -> FigureTable {
        let t = |k: &str| locale.text.text(k).to_string();
        let n = |v: usize| locale.numbers.count(u32::try_from(v).unwrap_or(u32::MAX));
        let headers = vec![
            t("reporting.figure.pillar"),
            t("reporting.figure.cycle"),
            t("reporting.figure.states_answered"),
            t("reporting.figure.others_answered"),
            t("reporting.figure.states_reporting"),
            t("reporting.segment.on-time"),
            t("reporting.segment.late"),
            t("reporting.segment.answered-only"),
            t("reporting.figure.on_time"),
            t("reporting.figure.late"),
            t("reporting.figure.missing"),
            t("reporting.figure.not_yet_due"),
            t("reporting.figure.paragraphs"),
        ];
        let mut rows = Vec::new();
        for pillar in self.pillars() {
            for (i, c) in self.cycles.iter().enumerate() {
                let Some(f) = c.pillar(pillar) else { continue };
                let s = self.standing(i, pillar);
                let mut paragraphs = f.paragraphs_reported.clone();
                paragraphs.extend(&f.paragraphs_answered);
                rows.push(vec![
                    pillar.numeral().to_string(),
                    c.cycle.clone(),
                    n(f.states_answered.len()),
                    n(f.respondents_answered.iter().skip(1).sum()),
                    n(s.total()),
                    n(s.on_time),
                    n(s.late),
                    n(s.answered_only),
                    n(f.reports.on_time),
                    n(f.reports.late),
                    n(f.reports.missing),
                    n(f.reports.not_yet_due),
                    crate::core::import::format_paragraph_refs(&paragraphs),
                ]);
            }
        }
        FigureTable { headers, rows }
    }

    /// One sentence on the cycle chosen (for the pillar chosen, else all):
    /// `2026: 45 States answering, 14 other respondents; 53 areas: 33 on
    /// time, 13 late, 7 missing, 0 not yet due, 0 answers only; 56
    /// reports` — what the widget announces and shows under the table. The
    /// areas are the table's rows by their status (as the map colours
    /// them); the reports are every report of the cycle, counted once.
    pub fn summary(&self, locale: ChartLocale) -> String {
        let Some(c) = self.selected() else {
            return locale.text.text("reporting.empty").to_string();
        };
        let n = |v: usize| locale.numbers.count(u32::try_from(v).unwrap_or(u32::MAX));
        let count = |key: &str, v: usize| {
            locale.format_count(key, "count", u32::try_from(v).unwrap_or(u32::MAX))
        };
        let (states, others, reports) = match self.pillar.and_then(|p| c.pillar(p)) {
            Some(f) => (
                f.states_answered.len(),
                f.respondents_answered.iter().skip(1).sum::<usize>(),
                f.reports,
            ),
            None => {
                let mut all = c.reports.first().copied().unwrap_or_default();
                for r in c.reports.iter().skip(1) {
                    all.on_time += r.on_time;
                    all.late += r.late;
                    all.missing += r.missing;
                    all.not_yet_due += r.not_yet_due;
                }
                (
                    c.states_answered.len(),
                    c.respondents_answered.iter().skip(1).sum::<usize>(),
                    all,
                )
            }
        };
        let areas = self.row_counts();
        let at = |s: ReportStatus| n(areas.get(s.index()).copied().unwrap_or(0));
        let reports = reports.on_time + reports.late + reports.missing + reports.not_yet_due;
        locale.text.format(
            "reporting.summary",
            &[
                ("cycle", Arg::Str(&c.cycle)),
                (
                    "states",
                    Arg::Str(&count("reporting.overview.states", states)),
                ),
                ("others", Arg::Str(&n(others))),
                ("areas", Arg::Str(&count("reporting.rows", self.rows.len()))),
                ("on_time", Arg::Str(&at(ReportStatus::OnTime))),
                ("late", Arg::Str(&at(ReportStatus::Late))),
                ("missing", Arg::Str(&at(ReportStatus::Missing))),
                ("not_yet_due", Arg::Str(&at(ReportStatus::NotYetDue))),
                ("answered_only", Arg::Str(&at(ReportStatus::AnsweredOnly))),
                (
                    "reports",
                    Arg::Str(&count("reporting.summary.reports", reports)),
                ),
            ],
        )
    }
}

/// The question chart's table mirror: per choice (or, for number and text
/// questions, per figure), the States' and the other respondents' counts.
pub fn question_table(d: &QuestionDistribution, locale: ChartLocale) -> FigureTable {
    let t = |k: &str| locale.text.text(k).to_string();
    let n = |v: usize| locale.numbers.count(u32::try_from(v).unwrap_or(u32::MAX));
    let headers = vec![
        t("reporting.question.answer"),
        t("reporting.question.states"),
        t("reporting.question.stakeholders"),
    ];
    let mut rows: Vec<Vec<String>> = d
        .choices
        .iter()
        .map(|c| vec![c.label.clone(), n(c.states), n(c.stakeholders)])
        .collect();
    if d.kind == QuestionType::Number {
        let cell = |s: Option<crate::core::progress::reporting::NumberSummary>| {
            s.map_or_else(
                || t("reporting.question.none"),
                |s| {
                    locale.text.format(
                        "reporting.question.median",
                        &[
                            (
                                "median",
                                Arg::Str(&crate::core::number::format(s.median, 2)),
                            ),
                            ("min", Arg::Str(&crate::core::number::format(s.min, 2))),
                            ("max", Arg::Str(&crate::core::number::format(s.max, 2))),
                            (
                                "count",
                                Arg::Count {
                                    value: s.count as u64,
                                    shown: &n(s.count),
                                },
                            ),
                        ],
                    )
                },
            )
        };
        rows.push(vec![
            t("reporting.question.answer"),
            cell(d.state_numbers),
            cell(d.stakeholder_numbers),
        ]);
    }
    rows.push(vec![
        t("reporting.question.answers_total"),
        n(d.state_answers),
        n(d.stakeholder_answers),
    ]);
    FigureTable { headers, rows }
}
