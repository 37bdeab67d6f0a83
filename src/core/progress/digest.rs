//! The progress digest: the few figures of a progress export that the pillar
//! chart and the paragraph browser show beside the activities, small enough
//! to travel as a file of its own.
//!
//! [`ProgressDigest::of`] computes it from the tables read
//! ([`ProgressImport`]: indicators, observations, questions, answers,
//! reports) with [`super::status`] and [`super::reporting`], counting
//! published answers only. Per pillar: its indicators by status and, per
//! reporting cycle, the States that answered a question of the pillar and
//! the States reporting on it (an answer, or a report covering the pillar),
//! out of the States in the data. Per paragraph: the indicators that follow
//! it up (status and latest World value), the questions that cite it with
//! how they were answered, and the reports that cover it.
//!
//! It is written as compact JSON opening with `{"kyotoDigest":1,`
//! ([`ProgressDigest::to_json`]), so that a site can compute it once (`kyoto
//! digest`) and the widgets tell it from the tables by its first bytes.
//! [`ProgressDigest::from_json`] reads it back with serde alone: the chart's
//! and the browser's modules carry this reader, never the tables' readers.
//! Every number in it is a whole number and every value a text (the latest
//! value as the tables wrote it), so reading it brings no float parser.

use super::model::{Answer, Area, ProgressDataset, RespondentType, ResponseStatus};
use super::reporting::{reporting, ReportingOptions};
use super::status::{assess_headline, ProgressStatus};
use super::ProgressImport;
use crate::core::model::{PartialDate, Pillar};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The digest's format version, its first key's value.
pub const DIGEST_VERSION: u32 = 1;

/// What a digest's text starts with: how a page tells it from the tables.
pub const DIGEST_MARK: &str = "{\"kyotoDigest\":1,";

/// Where an indicator stands, for stacking and counting: the three statuses
/// of the progress chart and "not assessed", in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// On track (or the target met).
    OnTrack,
    /// Moderate progress.
    Moderate,
    /// Stagnation or regression.
    StagnationOrRegression,
    /// No status: too few values, or the rule does not apply.
    NotAssessed,
}

impl Standing {
    /// All four, in stacking order.
    pub const ALL: [Standing; 4] = [
        Standing::OnTrack,
        Standing::Moderate,
        Standing::StagnationOrRegression,
        Standing::NotAssessed,
    ];

    /// Index 0..4 in [`Standing::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The catalogue key of its words (`digest.standing.on_track`).
    pub fn key(self) -> &'static str {
        match self {
            Standing::OnTrack => "digest.standing.on_track",
            Standing::Moderate => "digest.standing.moderate",
            Standing::StagnationOrRegression => "digest.standing.stagnation",
            Standing::NotAssessed => "digest.standing.not_assessed",
        }
    }

    fn of(status: Result<ProgressStatus, super::status::NotAssessed>) -> Standing {
        match status {
            Ok(ProgressStatus::OnTrack) => Standing::OnTrack,
            Ok(ProgressStatus::Moderate) => Standing::Moderate,
            Ok(ProgressStatus::StagnationOrRegression) => Standing::StagnationOrRegression,
            Err(_) => Standing::NotAssessed,
        }
    }
}

/// One reporting cycle of one pillar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleFigures {
    /// The cycle, as the tables write it (`2026`).
    pub cycle: String,
    /// States with a published answer to a question of the pillar.
    pub answered: u32,
    /// States that answered or submitted a report covering the pillar.
    pub reporting: u32,
}

/// One pillar's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PillarDigest {
    /// The pillar.
    pub pillar: Pillar,
    /// Its indicators per [`Standing`], in [`Standing::ALL`] order.
    pub indicators: [u32; 4],
    /// Per cycle, in the digest's cycle order.
    pub cycles: Vec<CycleFigures>,
}

impl PillarDigest {
    /// The figures of the latest cycle.
    pub fn latest(&self) -> Option<&CycleFigures> {
        self.cycles.last()
    }

    /// Indicators of every standing.
    pub fn indicator_count(&self) -> u32 {
        self.indicators.iter().sum()
    }
}

/// An indicator as a paragraph lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorDigest {
    /// Its id (`I-1`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status (headline series: the World, no breakdown).
    pub standing: Standing,
    /// The latest World value, as a plain decimal (`5.6`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The unit of the values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The period of the latest value (`2023`, `2022-2023`, `2024-Q2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

/// How often one choice of a question was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceDigest {
    /// What the choice means.
    pub label: String,
    /// Answers by States that chose it.
    pub states: u32,
    /// Answers by other respondents that chose it.
    pub others: u32,
}

