//! The model of `<kyoto-indicators>` and of `kyoto indicators`: the
//! indicators of a progress export grouped by pillar (every pillar, or one
//! chosen), for one area and one breakdown, each with its latest value, baseline, target, the series for a
//! trend line and its progress status; and the drill-down into one
//! indicator (every breakdown's series, the table of observations, source,
//! SDG indicator and footnote).
//!
//! The statuses are [`crate::core::progress::status`]'s: this module chooses
//! the series and hands them to [`assess`], nothing more. Reading the data
//! is [`crate::core::progress`]'s; drawing is `render::indicators`'s, over
//! the geometry of [`layout`] (what is drawn is what the page hit-tests).
//!
//! The observations are indexed once per dataset ([`IndicatorIndex`]): a
//! page that changes area or breakdown, or drills down, looks only at the
//! observations of each indicator, never at the whole table again.

pub mod figures;
pub mod layout;

use crate::core::declaration::Declaration;
use crate::core::model::Pillar;
use crate::core::order;
use crate::core::progress::status::{assess, Assessment, Point, ProgressStatus};
use crate::core::progress::{
    Area, Breakdown, Direction, Indicator, ObservationStatus, Period, ProgressDataset, YearValue,
};
use serde::Serialize;
use std::collections::HashMap;

/// Where each indicator's observations are in the dataset, built once per
/// dataset.
#[derive(Debug, Clone, Default)]
pub struct IndicatorIndex {
    /// Per indicator (in the dataset's order), the positions of its
    /// observations.
    by_indicator: Vec<Vec<usize>>,
    /// Every area with data and its number of observations, regions first
    /// (World leading), then countries by code.
    areas: Vec<AreaData>,
    /// The same per pillar (I to IV): the areas with data for its
    /// indicators, and their observations of them.
    pillar_areas: [Vec<AreaData>; 4],
}

/// An area that has data, for a page's choice of area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AreaData {
    /// The area.
    pub area: Area,
    /// How many observations it has (all indicators, all breakdowns).
    pub observations: usize,
}

