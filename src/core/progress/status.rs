//! An indicator's progress status, by the rule of the UN Statistics
//! Division's SDG Progress Chart (Technical Note, 2023 edition).
//!
//! A series is the values of one indicator for one area and one breakdown,
//! ordered by period. Its baseline `(t₀, x₀)` and latest value `(t, xₜ)` are
//! chosen as [`assess`] says, `d` is the direction's sign (+1 up, −1 down)
//! and times are years ([`Period::time`]).
//!
//! **With a target** `(T, x*)`, the ratio of actual to required progress:
//!
//! ```text
//! CR_a  = (xₜ − x₀) / (t − t₀)      actual change per year
//! CR_r  = (x* − x₀) / (T − t₀)      change per year required to meet the target in T
//! ratio = CR_a / CR_r
//! ```
//!
//! The direction is in the signs: for an indicator that should go down,
//! `CR_r` is negative and a fall gives a positive ratio. `ratio ≥ 0.95` is
//! *on track*, `0.10 ≤ ratio < 0.95` *moderate progress*, `ratio < 0.10`
//! *stagnation or regression*. A latest value at or beyond the target
//! (`d·(xₜ − x*) ≥ 0`) is on track whatever the ratio (target met); a
//! series whose baseline is already beyond the target but whose latest value
//! is not is stagnation or regression; a target equal to the baseline is
//! met or not.
//!
//! **Without a target**, the growth-rate rule: the compound annual growth
//! rate, signed by the direction,
//!
//! ```text
//! CAGR = (xₜ / x₀)^(1 / (t − t₀)) − 1
//! g    = d · CAGR
//! ```
//!
//! `g ≥ 2%` is on track, `0.5% ≤ g < 2%` moderate progress, `g < 0.5%`
//! stagnation or regression. It needs `x₀ > 0` and `xₜ ≥ 0`. These
//! thresholds are those of the UNSD 2023 Progress Chart Technical Note as
//! the Basque statistical office (Eustat) applies it in its SDG progress
//! methodology (`_pages/en/metodologia.md` of github.com/EUSTAT-DES/site,
//! which links the note); Statistics Canada's Open SDG method, also drawn
//! from it, uses 1.5% and 0.5% instead. `docs/progress-data-format.md` has
//! the sources and a worked example.

use super::model::{Area, Breakdown, Direction, Indicator, Period, ProgressDataset, YearValue};
use crate::core::chart::ChartLocale;
use crate::core::i18n::Arg;
use serde::Serialize;
use std::fmt;

/// `ratio ≥ ON_TRACK_RATIO`: on track.
pub const ON_TRACK_RATIO: f64 = 0.95;
/// `MODERATE_RATIO ≤ ratio < ON_TRACK_RATIO`: moderate progress.
pub const MODERATE_RATIO: f64 = 0.10;
/// Without a target, a signed growth rate `g ≥ ON_TRACK_GROWTH` is on track.
pub const ON_TRACK_GROWTH: f64 = 0.02;
/// Without a target, `MODERATE_GROWTH ≤ g < ON_TRACK_GROWTH` is moderate.
pub const MODERATE_GROWTH: f64 = 0.005;

/// The three statuses of the progress chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProgressStatus {
    /// Substantial progress, on track (or the target met).
    OnTrack,
    /// Fair progress, but acceleration needed.
    Moderate,
    /// Stagnation or regression.
    StagnationOrRegression,
}

impl ProgressStatus {
    /// The words a page shows.
    pub fn label(self) -> &'static str {
        match self {
            ProgressStatus::OnTrack => "on track",
            ProgressStatus::Moderate => "moderate progress",
            ProgressStatus::StagnationOrRegression => "stagnation or regression",
        }
    }
}

impl fmt::Display for ProgressStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which rule gave the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Ratio of actual to required progress (the indicator has a target).
    TargetRatio,
    /// Compound annual growth rate (no target).
    GrowthRate,
}

/// Why a series has no status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotAssessed {
    /// No value at all.
    NoData,
    /// No value after the baseline.
    NoValueAfterBaseline,
    /// The target year is not after the baseline's.
    TargetNotAfterBaseline,
    /// The growth rate needs a positive baseline and a latest value ≥ 0.
    NotPositive,
}

impl NotAssessed {
    /// What a page says.
    pub fn reason(self) -> &'static str {
        match self {
            NotAssessed::NoData => "no data",
            NotAssessed::NoValueAfterBaseline => "no value after the baseline",
            NotAssessed::TargetNotAfterBaseline => "the target year is not after the baseline year",
            NotAssessed::NotPositive => {
                "the growth rate needs a baseline above zero and a latest value of zero or more"
            }
        }
    }
}

