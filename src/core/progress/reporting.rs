//! Who has reported: per cycle and pillar, how many States and other
//! respondents answered the questionnaire, which reports came in on time,
//! late or not at all, and which paragraphs were covered; per question, how
//! it was answered, States apart from the other respondents (stakeholders).
//!
//! Only published answers count unless [`ReportingOptions`] says otherwise
//! (`ReportingOptions::default()` is published only). Reports have no
//! status: each counts once it is in the table.
//!
//! A report is **on time** when it was submitted on or before its due date
//! (a date given to the month or year is due at the end of that month or
//! year, and a submission given to the month or year counts from its first
//! day), **late** when submitted after it, **missing** when not submitted,
//! and **not yet due** when not submitted and `as_of` is on or before its
//! due date. A report submitted without a due date is on time.

use super::model::{
    Answer, Area, ProgressDataset, Question, QuestionType, Report, ReportType, RespondentType,
    Response, ResponseStatus,
};
use crate::core::model::{days_in_month, PartialDate, Pillar};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Which answers count, and the day the counts are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportingOptions {
    /// Per [`ResponseStatus`] (draft, submitted, validated, published),
    /// whether answers with it count.
    pub statuses: [bool; 4],
    /// Today, for telling a missing report from one not yet due; `None`:
    /// every report not submitted is missing.
    pub as_of: Option<PartialDate>,
}

impl Default for ReportingOptions {
    /// Published answers only; no `as_of`.
    fn default() -> Self {
        ReportingOptions {
            statuses: [false, false, false, true],
            as_of: None,
        }
    }
}

impl ReportingOptions {
    /// Answers of every status count.
    pub fn all_statuses() -> Self {
        ReportingOptions {
            statuses: [true; 4],
            as_of: None,
        }
    }

    /// Whether answers with `status` count.
    pub fn shows(&self, status: ResponseStatus) -> bool {
        self.statuses.get(status.index()).copied().unwrap_or(false)
    }

    fn counts(&self, r: &Response) -> bool {
        self.shows(r.status)
    }
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    /// Submitted on or before the due date.
    OnTime,
    /// Submitted after the due date.
    Late,
    /// Not submitted.
    Missing,
    /// Not submitted, and not due yet on the `as_of` day.
    NotYetDue,
}

fn first_day(d: PartialDate) -> (u16, u8, u8) {
    (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

fn last_day(d: PartialDate) -> (u16, u8, u8) {
    let month = d.month.unwrap_or(12);
    (
        d.year,
        month,
        d.day.unwrap_or_else(|| days_in_month(d.year, month)),
    )
}

/// Where `report` stands on the day `as_of`.
pub fn timing(report: &Report, as_of: Option<PartialDate>) -> Timing {
    match (report.submitted_on, report.due_on) {
        (Some(s), Some(d)) if first_day(s) > last_day(d) => Timing::Late,
        (Some(_), _) => Timing::OnTime,
        (None, Some(d)) if as_of.is_some_and(|now| first_day(now) <= last_day(d)) => {
            Timing::NotYetDue
        }
        (None, _) => Timing::Missing,
    }
}

/// Reports counted by where they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TimingCounts {
    /// Submitted on time.
    pub on_time: usize,
    /// Submitted late.
    pub late: usize,
    /// Not submitted (and due).
    pub missing: usize,
    /// Not submitted, not due yet.
    pub not_yet_due: usize,
}

impl TimingCounts {
    fn add(&mut self, t: Timing) {
        match t {
            Timing::OnTime => self.on_time += 1,
            Timing::Late => self.late += 1,
            Timing::Missing => self.missing += 1,
            Timing::NotYetDue => self.not_yet_due += 1,
        }
    }

    /// Reports submitted, on time or late.
    pub fn submitted(&self) -> usize {
        self.on_time + self.late
    }
}

/// One pillar in one cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PillarReporting {
    /// The pillar.
    pub pillar: Pillar,
    /// States (their areas) with an answer that counts to a question of the
    /// pillar, sorted.
    pub states_answered: Vec<Area>,
    /// Per [`RespondentType`], distinct respondents (area and name) that
    /// answered a question of the pillar; the State slot counts States.
    pub respondents_answered: [usize; 5],
    /// States that answered or submitted a report covering the pillar,
    /// sorted.
    pub states_reporting: Vec<Area>,
    /// The cycle's reports that cover the pillar.
    pub reports: TimingCounts,
    /// Paragraphs of the pillar cited by the submitted reports, sorted.
    pub paragraphs_reported: Vec<u8>,
    /// Paragraphs of the pillar's questions that have an answer that counts,
    /// sorted.
    pub paragraphs_answered: Vec<u8>,
}

/// One cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CycleReporting {
    /// The cycle, as the tables write it.
    pub cycle: String,
    /// States with an answer that counts, to any question, sorted.
    pub states_answered: Vec<Area>,
    /// Per [`RespondentType`], distinct respondents that answered (the State
    /// slot counts States).
    pub respondents_answered: [usize; 5],
    /// Per [`ReportType`], the cycle's reports by where they stand.
    pub reports: [TimingCounts; 3],
    /// The four pillars, in order.
    pub pillars: Vec<PillarReporting>,
}