impl IndicatorIndex {
    /// Indexes the observations of `dataset` by indicator and counts them
    /// per area. Observations of an indicator the table lacks are left out
    /// (the reader already refused them).
    pub fn new(dataset: &ProgressDataset) -> IndicatorIndex {
        let position: HashMap<&str, usize> = dataset
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_str(), i))
            .collect();
        let mut by_indicator = vec![Vec::new(); dataset.indicators.len()];
        // Per area, its observations of each pillar's indicators.
        let mut per_area: HashMap<Area, [usize; 4]> = HashMap::new();
        for (at, o) in dataset.observations.iter().enumerate() {
            let Some((list, indicator)) = position
                .get(o.indicator.as_str())
                .and_then(|&i| Some((by_indicator.get_mut(i)?, dataset.indicators.get(i)?)))
            else {
                continue;
            };
            list.push(at);
            if let Some(n) = per_area
                .entry(o.area)
                .or_default()
                .get_mut(indicator.pillar.index())
            {
                *n += 1;
            }
        }
        let mut counts: Vec<(Area, [usize; 4])> = per_area.into_iter().collect();
        order::sort_by_key(&mut counts, |(a, _)| (a.is_country(), *a));
        let with = |count: &dyn Fn(&[usize; 4]) -> usize| -> Vec<AreaData> {
            counts
                .iter()
                .map(|(area, n)| AreaData {
                    area: *area,
                    observations: count(n),
                })
                .filter(|a| a.observations > 0)
                .collect()
        };
        IndicatorIndex {
            by_indicator,
            areas: with(&|n| n.iter().sum()),
            pillar_areas: Pillar::ALL.map(|p| with(&|n| n.get(p.index()).copied().unwrap_or(0))),
        }
    }

    /// The areas with data: regions first (World leading), then countries
    /// by code.
    pub fn areas(&self) -> &[AreaData] {
        &self.areas
    }

    /// The areas with data for the indicators of `pillar` (of every pillar
    /// when `None`: [`IndicatorIndex::areas`]), in the same order, each
    /// with its observations of them: what a page's area menu offers when
    /// it shows that pillar.
    pub fn areas_of(&self, pillar: Option<Pillar>) -> &[AreaData] {
        match pillar {
            None => &self.areas,
            Some(p) => self.pillar_areas.get(p.index()).map_or(&[], Vec::as_slice),
        }
    }

    /// Whether `area` has data for the indicators of `pillar` (of any
    /// pillar when `None`).
    pub fn has_data(&self, area: Area, pillar: Option<Pillar>) -> bool {
        self.areas_of(pillar).iter().any(|a| a.area == area)
    }

    /// The area shown when none is chosen: the World when it has data, else
    /// the area with the most observations (the first of a tie, in
    /// [`IndicatorIndex::areas`] order). `None` without data.
    pub fn default_area(&self) -> Option<Area> {
        self.default_area_of(None)
    }

    /// [`IndicatorIndex::default_area`] among the areas with data for the
    /// indicators of `pillar`: the World when it has some, else the area
    /// with the most. `None` when the pillar has no data.
    pub fn default_area_of(&self, pillar: Option<Pillar>) -> Option<Area> {
        let areas = self.areas_of(pillar);
        if areas.iter().any(|a| a.area == Area::WORLD) {
            return Some(Area::WORLD);
        }
        let mut best: Option<AreaData> = None;
        for a in areas {
            if best.is_none_or(|b| a.observations > b.observations) {
                best = Some(*a);
            }
        }
        best.map(|a| a.area)
    }

    /// The area a page shows for the reader's (or the attribute's) choice
    /// `chosen` when it shows `pillar`: `chosen` when it has data there,
    /// else `None`, the default ([`overview`] then takes
    /// [`IndicatorIndex::default_area_of`] the pillar). The choice itself
    /// is kept by the page: a pillar with data for it shows it again.
    pub fn area_shown(&self, chosen: Option<Area>, pillar: Option<Pillar>) -> Option<Area> {
        chosen.filter(|&a| self.has_data(a, pillar))
    }

    /// The observations of indicator number `indicator` (its position in the
    /// dataset's table) in `area`, in the table's order.
    fn observations<'d>(
        &'d self,
        dataset: &'d ProgressDataset,
        indicator: usize,
        area: Area,
    ) -> impl Iterator<Item = &'d crate::core::progress::Observation> + 'd {
        self.by_indicator
            .get(indicator)
            .into_iter()
            .flatten()
            .filter_map(move |&at| dataset.observations.get(at))
            .filter(move |o| o.area == area)
    }
}

/// A breakdown dimension and the values an indicator has data for (in the
/// chosen area), for a page to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakdownDimension {
    /// The dimension: `sex`, `age`, or a column's header (`location`).
    pub dimension: String,
    /// Its values, sorted as text (`female`, `male`).
    pub values: Vec<String>,
}

/// One indicator's row of the overview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// Its position in the dataset's indicators table.
    pub index: usize,
    /// The indicator's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The unit of its values.
    pub unit: Option<String>,
    /// Which way is progress.
    pub direction: Direction,
    /// The series shown (the chosen area and breakdown), by time.
    pub series: Vec<(Period, f64)>,
    /// The baseline of the indicators table.
    pub baseline: Option<YearValue>,
    /// The target of the indicators table.
    pub target: Option<YearValue>,
    /// The status with its method and inputs (the baseline and latest value
    /// it used are in it).
    pub assessment: Assessment,
    /// The breakdowns this indicator has data for in the chosen area.
    pub breakdowns: Vec<BreakdownDimension>,
}

impl IndicatorRow {
    /// The latest value of the series shown: its period and value.
    pub fn latest(&self) -> Option<(Period, f64)> {
        self.series.last().copied()
    }