/// A value of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// The period as given (the indicator's baseline year when the baseline
    /// comes from the indicators table).
    pub period: Period,
    /// Its time in years ([`Period::time`]).
    pub time: f64,
    /// The value.
    pub value: f64,
}

/// A status with its method and inputs, for a page to show on request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The status, or why there is none.
    pub status: Result<ProgressStatus, NotAssessed>,
    /// The rule used (`None` when not assessed before a rule applied).
    pub method: Option<Method>,
    /// Up or down.
    pub direction: Direction,
    /// `(t₀, x₀)`.
    pub baseline: Option<Point>,
    /// `(t, xₜ)`.
    pub latest: Option<Point>,
    /// `(T, x*)`.
    pub target: Option<YearValue>,
    /// `CR_a` (target rule).
    pub actual_rate: Option<f64>,
    /// `CR_r` (target rule).
    pub required_rate: Option<f64>,
    /// `CR_a / CR_r` (target rule; `None` when the target is met or `CR_r`
    /// is zero or against the direction).
    pub ratio: Option<f64>,
    /// Whether the latest value meets the target.
    pub target_met: bool,
    /// `d · CAGR` (growth-rate rule).
    pub growth_rate: Option<f64>,
}

impl Assessment {
    fn empty(direction: Direction, target: Option<YearValue>) -> Assessment {
        Assessment {
            status: Err(NotAssessed::NoData),
            method: None,
            direction,
            baseline: None,
            latest: None,
            target,
            actual_rate: None,
            required_rate: None,
            ratio: None,
            target_met: false,
            growth_rate: None,
        }
    }

    /// The method and its inputs in words, one line, in the locale's
    /// language (the catalogue's `indicators.explain.*` messages) and
    /// numbers ([`NumberFormat::decimal`], [`NumberFormat::year`]); in
    /// English: `moderate progress: ratio of actual to required progress
    /// 0.36 (on track from 0.95, moderate from 0.1); baseline 6.2 in 2015, …`.
    /// Values, rates and the baseline, latest value and target to four
    /// decimals, the ratio and the growth rate to two.
    ///
    /// [`NumberFormat::decimal`]: crate::core::chart::NumberFormat::decimal
    /// [`NumberFormat::year`]: crate::core::chart::NumberFormat::year
    pub fn explain(&self, locale: ChartLocale<'_>) -> String {
        let text = locale.text;
        let status = match self.status {
            Ok(s) => text.text(status_key(s)),
            Err(n) => {
                return text.format(
                    "indicators.explain.not-assessed",
                    &[("reason", Arg::Str(text.text(reason_key(n))))],
                )
            }
        };
        let number = |v: f64, decimals: u32| locale.numbers.decimal(v, decimals);
        let unknown = || String::from("?");
        let at = |value: f64, period: String| {
            text.format(
                "indicators.explain.point",
                &[
                    ("value", Arg::Str(&number(value, 4))),
                    ("period", Arg::Str(&period)),
                ],
            )
        };
        let point = |p: &Option<Point>| {
            p.map_or_else(unknown, |p| at(p.value, period_words(locale, p.period)))
        };
        let direction = text.text(match self.direction {
            Direction::Up => "indicators.explain.up",
            Direction::Down => "indicators.explain.down",
        });
        match self.method {
            Some(Method::TargetRatio) => {
                let target = self
                    .target
                    .map_or_else(unknown, |t| at(t.value, locale.numbers.year(t.year)));
                let how = if self.target_met {
                    text.text("indicators.explain.target-met").to_string()
                } else {
                    match self.ratio {
                        Some(r) => text.format(
                            "indicators.explain.ratio",
                            &[
                                ("ratio", Arg::Str(&number(r, 2))),
                                ("on_track", Arg::Str(&number(ON_TRACK_RATIO, 2))),
                                ("moderate", Arg::Str(&number(MODERATE_RATIO, 2))),
                            ],
                        ),
                        None => text.text("indicators.explain.baseline-met").to_string(),
                    }
                };
                let rate = |r: Option<f64>| r.map_or_else(unknown, |r| number(r, 4));
                text.format(
                    "indicators.explain.target",
                    &[
                        ("status", Arg::Str(status)),
                        ("how", Arg::Str(&how)),
                        ("baseline", Arg::Str(&point(&self.baseline))),
                        ("latest", Arg::Str(&point(&self.latest))),
                        ("target", Arg::Str(&target)),
                        ("direction", Arg::Str(direction)),
                        ("actual", Arg::Str(&rate(self.actual_rate))),
                        ("required", Arg::Str(&rate(self.required_rate))),
                    ],
                )
            }
            Some(Method::GrowthRate) => text.format(
                "indicators.explain.growth",
                &[
                    ("status", Arg::Str(status)),
                    ("direction", Arg::Str(direction)),
                    (
                        "growth",
                        Arg::Str(
                            &self
                                .growth_rate
                                .map_or_else(unknown, |g| number(g * 100.0, 2)),
                        ),
                    ),
                    ("on_track", Arg::Str(&number(ON_TRACK_GROWTH * 100.0, 2))),
                    ("moderate", Arg::Str(&number(MODERATE_GROWTH * 100.0, 2))),
                    ("baseline", Arg::Str(&point(&self.baseline))),
                    ("latest", Arg::Str(&point(&self.latest))),
                ],
            ),
            None => status.to_string(),
        }
    }
}