impl CycleReporting {
    /// The pillar's figures.
    pub fn pillar(&self, pillar: Pillar) -> Option<&PillarReporting> {
        self.pillars.iter().find(|p| p.pillar == pillar)
    }
}

/// The questions by id, made once per count: each answer finds its
/// question here instead of in the list (`ProgressDataset::question`), which
/// was a third of the board's time at 100 questions. The first question of
/// an id wins, as in the list.
fn questions_by_id(dataset: &ProgressDataset) -> HashMap<&str, &Question> {
    let mut index = HashMap::with_capacity(dataset.questions.len());
    for q in &dataset.questions {
        index.entry(q.id.as_str()).or_insert(q);
    }
    index
}

/// Per cycle (sorted as text: `2022` before `2023`), who reported.
pub fn reporting(dataset: &ProgressDataset, options: &ReportingOptions) -> Vec<CycleReporting> {
    let cycles: BTreeSet<&str> = dataset
        .responses
        .iter()
        .map(|r| r.cycle.as_str())
        .chain(dataset.reports.iter().map(|r| r.cycle.as_str()))
        .collect();
    let questions = questions_by_id(dataset);
    cycles
        .into_iter()
        .map(|cycle| cycle_reporting(dataset, &questions, cycle, options))
        .collect()
}

fn cycle_reporting(
    dataset: &ProgressDataset,
    questions: &HashMap<&str, &Question>,
    cycle: &str,
    options: &ReportingOptions,
) -> CycleReporting {
    let answers: Vec<(&Response, Pillar, &[u8])> = dataset
        .responses
        .iter()
        .filter(|r| r.cycle == cycle && options.counts(r))
        .filter_map(|r| {
            questions
                .get(r.question.as_str())
                .map(|q| (r, q.pillar, q.paragraphs.as_slice()))
        })
        .collect();
    let reports: Vec<&Report> = dataset
        .reports
        .iter()
        .filter(|r| r.cycle == cycle)
        .collect();
    let count = |answers: &mut dyn Iterator<Item = &Response>| -> (Vec<Area>, [usize; 5]) {
        let mut states = BTreeSet::new();
        let mut others: [BTreeSet<(Area, &str)>; 5] = Default::default();
        for r in answers {
            if r.respondent_type == RespondentType::State {
                states.insert(r.area);
            } else if let Some(set) = others.get_mut(r.respondent_type.index()) {
                set.insert((r.area, r.respondent.as_str()));
            }
        }
        let mut by_type = [0usize; 5];
        for (i, slot) in by_type.iter_mut().enumerate() {
            *slot = if i == RespondentType::State.index() {
                states.len()
            } else {
                others.get(i).map_or(0, BTreeSet::len)
            };
        }
        (states.into_iter().collect(), by_type)
    };
    let (states_answered, respondents_answered) = count(&mut answers.iter().map(|(r, _, _)| *r));
    let mut by_type = [TimingCounts::default(); 3];
    for r in &reports {
        if let Some(c) = by_type.get_mut(r.kind.index()) {
            c.add(timing(r, options.as_of));
        }
    }
    let pillars = Pillar::ALL
        .into_iter()
        .map(|pillar| {
            let (states, respondents) = count(
                &mut answers
                    .iter()
                    .filter(|(_, p, _)| *p == pillar)
                    .map(|(r, _, _)| *r),
            );
            let covering: Vec<&&Report> = reports
                .iter()
                .filter(|r| r.covered_pillars().contains(&pillar))
                .collect();
            let mut counts = TimingCounts::default();
            let mut reporting: BTreeSet<Area> = states.iter().copied().collect();
            let mut reported = BTreeSet::new();
            for r in &covering {
                let t = timing(r, options.as_of);
                counts.add(t);
                if matches!(t, Timing::OnTime | Timing::Late) {
                    if r.area.is_country() {
                        reporting.insert(r.area);
                    }
                    reported.extend(
                        r.paragraphs
                            .iter()
                            .filter(|&&p| Pillar::of_paragraph(p) == Some(pillar)),
                    );
                }
            }
            let answered: BTreeSet<u8> = answers
                .iter()
                .filter(|(_, p, _)| *p == pillar)
                .flat_map(|(_, _, paras)| paras.iter().copied())
                .collect();
            PillarReporting {
                pillar,
                states_answered: states,
                respondents_answered: respondents,
                states_reporting: reporting.into_iter().collect(),
                reports: counts,
                paragraphs_reported: reported.into_iter().collect(),
                paragraphs_answered: answered.into_iter().collect(),
            }
        })
        .collect();
    CycleReporting {
        cycle: cycle.to_string(),
        states_answered,
        respondents_answered,
        reports: by_type,
        pillars,
    }
}

/// One choice of a question and how often it was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceCount {
    /// The code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Answers by States that chose it.
    pub states: usize,
    /// Answers by other respondents that chose it.
    pub stakeholders: usize,
}