    /// The status, `None` when the series could not be assessed.
    pub fn status(&self) -> Option<ProgressStatus> {
        self.assessment.status.ok()
    }
}

/// The indicators of one pillar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarIndicators {
    /// The pillar.
    pub pillar: Pillar,
    /// Its heading in the Declaration (English; pages translate it by the
    /// catalogue key `pillar.<numeral>`).
    pub heading: String,
    /// Its indicators, in the order of the indicators table.
    pub rows: Vec<IndicatorRow>,
}

/// What the overview shows: per pillar, each indicator's row for one area
/// and one breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorsOverview {
    /// The area shown.
    pub area: Area,
    /// The breakdown shown (the total when empty).
    pub breakdown: Breakdown,
    /// The pillar the overview is narrowed to; `None`: every pillar.
    pub pillar: Option<Pillar>,
    /// The pillars that have indicators, I to IV; narrowed to one pillar,
    /// that pillar alone, even without indicators (its rows then empty).
    pub pillars: Vec<PillarIndicators>,
}

impl IndicatorsOverview {
    /// Every row, pillar after pillar: the order of the rows drawn and of
    /// keyboard focus.
    pub fn rows(&self) -> impl Iterator<Item = &IndicatorRow> + '_ {
        self.pillars.iter().flat_map(|p| p.rows.iter())
    }

    /// The row of an indicator by id.
    pub fn row(&self, id: &str) -> Option<&IndicatorRow> {
        self.rows().find(|r| r.id == id)
    }

    /// Every breakdown dimension any indicator has in the area, with all
    /// values: what a page's breakdown select offers.
    pub fn breakdowns(&self) -> Vec<BreakdownDimension> {
        let mut pairs: Vec<(String, String)> = self
            .rows()
            .flat_map(|r| {
                r.breakdowns
                    .iter()
                    .flat_map(|d| d.values.iter().map(|v| (d.dimension.clone(), v.clone())))
            })
            .collect();
        order::sort_dedup(&mut pairs);
        group_dimensions(pairs)
    }
}

/// Groups sorted (dimension, value) pairs by dimension.
fn group_dimensions(pairs: Vec<(String, String)>) -> Vec<BreakdownDimension> {
    let mut out: Vec<BreakdownDimension> = Vec::new();
    for (dimension, value) in pairs {
        match out.last_mut() {
            Some(last) if last.dimension == dimension => last.values.push(value),
            _ => out.push(BreakdownDimension {
                dimension,
                values: vec![value],
            }),
        }
    }
    out
}

/// The overview of `dataset` for `area` (when `None`, the
/// [`IndicatorIndex::default_area_of`] the pillar, else of the data) and
/// `breakdown`, of every pillar or of `pillar` alone. An
/// indicator without data for them is still listed, not assessed (no
/// data). Pillars follow I to IV; within a pillar the indicators table's
/// order. Only the indicators shown are assessed.
pub fn overview(
    dataset: &ProgressDataset,
    index: &IndicatorIndex,
    area: Option<Area>,
    breakdown: &Breakdown,
    pillar: Option<Pillar>,
) -> IndicatorsOverview {
    let area = area
        .or_else(|| index.default_area_of(pillar))
        .or_else(|| index.default_area())
        .unwrap_or(Area::WORLD);
    let declaration = Declaration::get();
    let heading = |p: Pillar| {
        declaration
            .pillar(p)
            .map(|s| s.heading.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<(Pillar, IndicatorRow)> = dataset
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, indicator)| pillar.is_none_or(|p| indicator.pillar == p))
        .map(|(i, indicator)| {
            (
                indicator.pillar,
                row(dataset, index, i, indicator, area, breakdown),
            )
        })
        .collect();
    order::sort_by_key(&mut rows, |(p, _)| p.index());
    let mut pillars: Vec<PillarIndicators> = Vec::new();
    for (p, r) in rows {
        match pillars.last_mut() {
            Some(last) if last.pillar == p => last.rows.push(r),
            _ => pillars.push(PillarIndicators {
                pillar: p,
                heading: heading(p),
                rows: vec![r],
            }),
        }
    }
    // The pillar chosen is shown even when the data has no indicator of it
    // (a pillar's page set up before its indicators are reported).
    if let (Some(p), true) = (pillar, pillars.is_empty()) {
        pillars.push(PillarIndicators {
            pillar: p,
            heading: heading(p),
            rows: Vec::new(),
        });
    }
    IndicatorsOverview {
        area,
        breakdown: breakdown.clone(),
        pillar,
        pillars,
    }
}

