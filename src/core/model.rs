//! The activity data model: what one row of an implementation matrix says.
//!
//! An [`Activity`] follows up one or more paragraphs of the Declaration and has a
//! [`Status`]. A [`Dataset`] is a titled list of activities, as loaded from an
//! export or from the embedded sample. Parsing from text lives in
//! [`crate::core::import`]; this module only holds the types and their canonical
//! spellings.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// One of the four pillars of the Kyoto Declaration's actions (paragraphs 21–95).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Pillar {
    /// Advancing crime prevention (paragraphs 21–30).
    I,
    /// Advancing the criminal justice system (31–47).
    II,
    /// Promoting the rule of law (48–59).
    III,
    /// Promoting international cooperation and technical assistance to
    /// prevent and address all forms of crime (60–95).
    IV,
}

impl Pillar {
    /// All four pillars in document order.
    pub const ALL: [Pillar; 4] = [Pillar::I, Pillar::II, Pillar::III, Pillar::IV];

    /// The roman numeral, as the Commission's workplan numbers the pillars
    /// (the Declaration itself gives them headings, not numbers).
    pub fn numeral(self) -> &'static str {
        match self {
            Pillar::I => "I",
            Pillar::II => "II",
            Pillar::III => "III",
            Pillar::IV => "IV",
        }
    }

    /// Reads "I".."IV", "1".."4" or "pillar ii" (case-insensitive).
    pub fn parse(text: &str) -> Option<Pillar> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.strip_prefix("pillar").unwrap_or(&t).trim();
        match t {
            "i" | "1" => Some(Pillar::I),
            "ii" | "2" => Some(Pillar::II),
            "iii" | "3" => Some(Pillar::III),
            "iv" | "4" => Some(Pillar::IV),
            _ => None,
        }
    }

    /// Index 0..4 in [`Pillar::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Pillar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.numeral())
    }
}

/// The three parts of the Declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// Paragraphs 1–20: the declaratory paragraphs.
    Declaratory,
    /// Paragraphs 21–95: the actions, in four pillars.
    Actions,
    /// Paragraphs 96–97: follow-up.
    FollowUp,
}

/// Where an activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Done.
    Completed,
    /// Under way.
    Ongoing,
    /// Proposed or not started.
    Planned,
}

impl Status {
    /// All statuses, in the order charts stack them.
    pub const ALL: [Status; 3] = [Status::Completed, Status::Ongoing, Status::Planned];

    /// The canonical word, as exports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Ongoing => "ongoing",
            Status::Planned => "planned",
        }
    }

    /// Index 0..3 in [`Status::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The follow-up track an activity belongs to (seed 000, paragraphs 25 and 28).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Track {
    /// Within the United Nations system.
    Institutional,
    /// Through the Commission on Crime Prevention and Criminal Justice.
    Intergovernmental,
    /// Through the substantive programmes of UNODC.
    Programmatic,
    /// By Member States at national or regional level.
    National,
    /// By other stakeholders (institutes, civil society, academia).
    Stakeholder,
}

impl Track {
    /// All tracks.
    pub const ALL: [Track; 5] = [
        Track::Institutional,
        Track::Intergovernmental,
        Track::Programmatic,
        Track::National,
        Track::Stakeholder,
    ];

