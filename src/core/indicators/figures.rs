//! The figures of `<kyoto-indicators>` as tables for its CSV export: the
//! overview (one row per indicator shown: its latest value, baseline and
//! target, each with its period, and its status) and a drill-down (every
//! observation of the indicator in the area, by breakdown and period).
//!
//! The headings and the words (statuses, area, breakdown) are in the
//! widget's language; the numbers and periods are plain (`5.6`, `2023`,
//! `2022-2023`, `2024-Q2`) and each in a cell of its own, so that a
//! spreadsheet reads them as numbers. The page's own table mirror writes
//! them as the locale does instead.

use super::layout::{area_text, breakdown_label, StatusKind};
use super::{IndicatorDetail, IndicatorsOverview};
use crate::core::chart::ChartLocale;
use crate::core::export::FigureTable;
use crate::core::progress::ObservationStatus;

/// A value as the CSV writes it: ASCII digits, up to six decimals.
fn plain(v: f64) -> String {
    crate::core::number::format(v, 6)
}

/// The overview's table: per indicator (pillar after pillar) its pillar,
/// id, title, unit, the area and breakdown shown, latest value and period,
/// baseline and its period (the one the status used), target and its year,
/// and status in words.
pub fn overview_table(view: &IndicatorsOverview, locale: ChartLocale<'_>) -> FigureTable {
    let t = |k: &str| locale.text.text(k).to_string();
    let headers = [
        "indicators.csv.pillar",
        "indicators.col.indicator",
        "indicators.csv.name",
        "indicators.csv.unit",
        "indicators.area-label",
        "indicators.col.breakdown",
        "indicators.col.latest",
        "indicators.csv.latest-period",
        "indicators.col.baseline",
        "indicators.csv.baseline-period",
        "indicators.col.target",
        "indicators.csv.target-year",
        "indicators.col.status",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let area = area_text(locale, view.area);
    let breakdown = breakdown_label(locale, &view.breakdown);
    let mut rows = Vec::new();
    for p in &view.pillars {
        for r in &p.rows {
            let (latest, latest_period) = r
                .latest()
                .map_or((String::new(), String::new()), |(period, v)| {
                    (plain(v), period.to_string())
                });
            let (baseline, baseline_period) = r
                .assessment
                .baseline
                .map_or((String::new(), String::new()), |b| {
                    (plain(b.value), b.period.to_string())
                });
            let (target, target_year) = r.target.map_or((String::new(), String::new()), |y| {
                (plain(y.value), y.year.to_string())
            });
            rows.push(vec![
                p.pillar.numeral().to_string(),
                r.id.clone(),
                r.title.clone(),
                r.unit.clone().unwrap_or_default(),
                area.clone(),
                breakdown.clone(),
                latest,
                latest_period,
                baseline,
                baseline_period,
                target,
                target_year,
                t(StatusKind::of(&r.assessment).key()),
            ]);
        }
    }
    FigureTable { headers, rows }
}

/// A drill-down's table: every observation of the indicator in the area,
/// series after series (the total first), each by time, with the status
/// the data gives it and its comment.
pub fn detail_table(d: &IndicatorDetail, locale: ChartLocale<'_>) -> FigureTable {
    let t = |k: &str| locale.text.text(k).to_string();
    let headers = [
        "indicators.col.indicator",
        "indicators.area-label",
        "indicators.col.breakdown",
        "indicators.col.period",
        "indicators.col.value",
        "indicators.col.obs-status",
        "indicators.col.comment",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let area = area_text(locale, d.area);
    let rows = d
        .rows
        .iter()
        .map(|r| {
            vec![
                d.indicator.id.clone(),
                area.clone(),
                breakdown_label(locale, &r.breakdown),
                r.period.to_string(),
                plain(r.value),
                r.status.map(|s| t(observation_key(s))).unwrap_or_default(),
                r.comment.clone().unwrap_or_default(),
            ]
        })
        .collect();
    FigureTable { headers, rows }
}

/// The catalogue key of an observation's status.
pub fn observation_key(s: ObservationStatus) -> &'static str {
    match s {
        ObservationStatus::Normal => "indicators.obs.normal",
        ObservationStatus::Estimated => "indicators.obs.estimated",
        ObservationStatus::Provisional => "indicators.obs.provisional",
        ObservationStatus::Imputed => "indicators.obs.imputed",
        ObservationStatus::Forecast => "indicators.obs.forecast",
        ObservationStatus::Break => "indicators.obs.break",
    }
}