/// Numbers given as answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NumberSummary {
    /// How many.
    pub count: usize,
    /// Smallest.
    pub min: f64,
    /// Median (the mean of the middle two for an even count).
    pub median: f64,
    /// Largest.
    pub max: f64,
}

impl NumberSummary {
    fn of(mut values: Vec<f64>) -> Option<NumberSummary> {
        crate::core::order::sort_by(&mut values, f64::total_cmp);
        let n = values.len();
        let (min, max) = (*values.first()?, *values.last()?);
        let mid = values.get(n / 2).copied()?;
        let median = if n.is_multiple_of(2) {
            (values.get(n / 2 - 1).copied()? + mid) / 2.0
        } else {
            mid
        };
        Some(NumberSummary {
            count: n,
            min,
            median,
            max,
        })
    }
}

/// How one question was answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionDistribution {
    /// The question's id.
    pub question: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// Answers by States.
    pub state_answers: usize,
    /// Answers by other respondents.
    pub stakeholder_answers: usize,
    /// Per choice (yes/no, choice, multiple choice), in the question's order.
    pub choices: Vec<ChoiceCount>,
    /// Number answers by States.
    pub state_numbers: Option<NumberSummary>,
    /// Number answers by other respondents.
    pub stakeholder_numbers: Option<NumberSummary>,
}

/// How question `id` was answered in `cycle` (every cycle when `None`);
/// `None` when there is no such question.
pub fn question_distribution(
    dataset: &ProgressDataset,
    id: &str,
    cycle: Option<&str>,
    options: &ReportingOptions,
) -> Option<QuestionDistribution> {
    let q = dataset.question(id)?;
    let mut d = QuestionDistribution {
        question: q.id.clone(),
        kind: q.kind,
        state_answers: 0,
        stakeholder_answers: 0,
        choices: q
            .choices
            .iter()
            .map(|c| ChoiceCount {
                code: c.code.clone(),
                label: c.label.clone(),
                states: 0,
                stakeholders: 0,
            })
            .collect(),
        state_numbers: None,
        stakeholder_numbers: None,
    };
    let (mut state_numbers, mut other_numbers) = (Vec::new(), Vec::new());
    for r in dataset
        .responses
        .iter()
        .filter(|r| r.question == q.id && options.counts(r) && cycle.is_none_or(|c| r.cycle == c))
    {
        let state = r.respondent_type == RespondentType::State;
        if state {
            d.state_answers += 1;
        } else {
            d.stakeholder_answers += 1;
        }
        match &r.answer {
            Answer::Codes(codes) => {
                for code in codes {
                    if let Some(c) = d.choices.iter_mut().find(|c| &c.code == code) {
                        if state {
                            c.states += 1;
                        } else {
                            c.stakeholders += 1;
                        }
                    }
                }
            }
            Answer::Number(n) => {
                if state {
                    state_numbers.push(*n);
                } else {
                    other_numbers.push(*n);
                }
            }
            Answer::Text(_) => {}
        }
    }
    d.state_numbers = NumberSummary::of(state_numbers);
    d.stakeholder_numbers = NumberSummary::of(other_numbers);
    Some(d)
}

/// The report types, for tables: `questionnaire`, `voluntary report`,
/// `thematic submission`.
pub fn report_type_label(t: ReportType) -> &'static str {
    match t {
        ReportType::Questionnaire => "questionnaire",
        ReportType::VoluntaryReport => "voluntary report",
        ReportType::ThematicSubmission => "thematic submission",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(due: Option<PartialDate>, submitted: Option<PartialDate>) -> Report {
        Report {
            id: "R".into(),
            area: Area::Country(*b"JPN"),
            cycle: "2024".into(),
            kind: ReportType::Questionnaire,
            due_on: due,
            submitted_on: submitted,
            pillars: vec![],
            paragraphs: vec![],
            languages: vec![],
            link: None,
        }
    }

    fn day(y: u16, m: u8, d: u8) -> Option<PartialDate> {
        PartialDate::new(y, Some(m), Some(d))
    }

    #[test]
    fn timings() {
        let due = day(2024, 3, 31);
        assert_eq!(timing(&report(due, day(2024, 3, 31)), None), Timing::OnTime);
        assert_eq!(timing(&report(due, day(2024, 4, 1)), None), Timing::Late);
        // Due in March: a submission in March is on time.
        let march = PartialDate::new(2024, Some(3), None);
        assert_eq!(
            timing(&report(march, day(2024, 3, 31)), None),
            Timing::OnTime
        );
        assert_eq!(timing(&report(due, march), None), Timing::OnTime);
        assert_eq!(timing(&report(due, None), None), Timing::Missing);
        assert_eq!(
            timing(&report(due, None), day(2024, 3, 31)),
            Timing::NotYetDue
        );
        assert_eq!(timing(&report(due, None), day(2024, 4, 1)), Timing::Missing);
        assert_eq!(timing(&report(None, day(2030, 1, 1)), None), Timing::OnTime);
    }

    #[test]
    fn medians() {
        let s = NumberSummary::of(vec![4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!((s.count, s.min, s.median, s.max), (4, 1.0, 2.5, 4.0));
        assert_eq!(NumberSummary::of(vec![]), None);
    }
}