    /// The canonical word.
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Institutional => "institutional",
            Track::Intergovernmental => "intergovernmental",
            Track::Programmatic => "programmatic",
            Track::National => "national",
            Track::Stakeholder => "stakeholder",
        }
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date as UN documents give it: a year, a month of a year, or a day.
///
/// Ordered chronologically, a less precise date sorting before the more precise
/// dates it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// 1–12, when known.
    pub month: Option<u8>,
    /// 1–31, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// The calendar quarter (1–4) when the month is known.
    pub fn quarter(&self) -> Option<u8> {
        self.month.map(|m| (m - 1) / 3 + 1)
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 forms: `2022`, `2022-12`, `2022-12-05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A Sustainable Development Goal, or one of its targets ("16", "16.3", "5.a").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Sdg {
    /// The goal, 1–17.
    pub goal: u8,
    /// The target within the goal ("3", "a"), when given.
    pub target: Option<Name>,
}

impl fmt::Display for Sdg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Some(t) => write!(f, "{}.{}", self.goal, t),
            None => write!(f, "{}", self.goal),
        }
    }
}

/// A name that activities share (a lead, a partner, a country): read as a
/// `str`, compared with text, and one copy in memory for every activity of an
/// import that names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<str>);

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(s.into())
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(s.into())
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

/// One activity of the implementation matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// Unique within a dataset.
    pub id: String,
    /// Short title, in any language.
    pub title: String,
    /// Paragraph numbers (1–97) it follows up, sorted, without duplicates.
    pub paragraphs: Vec<u8>,
    /// Where it stands.
    pub status: Status,
    /// Longer description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    /// When it started (or starts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// When it ended (or ends).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// The follow-up track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<Track>,
    /// Who leads it. Leads, partners and countries repeat across a dataset:
    /// the import shares one copy of each name between the activities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<Name>,
    /// Partners.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Name>,
    /// Countries concerned.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Name>,
    /// Goals and targets it contributes to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sdgs: Vec<Sdg>,
    /// A link (kept as given; widgets show only http and https links).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The document the record comes from (a document symbol and paragraph).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When the record was last updated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<PartialDate>,
}

impl Activity {
    /// An activity with its required fields only; the optional ones empty.
    pub fn new(id: &str, title: &str, paragraphs: &[u8], status: Status) -> Activity {
        Activity {
            id: id.into(),
            title: title.into(),
            paragraphs: paragraphs.to_vec(),
            status,
            description: None,
            progress: None,
            start: None,
            end: None,
            track: None,
            lead: None,
            partners: Vec::new(),
            countries: Vec::new(),
            sdgs: Vec::new(),
            url: None,
            source: None,
            updated: None,
        }
    }
}

/// A titled list of activities.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Dataset {
    /// Format version (1).
    pub version: u32,
    /// Title of the export.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When the export was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<PartialDate>,
    /// The activities, in file order.
    pub activities: Vec<Activity>,
}

impl Pillar {
    /// First and last paragraph of the pillar (I 21–30, II 31–47, III 48–59,
    /// IV 60–95). Fixed by the text of the Declaration.
    pub fn paragraph_range(self) -> (u8, u8) {
        match self {
            Pillar::I => (21, 30),
            Pillar::II => (31, 47),
            Pillar::III => (48, 59),
            Pillar::IV => (60, 95),
        }
    }

    /// The pillar a paragraph belongs to: `None` outside paragraphs 21–95.
    pub fn of_paragraph(number: u8) -> Option<Pillar> {
        Pillar::ALL.into_iter().find(|p| {
            let (first, last) = p.paragraph_range();
            (first..=last).contains(&number)
        })
    }
}

impl Part {
    /// All three parts in document order.
    pub const ALL: [Part; 3] = [Part::Declaratory, Part::Actions, Part::FollowUp];

    /// First and last paragraph of the part (1–20, 21–95, 96–97).
    pub fn paragraph_range(self) -> (u8, u8) {
        match self {
            Part::Declaratory => (1, 20),
            Part::Actions => (21, 95),
            Part::FollowUp => (96, 97),
        }
    }

    /// The part a paragraph belongs to: `None` outside paragraphs 1–97.
    pub fn of_paragraph(number: u8) -> Option<Part> {
        Part::ALL.into_iter().find(|p| {
            let (first, last) = p.paragraph_range();
            (first..=last).contains(&number)
        })
    }

    /// The canonical word, as JSON writes it (`declaratory`, `actions`,
    /// `follow-up`).
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Declaratory => "declaratory",
            Part::Actions => "actions",
            Part::FollowUp => "follow-up",
        }
    }

    /// Index 0..3 in [`Part::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Status {
    /// Reads a status as people write it, case-insensitively: `completed`
    /// (done, complete, finished), `ongoing` (in progress, underway, under way,
    /// active) or `planned` (proposed, not started, pipeline). Hyphens and
    /// underscores count as spaces ("in-progress", "not_started").
    pub fn parse(text: &str) -> Option<Status> {
        const WORDS: [(&str, Status); 15] = [
            ("completed", Status::Completed),
            ("complete", Status::Completed),
            ("done", Status::Completed),
            ("finished", Status::Completed),
            ("ongoing", Status::Ongoing),
            ("on going", Status::Ongoing),
            ("in progress", Status::Ongoing),
            ("underway", Status::Ongoing),
            ("under way", Status::Ongoing),
            ("active", Status::Ongoing),
            ("planned", Status::Planned),
            ("proposed", Status::Planned),
            ("not started", Status::Planned),
            ("pipeline", Status::Planned),
            ("in pipeline", Status::Planned),
        ];
        let t = text.trim();
        // The canonical words as the tool writes them, before any folding.
        match t {
            "completed" => return Some(Status::Completed),
            "ongoing" => return Some(Status::Ongoing),
            "planned" => return Some(Status::Planned),
            _ => {}
        }
        if let Some((_, s)) = WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(t)) {
            return Some(*s);
        }
        let words: Vec<String> = text
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        match words.join(" ").as_str() {
            "completed" | "complete" | "done" | "finished" => Some(Status::Completed),
            "ongoing" | "on going" | "in progress" | "underway" | "under way" | "active" => {
                Some(Status::Ongoing)
            }
            "planned" | "proposed" | "not started" | "pipeline" | "in pipeline"
            | "in the pipeline" => Some(Status::Planned),
            _ => None,
        }
    }
}