/// The catalogue key of a status as the explanation words it (lower case
/// in English: it opens a clause).
fn status_key(s: ProgressStatus) -> &'static str {
    match s {
        ProgressStatus::OnTrack => "indicators.explain.on-track",
        ProgressStatus::Moderate => "indicators.explain.moderate",
        ProgressStatus::StagnationOrRegression => "indicators.explain.stagnation",
    }
}

/// The catalogue key of why a series has no status.
fn reason_key(n: NotAssessed) -> &'static str {
    match n {
        NotAssessed::NoData => "indicators.explain.no-data",
        NotAssessed::NoValueAfterBaseline => "indicators.explain.no-value-after-baseline",
        NotAssessed::TargetNotAfterBaseline => "indicators.explain.target-not-after-baseline",
        NotAssessed::NotPositive => "indicators.explain.not-positive",
    }
}

/// A period in the locale's digits: `2023`, `2022–2023`, a quarter as the
/// catalogue writes it (`data.quarter`).
fn period_words(locale: ChartLocale<'_>, p: Period) -> String {
    match p {
        Period::Year(y) => locale.numbers.year(y),
        Period::Years(a, b) => format!("{}–{}", locale.numbers.year(a), locale.numbers.year(b)),
        Period::Quarter(y, q) => locale.quarter_label(y, q),
    }
}

/// The values of one series, sorted by time (ties: the earlier period
/// first, as [`Period`] orders them).
pub fn series(
    dataset: &ProgressDataset,
    indicator: &str,
    area: Area,
    breakdown: &Breakdown,
) -> Vec<(Period, f64)> {
    let mut out: Vec<(Period, f64)> = dataset
        .observations
        .iter()
        .filter(|o| o.indicator == indicator && o.area == area && &o.breakdown == breakdown)
        .map(|o| (o.period, o.value))
        .collect();
    crate::core::order::sort_by(&mut out, |a, b| {
        a.0.time().total_cmp(&b.0.time()).then(a.0.cmp(&b.0))
    });
    out
}

/// The status of an indicator's headline series: the World (M49 001), no
/// breakdown.
pub fn assess_headline(dataset: &ProgressDataset, indicator: &Indicator) -> Assessment {
    let values = series(dataset, &indicator.id, Area::WORLD, &Breakdown::total());
    assess(indicator, &values, true)
}