fn row(
    dataset: &ProgressDataset,
    index: &IndicatorIndex,
    at: usize,
    indicator: &Indicator,
    area: Area,
    breakdown: &Breakdown,
) -> IndicatorRow {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut values: Vec<(Period, f64)> = Vec::new();
    for o in index.observations(dataset, at, area) {
        pairs.extend(o.breakdown.0.iter().cloned());
        if &o.breakdown == breakdown {
            values.push((o.period, o.value));
        }
    }
    order::sort_dedup(&mut pairs);
    sort_by_time(&mut values);
    let headline = area == Area::WORLD && breakdown.0.is_empty();
    IndicatorRow {
        index: at,
        id: indicator.id.clone(),
        title: indicator.title.clone(),
        unit: indicator.unit.clone(),
        direction: indicator.direction,
        assessment: assess(indicator, &values, headline),
        series: values,
        baseline: indicator.baseline,
        target: indicator.target,
        breakdowns: group_dimensions(pairs),
    }
}

/// Sorts values by time, ties by period (as `status::series` does).
fn sort_by_time(values: &mut [(Period, f64)]) {
    order::sort_by(values, |a, b| {
        a.0.time().total_cmp(&b.0.time()).then(a.0.cmp(&b.0))
    });
}

/// One breakdown's series of an indicator, with its status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownSeries {
    /// The breakdown (the total first).
    pub breakdown: Breakdown,
    /// Its values by time.
    pub values: Vec<(Period, f64)>,
    /// Its status.
    pub assessment: Assessment,
}

/// One observation in the drill-down's table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationRow {
    /// The breakdown it belongs to.
    pub breakdown: Breakdown,
    /// When.
    pub period: Period,
    /// The value.
    pub value: f64,
    /// Its status as the data gives it (estimated, provisional, …).
    pub status: Option<ObservationStatus>,
    /// Its comment.
    pub comment: Option<String>,
}

/// The drill-down into one indicator for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDetail {
    /// The indicator as the table gives it (id, title, unit, direction,
    /// baseline, target, SDG indicator, source, footnote).
    pub indicator: Indicator,
    /// Its pillar's heading in the Declaration.
    pub pillar_heading: String,
    /// The area.
    pub area: Area,
    /// Every breakdown's series in the area: the total first, then the
    /// breakdowns sorted.
    pub series: Vec<BreakdownSeries>,
    /// The observations, series after series, each by time.
    pub rows: Vec<ObservationRow>,
}

impl IndicatorDetail {
    /// The series of a breakdown.
    pub fn series_of(&self, breakdown: &Breakdown) -> Option<&BreakdownSeries> {
        self.series.iter().find(|s| &s.breakdown == breakdown)
    }

    /// The SDG indicator as written: `16.1.1`.
    pub fn sdg_indicator(&self) -> Option<String> {
        self.indicator
            .sdg_indicator
            .as_ref()
            .map(|s| format!("{}.{}.{}", s.goal, s.target, s.indicator))
    }