impl Track {
    /// Reads a track word case-insensitively; a plural ("stakeholders") and a
    /// trailing "follow-up" ("programmatic follow-up") are accepted.
    pub fn parse(text: &str) -> Option<Track> {
        let trimmed = text.trim();
        if let Some(k) = Track::ALL.into_iter().find(|k| k.as_str() == trimmed) {
            return Some(k);
        }
        if let Some(k) = Track::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(trimmed))
        {
            return Some(k);
        }
        let t = trimmed.to_ascii_lowercase();
        let t = t
            .strip_suffix("follow-up")
            .or_else(|| t.strip_suffix("follow up"))
            .or_else(|| t.strip_suffix("followup"))
            .unwrap_or(&t)
            .trim();
        let t = t.strip_suffix('s').unwrap_or(t);
        Track::ALL.into_iter().find(|k| k.as_str() == t)
    }
}

impl PartialDate {
    /// A date from its parts, checking the month (1–12) and the day against the
    /// month's length (leap years included).
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        match (month, day) {
            (None, Some(_)) => None,
            (Some(m), _) if !(1..=12).contains(&m) => None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => None,
            _ => Some(PartialDate { year, month, day }),
        }
    }
}

/// Days in a month of the Gregorian calendar (0 for a month outside 1–12).
pub fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl Sdg {
    /// Reads a goal or a target as people write it: `16`, `16.3`, `16.a`,
    /// `SDG 5`, `SDG16`, `Goal 16`, `Target 5.2`. Goals run 1–17; a target is
    /// one or two digits or one letter.
    pub fn parse(text: &str) -> Option<Sdg> {
        let mut rest = text.trim();
        // Every prefix starts with a letter: a goal written as digits has none.
        let prefixes: &[&str] = if rest.starts_with(|c: char| c.is_ascii_digit()) {
            &[]
        } else {
            &["sdgs", "sdg", "goal", "target"]
        };
        for prefix in prefixes {
            let head = rest.get(..prefix.len());
            if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
                rest = rest
                    .get(prefix.len()..)
                    .unwrap_or_default()
                    .trim_start_matches([' ', '#', ':']);
                break;
            }
        }
        let (goal, target) = match rest.split_once('.') {
            Some((g, t)) => (g, Some(t)),
            None => (rest, None),
        };
        if goal.is_empty() || goal.len() > 2 || !goal.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let goal: u8 = goal.parse().ok()?;
        if !(1..=17).contains(&goal) {
            return None;
        }
        let target = match target {
            None => None,
            Some(t) => {
                let digits = !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
                let letter = t.len() == 1 && t.bytes().all(|b| b.is_ascii_alphabetic());
                if !(digits || letter) || t == "0" || t == "00" {
                    return None;
                }
                Some(Name::from(t.trim_start_matches('0').to_ascii_lowercase()))
            }
        };
        Some(Sdg { goal, target })
    }
}