/// The status of one series of `indicator` (sorted as [`series`] gives it).
///
/// The baseline `(t₀, x₀)` is the series' value in the indicator's baseline
/// year; else, for the headline series (`headline`: the World, no
/// breakdown), the indicators table's baseline; else the series' first value
/// in or after the baseline year (its first value when the indicator has no
/// baseline). The latest value is the series' last. The target applies to
/// every series.
pub fn assess(indicator: &Indicator, values: &[(Period, f64)], headline: bool) -> Assessment {
    let d = indicator.direction;
    let mut a = Assessment::empty(d, indicator.target);
    let point = |&(period, value): &(Period, f64)| Point {
        period,
        time: period.time(),
        value,
    };
    let Some(last) = values.last().map(point) else {
        return a;
    };
    a.latest = Some(last);
    let baseline = match indicator.baseline {
        Some(b) => values
            .iter()
            .find(|(p, _)| *p == Period::Year(b.year))
            .map(point)
            .or_else(|| {
                headline.then_some(Point {
                    period: Period::Year(b.year),
                    time: f64::from(b.year),
                    value: b.value,
                })
            })
            .or_else(|| {
                values
                    .iter()
                    .map(point)
                    .find(|p| p.time >= f64::from(b.year))
            }),
        None => values.first().map(point),
    };
    let Some(base) = baseline else {
        a.status = Err(NotAssessed::NoValueAfterBaseline);
        return a;
    };
    a.baseline = Some(base);
    if last.time <= base.time {
        a.status = Err(NotAssessed::NoValueAfterBaseline);
        return a;
    }
    let sign = d.sign();
    match indicator.target {
        Some(target) => {
            a.method = Some(Method::TargetRatio);
            let big_t = f64::from(target.year);
            if big_t <= base.time {
                a.status = Err(NotAssessed::TargetNotAfterBaseline);
                return a;
            }
            let actual = (last.value - base.value) / (last.time - base.time);
            let required = (target.value - base.value) / (big_t - base.time);
            a.actual_rate = Some(actual);
            a.required_rate = Some(required);
            a.target_met = sign * (last.value - target.value) >= 0.0;
            if sign * required > 0.0 {
                a.ratio = Some(actual / required);
            }
            a.status = Ok(if a.target_met {
                ProgressStatus::OnTrack
            } else {
                match a.ratio {
                    Some(r) if r >= ON_TRACK_RATIO => ProgressStatus::OnTrack,
                    Some(r) if r >= MODERATE_RATIO => ProgressStatus::Moderate,
                    _ => ProgressStatus::StagnationOrRegression,
                }
            });
        }
        None => {
            a.method = Some(Method::GrowthRate);
            if base.value <= 0.0 || last.value < 0.0 {
                a.status = Err(NotAssessed::NotPositive);
                return a;
            }
            let cagr = (last.value / base.value).powf(1.0 / (last.time - base.time)) - 1.0;
            let g = sign * cagr;
            a.growth_rate = Some(g);
            a.status = Ok(if g >= ON_TRACK_GROWTH {
                ProgressStatus::OnTrack
            } else if g >= MODERATE_GROWTH {
                ProgressStatus::Moderate
            } else {
                ProgressStatus::StagnationOrRegression
            });
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Pillar;

    fn indicator(
        direction: Direction,
        baseline: Option<(u16, f64)>,
        target: Option<(u16, f64)>,
    ) -> Indicator {
        let yv = |(year, value)| YearValue { year, value };
        Indicator {
            id: "I".into(),
            pillar: Pillar::II,
            theme: None,
            paragraphs: vec![],
            title: "t".into(),
            unit: None,
            direction,
            baseline: baseline.map(yv),
            target: target.map(yv),
            sdg_indicator: None,
            source: None,
            footnote: None,
        }
    }

    fn years(v: &[(u16, f64)]) -> Vec<(Period, f64)> {
        v.iter().map(|&(y, x)| (Period::Year(y), x)).collect()
    }

    #[test]
    fn target_ratio_both_directions() {
        // Down from 40 (2015) to 20 (2030): required -4/3 per year; actual
        // (32-40)/8 = -1 per year; ratio 0.75: moderate.
        let i = indicator(Direction::Down, Some((2015, 40.0)), Some((2030, 20.0)));
        let a = assess(&i, &years(&[(2015, 40.0), (2023, 32.0)]), false);
        assert_eq!(a.status, Ok(ProgressStatus::Moderate));
        assert!((a.ratio.unwrap() - 0.75).abs() < 1e-12);
        // Up and fast enough.
        let i = indicator(Direction::Up, Some((2015, 50.0)), Some((2030, 80.0)));
        let a = assess(&i, &years(&[(2015, 50.0), (2020, 61.0)]), false);
        assert_eq!(a.status, Ok(ProgressStatus::OnTrack));
        // Went the wrong way.
        let a = assess(&i, &years(&[(2015, 50.0), (2020, 49.0)]), false);
        assert_eq!(a.status, Ok(ProgressStatus::StagnationOrRegression));
        assert!(a.ratio.unwrap() < 0.0);
    }

    #[test]
    fn headline_takes_the_table_baseline() {
        let i = indicator(Direction::Up, Some((2015, 50.0)), Some((2030, 80.0)));
        let a = assess(&i, &years(&[(2018, 52.0), (2020, 60.0)]), true);
        assert_eq!(a.baseline.unwrap().time, 2015.0);
        let b = assess(&i, &years(&[(2018, 52.0), (2020, 60.0)]), false);
        assert_eq!(b.baseline.unwrap().time, 2018.0);
    }

    #[test]
    fn growth_rate_rule() {
        let i = indicator(Direction::Down, None, None);
        // 100 → 90 over 5 years: CAGR -2.09%, signed +2.09%: on track.
        let a = assess(&i, &years(&[(2018, 100.0), (2023, 90.0)]), false);
        assert_eq!(a.status, Ok(ProgressStatus::OnTrack));
        let a = assess(&i, &years(&[(2018, 100.0), (2023, 97.0)]), false);
        assert_eq!(a.status, Ok(ProgressStatus::Moderate));
        let a = assess(&i, &years(&[(2018, 0.0), (2023, 97.0)]), false);
        assert_eq!(a.status, Err(NotAssessed::NotPositive));
        let a = assess(&i, &years(&[(2023, 97.0)]), false);
        assert_eq!(a.status, Err(NotAssessed::NoValueAfterBaseline));
        assert_eq!(assess(&i, &[], false).status, Err(NotAssessed::NoData));
    }
}