/// A question as a paragraph lists it, with its published answers of every
/// cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDigest {
    /// Its id (`Q-I-2`).
    pub id: String,
    /// The question as asked.
    pub text: String,
    /// Answers by States.
    pub state_answers: u32,
    /// Answers by other respondents (stakeholders).
    pub other_answers: u32,
    /// Distinct States that answered it.
    pub states: u32,
    /// For yes/no and choice questions, per choice in the question's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ChoiceDigest>,
}

impl QuestionDigest {
    /// Answers of every respondent.
    pub fn answers(&self) -> u32 {
        self.state_answers + self.other_answers
    }
}

/// What the progress tables say about one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphDigest {
    /// The paragraph's number.
    pub paragraph: u8,
    /// Indicators that follow it up, in the table's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorDigest>,
    /// Questions that cite it, in the table's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionDigest>,
    /// Submitted reports (any cycle) that cover it.
    #[serde(default)]
    pub reports: u32,
}

/// The figures the chart and the browser show from a progress export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressDigest {
    /// The format version ([`DIGEST_VERSION`]); written first, so that the
    /// text starts with [`DIGEST_MARK`].
    pub kyoto_digest: u32,
    /// The day it was computed for (`2026-08-01`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The cycles, sorted as text; the last is the latest.
    pub cycles: Vec<String>,
    /// States in the data: countries with an answer by their State (of any
    /// status) or a report in the tables.
    pub states: u32,
    /// The four pillars, in order.
    pub pillars: Vec<PillarDigest>,
    /// Paragraphs with an indicator, a question or a report, in order.
    pub paragraphs: Vec<ParagraphDigest>,
}

/// Why a text is not a progress digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestError {
    /// Line of the problem, from 1 (0: the text as a whole).
    pub line: usize,
    /// Column of the problem, from 1 (0: the text as a whole).
    pub column: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for DigestError {
    /// `the progress digest could not be read: line 1, column 40: missing
    /// field `pillars``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the progress digest could not be read: ")?;
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        f.write_str(&self.reason)
    }
}

impl std::error::Error for DigestError {}