    /// The baseline drawn: the headline series' (the total's) assessed
    /// baseline, else the indicators table's.
    pub fn baseline(&self) -> Option<Point> {
        self.series
            .first()
            .and_then(|s| s.assessment.baseline)
            .or_else(|| {
                self.indicator.baseline.map(|b| Point {
                    period: Period::Year(b.year),
                    time: f64::from(b.year),
                    value: b.value,
                })
            })
    }
}

/// The drill-down into the indicator `id` for `area` (when `None`, the
/// default area of its pillar's data); `None` when the table has no such
/// indicator.
pub fn detail(
    dataset: &ProgressDataset,
    index: &IndicatorIndex,
    id: &str,
    area: Option<Area>,
) -> Option<IndicatorDetail> {
    let at = dataset.indicators.iter().position(|i| i.id == id)?;
    let indicator = dataset.indicators.get(at)?;
    let area = area
        .or_else(|| index.default_area_of(Some(indicator.pillar)))
        .or_else(|| index.default_area())
        .unwrap_or(Area::WORLD);
    let mut rows: Vec<ObservationRow> = index
        .observations(dataset, at, area)
        .map(|o| ObservationRow {
            breakdown: o.breakdown.clone(),
            period: o.period,
            value: o.value,
            status: o.status,
            comment: o.comment.clone(),
        })
        .collect();
    order::sort_by(&mut rows, |a, b| {
        a.breakdown
            .cmp(&b.breakdown)
            .then(a.period.time().total_cmp(&b.period.time()))
            .then(a.period.cmp(&b.period))
    });
    let mut series: Vec<BreakdownSeries> = Vec::new();
    for r in &rows {
        match series.last_mut() {
            Some(s) if s.breakdown == r.breakdown => s.values.push((r.period, r.value)),
            _ => series.push(BreakdownSeries {
                breakdown: r.breakdown.clone(),
                values: vec![(r.period, r.value)],
                assessment: assess(indicator, &[], false),
            }),
        }
    }
    for s in &mut series {
        let headline = area == Area::WORLD && s.breakdown.0.is_empty();
        s.assessment = assess(indicator, &s.values, headline);
    }
    Some(IndicatorDetail {
        indicator: indicator.clone(),
        pillar_heading: Declaration::get()
            .pillar(indicator.pillar)
            .map(|s| s.heading.clone())
            .unwrap_or_default(),
        area,
        series,
        rows,
    })
}

/// Reads a breakdown as a page or the command line writes it:
/// `sex=female`, `age=60+,sex=female`, `total` or empty for the total.
///
/// ```
/// use kyoto_widgets::core::indicators::parse_breakdown;
/// use kyoto_widgets::core::progress::Breakdown;
/// assert_eq!(parse_breakdown("sex=female"), Ok(Breakdown::of(&[("sex", "female")])));
/// assert_eq!(parse_breakdown("total"), Ok(Breakdown::total()));
/// assert!(parse_breakdown("female").is_err());
/// ```
pub fn parse_breakdown(text: &str) -> Result<Breakdown, String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("total") {
        return Ok(Breakdown::total());
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in t.split(',') {
        let Some((d, v)) = part.split_once('=') else {
            return Err(format!(
                "'{part}' is not dimension=value (write sex=female, or age=15-24,sex=male)"
            ));
        };
        let (d, v) = (d.trim(), v.trim());
        if d.is_empty() || v.is_empty() {
            return Err(format!("'{part}' needs a dimension and a value"));
        }
        let is_total = v.eq_ignore_ascii_case("total") || v.eq_ignore_ascii_case("all");
        if !is_total {
            pairs.push((d.to_string(), v.to_string()));
        }
    }
    order::sort_dedup(&mut pairs);
    Ok(Breakdown(pairs))
}

/// A breakdown as [`parse_breakdown`] reads it: `age=60+,sex=female`, or
/// `total`.
pub fn breakdown_text(breakdown: &Breakdown) -> String {
    if breakdown.0.is_empty() {
        return "total".into();
    }
    breakdown
        .0
        .iter()
        .map(|(d, v)| format!("{d}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}