/// Whether a text (or the start of a file) is a digest, not the tables.
pub fn is_digest(text: &[u8]) -> bool {
    let t = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(text);
    t.starts_with(DIGEST_MARK.as_bytes())
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ProgressDigest {
    /// The digest of the tables read, on the day `as_of` (for the record;
    /// the figures do not depend on it). Only published answers count.
    pub fn of(import: &ProgressImport, as_of: Option<PartialDate>) -> ProgressDigest {
        let dataset = &import.dataset;
        let options = ReportingOptions {
            as_of,
            ..ReportingOptions::default()
        };
        let cycles = reporting(dataset, &options);
        let standings: Vec<Standing> = dataset
            .indicators
            .iter()
            .map(|i| Standing::of(assess_headline(dataset, i).status))
            .collect();
        let pillars = Pillar::ALL
            .into_iter()
            .map(|pillar| {
                let mut indicators = [0u32; 4];
                for (i, s) in dataset.indicators.iter().zip(&standings) {
                    if i.pillar == pillar {
                        if let Some(slot) = indicators.get_mut(s.index()) {
                            *slot += 1;
                        }
                    }
                }
                PillarDigest {
                    pillar,
                    indicators,
                    cycles: cycles
                        .iter()
                        .filter_map(|c| {
                            let p = c.pillar(pillar)?;
                            Some(CycleFigures {
                                cycle: c.cycle.clone(),
                                answered: count(p.states_answered.len()),
                                reporting: count(p.states_reporting.len()),
                            })
                        })
                        .collect(),
                }
            })
            .collect();
        ProgressDigest {
            kyoto_digest: DIGEST_VERSION,
            as_of: as_of.map(|d| d.to_string()),
            cycles: cycles.iter().map(|c| c.cycle.clone()).collect(),
            states: count(states_in(dataset).len()),
            pillars,
            paragraphs: paragraphs(dataset, &standings, &options),
        }
    }

    /// The pillar's figures.
    pub fn pillar(&self, pillar: Pillar) -> Option<&PillarDigest> {
        self.pillars.iter().find(|p| p.pillar == pillar)
    }

    /// What the tables say about paragraph `n`.
    pub fn paragraph(&self, n: u8) -> Option<&ParagraphDigest> {
        self.paragraphs.iter().find(|p| p.paragraph == n)
    }

    /// The latest cycle.
    pub fn latest_cycle(&self) -> Option<&str> {
        self.cycles.last().map(String::as_str)
    }

    /// The indicators that follow up any of `paragraphs`, each once, per
    /// [`Standing`] (a theme's or a paragraph's bar).
    pub fn indicators_over(&self, paragraphs: &[u8]) -> [u32; 4] {
        let mut seen = BTreeSet::new();
        let mut out = [0u32; 4];
        for p in self
            .paragraphs
            .iter()
            .filter(|p| paragraphs.contains(&p.paragraph))
        {
            for i in &p.indicators {
                if seen.insert(i.id.as_str()) {
                    if let Some(slot) = out.get_mut(i.standing.index()) {
                        *slot += 1;
                    }
                }
            }
        }
        out
    }

    /// The compact JSON, starting with [`DIGEST_MARK`].
    pub fn to_json(&self) -> String {
        // A struct's fields are written in their order: the version first.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a digest written by [`ProgressDigest::to_json`] (a byte-order
    /// mark and surrounding space allowed). The error says where the text
    /// went wrong.
    pub fn from_json(text: &str) -> Result<ProgressDigest, DigestError> {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        let whole = |reason: String| DigestError {
            line: 0,
            column: 0,
            reason,
        };
        if !t.starts_with("{\"kyotoDigest\":") {
            let start: String = t.chars().take(24).collect();
            return Err(whole(format!(
                "it does not start with {DIGEST_MARK} but with '{start}'"
            )));
        }
        let digest: ProgressDigest = serde_json::from_str(t).map_err(|e| DigestError {
            line: e.line(),
            column: e.column(),
            reason: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or("")
                .to_string(),
        })?;
        if digest.kyoto_digest != DIGEST_VERSION {
            return Err(whole(format!(
                "version {} is not read by this version of kyoto-widgets (it reads version {DIGEST_VERSION})",
                digest.kyoto_digest
            )));
        }
        Ok(digest)
    }
}

/// Countries with an answer by their State (of any status) or a report.
fn states_in(dataset: &ProgressDataset) -> BTreeSet<Area> {
    dataset
        .responses
        .iter()
        .filter(|r| r.respondent_type == RespondentType::State)
        .map(|r| r.area)
        .chain(dataset.reports.iter().map(|r| r.area))
        .filter(|a| a.is_country())
        .collect()
}

/// Per paragraph, its indicators, questions and reports.
fn paragraphs(
    dataset: &ProgressDataset,
    standings: &[Standing],
    options: &ReportingOptions,
) -> Vec<ParagraphDigest> {
    let mut out: BTreeMap<u8, ParagraphDigest> = BTreeMap::new();
    for (i, standing) in dataset.indicators.iter().zip(standings) {
        let a = assess_headline(dataset, i);
        let shown = IndicatorDigest {
            id: i.id.clone(),
            title: i.title.clone(),
            standing: *standing,
            value: a.latest.map(|p| super::format_number(p.value)),
            unit: i.unit.clone(),
            period: a.latest.map(|p| p.period.to_string()),
        };
        for &n in &i.paragraphs {
            entry(&mut out, n).indicators.push(shown.clone());
        }
    }
    for q in &dataset.questions {
        let shown = question(dataset, q, options);
        for &n in &q.paragraphs {
            entry(&mut out, n).questions.push(shown.clone());
        }
    }
    for r in dataset.reports.iter().filter(|r| r.submitted_on.is_some()) {
        for &n in &r.paragraphs {
            entry(&mut out, n).reports += 1;
        }
    }
    out.into_values().collect()
}

/// Paragraph `n`'s entry, made empty when new.
fn entry(out: &mut BTreeMap<u8, ParagraphDigest>, n: u8) -> &mut ParagraphDigest {
    out.entry(n).or_insert_with(|| ParagraphDigest {
        paragraph: n,
        indicators: Vec::new(),
        questions: Vec::new(),
        reports: 0,
    })
}

/// How question `q` was answered, every cycle, answers that count only.
fn question(
    dataset: &ProgressDataset,
    q: &super::model::Question,
    options: &ReportingOptions,
) -> QuestionDigest {
    let mut d = QuestionDigest {
        id: q.id.clone(),
        text: q.text.clone(),
        state_answers: 0,
        other_answers: 0,
        states: 0,
        choices: q
            .choices
            .iter()
            .map(|c| ChoiceDigest {
                label: c.label.clone(),
                states: 0,
                others: 0,
            })
            .collect(),
    };
    let mut states = BTreeSet::new();
    let counted = |s: ResponseStatus| options.shows(s);
    for r in dataset
        .responses
        .iter()
        .filter(|r| r.question == q.id && counted(r.status))
    {
        let state = r.respondent_type == RespondentType::State;
        if state {
            d.state_answers += 1;
            states.insert(r.area);
        } else {
            d.other_answers += 1;
        }
        if let Answer::Codes(codes) = &r.answer {
            for code in codes {
                let slot = q
                    .choices
                    .iter()
                    .position(|c| &c.code == code)
                    .and_then(|i| d.choices.get_mut(i));
                if let Some(c) = slot {
                    if state {
                        c.states += 1;
                    } else {
                        c.others += 1;
                    }
                }
            }
        }
    }
    d.states = count(states.len());
    d
}
