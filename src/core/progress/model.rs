//! The indicators and reporting data model: what one row of each table of a
//! progress export says, and the canonical spellings of its coded values.
//!
//! Five tables ([`Table`]): indicators per pillar ([`Indicator`]), their
//! observations per area and period ([`Observation`]), the questionnaire
//! ([`Question`]), the answers to it ([`Response`]) and the reports expected
//! from each area per cycle ([`Report`]). A [`ProgressDataset`] holds them
//! all. Each coded value has a `parse` that reads it as people write it;
//! the readers use them and report what they refuse.

use crate::core::model::{PartialDate, Pillar};
use serde::{Serialize, Serializer};
use std::fmt;

/// One of the five tables of a progress export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// The indicators, one per row.
    Indicators,
    /// Observations of the indicators.
    IndicatorData,
    /// The questionnaire's questions.
    Questions,
    /// Answers to the questions.
    Responses,
    /// Reports expected and received.
    Reports,
}

impl Table {
    /// All tables, in the order problems are listed.
    pub const ALL: [Table; 5] = [
        Table::Indicators,
        Table::IndicatorData,
        Table::Questions,
        Table::Responses,
        Table::Reports,
    ];

    /// The canonical name: the sheet name and the CSV file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Indicators => "indicators",
            Table::IndicatorData => "indicator_data",
            Table::Questions => "questions",
            Table::Responses => "responses",
            Table::Reports => "reports",
        }
    }

    /// Index 0..5 in [`Table::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The table a sheet name, file stem or JSON key names, matched ignoring
    /// case, spaces and punctuation (`Indicator data`, `indicator-data`,
    /// `kyoto_indicator_data`, `answers`).
    pub fn from_name(name: &str) -> Option<Table> {
        let key: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        // Most specific first: "indicatordata" before "indicators".
        const NAMES: [(&str, Table); 9] = [
            ("indicatordata", Table::IndicatorData),
            ("observations", Table::IndicatorData),
            ("indicatorvalues", Table::IndicatorData),
            ("indicators", Table::Indicators),
            ("questions", Table::Questions),
            ("questionnaire", Table::Questions),
            ("responses", Table::Responses),
            ("answers", Table::Responses),
            ("reports", Table::Reports),
        ];
        NAMES
            .iter()
            .find(|(n, _)| key == *n || key.ends_with(n))
            .or_else(|| NAMES.iter().find(|(n, _)| key.contains(n)))
            .map(|(_, t)| *t)
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better.
    Up,
    /// Lower is better.
    Down,
}

impl Direction {
    /// Reads `up`, `increase`, `higher is better`, `↑`, `+` and `down`,
    /// `decrease`, `lower is better`, `↓`, `-` (any case).
    pub fn parse(text: &str) -> Option<Direction> {
        let t = words(text);
        match t.as_str() {
            "up" | "increase" | "increasing" | "higher" | "higher is better" | "↑" | "+" => {
                Some(Direction::Up)
            }
            "down" | "decrease" | "decreasing" | "lower" | "lower is better" | "↓" | "-" => {
                Some(Direction::Down)
            }
            _ => None,
        }
    }

    /// `+1.0` for up, `-1.0` for down: the sign that turns a change into
    /// progress.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Up => 1.0,
            Direction::Down => -1.0,
        }
    }

    /// `up` or `down`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// A value in a year: a baseline or a target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearValue {
    /// 1900–2100.
    pub year: u16,
    /// The value, in the indicator's unit.
    pub value: f64,
}

/// An indicator of the global SDG framework: goal, target, indicator
/// (`16.3.2`, `16.a.1`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SdgIndicator {
    /// 1–17.
    pub goal: u8,
    /// `3` or `a`.
    pub target: String,
    /// 1–99.
    pub indicator: u8,
}

impl SdgIndicator {
    /// Reads `16.3.2`, `SDG 16.3.2`, `Indicator 16.a.1` (goal 1–17, target
    /// digits or a letter, indicator 1–99).
    pub fn parse(text: &str) -> Option<SdgIndicator> {
        let mut t = text.trim();
        for prefix in ["indicator", "sdg"] {
            if t.get(..prefix.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
            {
                t = t.get(prefix.len()..).unwrap_or_default().trim_start();
            }
        }
        let mut parts = t.split('.');
        let (Some(g), Some(tg), Some(i), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(g) || !digits(i) {
            return None;
        }
        let goal: u8 = g.parse().ok()?;
        let indicator: u8 = i.parse().ok()?;
        let target_ok = (digits(tg) && !tg.trim_start_matches('0').is_empty())
            || (tg.len() == 1 && tg.bytes().all(|b| b.is_ascii_alphabetic()));
        if !(1..=17).contains(&goal) || indicator == 0 || !target_ok {
            return None;
        }
        let target = if tg.bytes().all(|b| b.is_ascii_digit()) {
            tg.trim_start_matches('0').to_string()
        } else {
            tg.to_ascii_lowercase()
        };
        Some(SdgIndicator {
            goal,
            target,
            indicator,
        })
    }
}

impl fmt::Display for SdgIndicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.goal, self.target, self.indicator)
    }
}

impl Serialize for SdgIndicator {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One indicator: a row of the `indicators` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Unique id (`I-1`).
    pub id: String,
    /// The pillar it measures.
    pub pillar: Pillar,
    /// The Declaration's theme heading, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Paragraphs it follows up, sorted.
    pub paragraphs: Vec<u8>,
    /// Short title.
    pub title: String,
    /// Unit of the values (`per 100,000 population`, `%`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Which way is progress.
    pub direction: Direction,
    /// Baseline year and value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<YearValue>,
    /// Target year and value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<YearValue>,
    /// The SDG indicator it matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sdg_indicator: Option<SdgIndicator>,
    /// Where the data comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A note shown under the indicator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footnote: Option<String>,
}

/// M49 codes of the regions accepted as areas, with their English names.
pub const REGIONS: [(u16, &str); 8] = [
    (1, "World"),
    (2, "Africa"),
    (9, "Oceania"),
    (19, "Americas"),
    (21, "Northern America"),
    (142, "Asia"),
    (150, "Europe"),
    (419, "Latin America and the Caribbean"),
];

/// The ISO 3166-1 alpha-3 codes (249, as ISO publishes them; from Debian's
/// iso-codes).
const ISO_ALPHA3: &str = "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE";

/// Whether `code` (upper case) is one of [`ISO_ALPHA3`]'s: a binary search
/// over its sorted entries, four bytes each (the last without its space).
/// Every observation, answer and report names an area, so this is on the
/// progress import's hot path (a scan of the list was a fifth of the load
/// of 772,000 observations).
fn is_iso_alpha3(code: [u8; 3]) -> bool {
    let table = ISO_ALPHA3.as_bytes();
    let (mut lo, mut hi) = (0, table.len().div_ceil(4));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match table.get(mid * 4..mid * 4 + 3).map(|e| e.cmp(&code[..])) {
            Some(std::cmp::Ordering::Less) => lo = mid + 1,
            Some(std::cmp::Ordering::Greater) => hi = mid,
            Some(std::cmp::Ordering::Equal) => return true,
            None => return false,
        }
    }
    false
}

/// Where an observation, answer or report is from: a country or territory
/// (ISO 3166-1 alpha-3) or a region (UN M49 code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// An ISO 3166-1 alpha-3 code, upper case.
    Country([u8; 3]),
    /// A UN M49 region code (1 = World).
    Region(u16),
}

/// Why an area code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaError {
    /// Two letters: an alpha-2 code.
    Alpha2,
    /// Three letters that are not an ISO 3166-1 alpha-3 code.
    NotIso,
    /// Digits that are not one of the [`REGIONS`].
    UnknownRegion,
    /// Anything else.
    Unreadable,
}

impl fmt::Display for AreaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const FORMS: &str = "an area is an ISO 3166-1 alpha-3 country code (ROU, JPN) or a region: 001 or WLD (World), 002 Africa, 009 Oceania, 019 Americas, 021 Northern America, 142 Asia, 150 Europe, 419 Latin America and the Caribbean";
        match self {
            AreaError::Alpha2 => write!(
                f,
                "a two-letter code: write the three-letter ISO 3166-1 alpha-3 code ({FORMS})"
            ),
            AreaError::NotIso => write!(f, "not an ISO 3166-1 alpha-3 code ({FORMS})"),
            AreaError::UnknownRegion => write!(f, "not a region code of this format ({FORMS})"),
            AreaError::Unreadable => f.write_str(FORMS),
        }
    }
}

impl Area {
    /// The World (M49 001).
    pub const WORLD: Area = Area::Region(1);

    /// Reads `ROU`, `rou`, `001`, `1` (Excel drops the zeros), `WLD`,
    /// `World`.
    pub fn parse(text: &str) -> Result<Area, AreaError> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("wld") || t.eq_ignore_ascii_case("world") {
            return Ok(Area::WORLD);
        }
        if !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
            let code: u16 = t.parse().map_err(|_| AreaError::Unreadable)?;
            return REGIONS
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(c, _)| Area::Region(*c))
                .ok_or(AreaError::UnknownRegion);
        }
        if t.bytes().all(|b| b.is_ascii_alphabetic()) {
            match t.len() {
                2 => return Err(AreaError::Alpha2),
                3 => {
                    return match t.as_bytes() {
                        [x, y, z] => {
                            let code = [x, y, z].map(u8::to_ascii_uppercase);
                            if is_iso_alpha3(code) {
                                Ok(Area::Country(code))
                            } else {
                                Err(AreaError::NotIso)
                            }
                        }
                        _ => Err(AreaError::NotIso),
                    };
                }
                _ => {}
            }
        }
        Err(AreaError::Unreadable)
    }

    /// Whether it is a country or territory (not a region).
    pub fn is_country(self) -> bool {
        matches!(self, Area::Country(_))
    }

    /// The English name of a region; `None` for a country.
    pub fn region_name(self) -> Option<&'static str> {
        match self {
            Area::Region(code) => REGIONS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n),
            Area::Country(_) => None,
        }
    }
}

impl fmt::Display for Area {
    /// `ROU`, or a region's three-digit M49 code (`001`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Area::Country(code) => {
                for &b in code {
                    write!(f, "{}", char::from(b))?;
                }
                Ok(())
            }
            Area::Region(code) => write!(f, "{code:03}"),
        }
    }
}

impl Serialize for Area {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The period an observation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A calendar year: `2023`.
    Year(u16),
    /// Several years, first and last: `2022-2023`.
    Years(u16, u16),
    /// A quarter: `2023-Q4`.
    Quarter(u16, u8),
}

impl Period {
    /// Reads `2023`, `2022-2023` (also `–`, `/`), `2023-Q4`, `2023 Q4`,
    /// `2023Q4`, `Q4 2023`. Years run 1900–2100; a span of years runs
    /// forwards.
    pub fn parse(text: &str) -> Option<Period> {
        let t = text.trim().to_ascii_uppercase();
        let year = |s: &str| -> Option<u16> {
            let s = s.trim();
            if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let y: u16 = s.parse().ok()?;
            (1900..=2100).contains(&y).then_some(y)
        };
        if let Some(y) = year(&t) {
            return Some(Period::Year(y));
        }
        // A quarter, either way round.
        if let Some(q_at) = t.find('Q') {
            let (before, after) = t.split_at(q_at);
            let after = after.get(1..).unwrap_or_default();
            let (y, q) = if before.trim().is_empty() {
                // "Q4 2023", "Q4-2023"
                let q = after.get(..1)?;
                let rest = after.get(1..)?.trim_start_matches([' ', '-', '/']);
                (year(rest)?, q)
            } else {
                // "2023-Q4", "2023 Q4", "2023Q4"
                (
                    year(before.trim_end_matches([' ', '-', '/']))?,
                    after.trim(),
                )
            };
            let q: u8 = match q {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                _ => return None,
            };
            return Some(Period::Quarter(y, q));
        }
        let (a, b) = t.split_once(['-', '–', '/'])?;
        let (a, b) = (year(a)?, year(b)?);
        (a < b).then_some(Period::Years(a, b))
    }

    /// Where the period stands on a scale of years, for rates of change: a
    /// year at itself, a span of years at its last year, a quarter at its
    /// year less the quarters after it (Q4 2023 = 2023, Q1 2023 = 2022.25).
    pub fn time(self) -> f64 {
        match self {
            Period::Year(y) | Period::Years(_, y) => f64::from(y),
            Period::Quarter(y, q) => f64::from(y) - f64::from(4 - q.min(4)) / 4.0,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Years(a, b) => write!(f, "{a}-{b}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The status of an observation, as SDMX codes it (`OBS_STATUS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObservationStatus {
    /// `A`: a normal value.
    Normal,
    /// `E`: estimated.
    Estimated,
    /// `P`: provisional.
    Provisional,
    /// `I`: imputed.
    Imputed,
    /// `F`: a forecast.
    Forecast,
    /// `B`: a break in the time series.
    Break,
}

impl ObservationStatus {
    /// Reads the SDMX code (`A`, `E`, `P`, `I`, `F`, `B`) or the word
    /// (`normal`, `estimated`, `provisional`, `imputed`, `forecast`,
    /// `break`, and `actual`, `final`, `estimate`, `preliminary`,
    /// `projected`, `series break`).
    pub fn parse(text: &str) -> Option<ObservationStatus> {
        use ObservationStatus::*;
        Some(match words(text).as_str() {
            "a" | "normal" | "normal value" | "actual" | "final" => Normal,
            "e" | "estimated" | "estimate" | "estimated value" => Estimated,
            "p" | "provisional" | "preliminary" | "provisional value" => Provisional,
            "i" | "imputed" | "imputed value" => Imputed,
            "f" | "forecast" | "projected" | "projection" => Forecast,
            "b" | "break" | "series break" | "time series break" => Break,
            _ => return None,
        })
    }
}

/// The breakdown of an observation: (dimension, value) pairs sorted by
/// dimension, without the dimensions at their total. The headline series of
/// an indicator has the empty breakdown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Breakdown(pub Vec<(String, String)>);

impl Breakdown {
    /// The total (no breakdown).
    pub fn total() -> Breakdown {
        Breakdown(Vec::new())
    }

    /// A breakdown from pairs, sorted.
    pub fn of(pairs: &[(&str, &str)]) -> Breakdown {
        let mut v: Vec<(String, String)> = pairs
            .iter()
            .map(|(d, v)| ((*d).to_string(), (*v).to_string()))
            .collect();
        crate::core::order::sort_by(&mut v, Ord::cmp);
        Breakdown(v)
    }

    /// The value of one dimension (`sex`, `age`, or another column's header).
    pub fn get(&self, dimension: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(d, _)| d == dimension)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for Breakdown {
    /// `total`, or `age 15-24, sex female`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("total");
        }
        for (i, (d, v)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{d} {v}")?;
        }
        Ok(())
    }
}

/// One value of an indicator: a row of the `indicator_data` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    /// The indicator's id.
    pub indicator: String,
    /// Where.
    pub area: Area,
    /// When.
    pub period: Period,
    /// The value, in the indicator's unit.
    pub value: f64,
    /// Sex, age and any other breakdown.
    pub breakdown: Breakdown,
    /// Normal, estimated, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ObservationStatus>,
    /// A comment on the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    /// Yes or no.
    YesNo,
    /// One of the choices.
    Choice,
    /// Any number of the choices.
    MultipleChoice,
    /// A number.
    Number,
    /// Free text.
    Text,
}

impl QuestionType {
    /// Reads `yes/no` (`yes-no`, `boolean`, `y/n`), `choice` (`single
    /// choice`, `select one`), `multiple choice` (`multiple choices`,
    /// `select multiple`, `multi choice`), `number` (`numeric`), `text`
    /// (`free text`, `open`).
    pub fn parse(text: &str) -> Option<QuestionType> {
        use QuestionType::*;
        Some(match words(text).as_str() {
            "yes no" | "yesno" | "boolean" | "y n" => YesNo,
            "choice" | "single choice" | "select one" | "one choice" => Choice,
            "multiple choice" | "multiple choices" | "select multiple" | "multi choice"
            | "multichoice" => MultipleChoice,
            "number" | "numeric" | "integer" | "decimal" => Number,
            "text" | "free text" | "open" | "open text" => Text,
            _ => return None,
        })
    }

    /// Whether the answer is a code of the question's choices.
    pub fn has_choices(self) -> bool {
        matches!(self, QuestionType::Choice | QuestionType::MultipleChoice)
    }
}

/// One of a question's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The code an answer gives (`1`, `partly`).
    pub code: String,
    /// What it means.
    pub label: String,
}

/// One question: a row of the `questions` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Unique id (`Q-I-1`).
    pub id: String,
    /// The pillar it asks about.
    pub pillar: Pillar,
    /// Paragraphs it asks about, sorted.
    pub paragraphs: Vec<u8>,
    /// The indicator it informs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The kind of answer.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// For yes/no: `yes` and `no`; for (multiple) choice: the choices as
    /// given; otherwise empty.
    pub choices: Vec<Choice>,
    /// The question as asked.
    pub text: String,
}

/// Who answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RespondentType {
    /// A Member State (its government).
    State,
    /// A national human rights institution.
    Nhri,
    /// A civil society organization.
    CivilSociety,
    /// Academia.
    Academia,
    /// A United Nations entity.
    UnEntity,
}

impl RespondentType {
    /// All types, States first.
    pub const ALL: [RespondentType; 5] = [
        RespondentType::State,
        RespondentType::Nhri,
        RespondentType::CivilSociety,
        RespondentType::Academia,
        RespondentType::UnEntity,
    ];

    /// Reads `State` (`Member State`, `Government`), `national human rights
    /// institution` (`NHRI`), `civil society` (`civil society organization`,
    /// `CSO`, `NGO`), `academia` (`academic`, `university`, `research
    /// institution`), `UN entity` (`United Nations entity`, `UN agency`).
    pub fn parse(text: &str) -> Option<RespondentType> {
        use RespondentType::*;
        Some(match words(text).as_str() {
            "state" | "states" | "member state" | "government" => State,
            "national human rights institution" | "nhri" => Nhri,
            "civil society"
            | "civil society organization"
            | "civil society organisation"
            | "cso"
            | "ngo"
            | "non governmental organization"
            | "non governmental organisation" => CivilSociety,
            "academia" | "academic" | "university" | "research institution" => Academia,
            "un entity" | "united nations entity" | "un agency" | "un" | "united nations" => {
                UnEntity
            }
            _ => return None,
        })
    }

    /// Index 0..5 in [`RespondentType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The canonical words.
    pub fn as_str(self) -> &'static str {
        match self {
            RespondentType::State => "State",
            RespondentType::Nhri => "national human rights institution",
            RespondentType::CivilSociety => "civil society",
            RespondentType::Academia => "academia",
            RespondentType::UnEntity => "UN entity",
        }
    }
}

/// Where an answer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseStatus {
    /// Being written.
    Draft,
    /// Sent in.
    Submitted,
    /// Checked by the secretariat.
    Validated,
    /// Public: the only status shown unless a page asks otherwise.
    Published,
}

impl ResponseStatus {
    /// All statuses in order.
    pub const ALL: [ResponseStatus; 4] = [
        ResponseStatus::Draft,
        ResponseStatus::Submitted,
        ResponseStatus::Validated,
        ResponseStatus::Published,
    ];

    /// Reads `draft`, `submitted` (`sent`), `validated` (`verified`),
    /// `published` (`public`).
    pub fn parse(text: &str) -> Option<ResponseStatus> {
        use ResponseStatus::*;
        Some(match words(text).as_str() {
            "draft" | "in draft" => Draft,
            "submitted" | "sent" => Submitted,
            "validated" | "verified" => Validated,
            "published" | "public" => Published,
            _ => return None,
        })
    }

    /// Index 0..4 in [`ResponseStatus::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// An answer, read against its question's type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Codes of the question's choices: one for yes/no (`yes` or `no`) and
    /// choice, any number (sorted as the choices are) for multiple choice.
    Codes(Vec<String>),
    /// A number.
    Number(f64),
    /// Free text.
    Text(String),
}

/// One answer: a row of the `responses` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The reporting cycle (`2024`).
    pub cycle: String,
    /// The area answered for.
    pub area: Area,
    /// Who answered.
    pub respondent_type: RespondentType,
    /// The respondent's name (`Ministry of Justice`).
    pub respondent: String,
    /// The question's id.
    pub question: String,
    /// The answer.
    pub answer: Answer,
    /// When it was submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<PartialDate>,
    /// Draft, submitted, validated or published.
    pub status: ResponseStatus,
    /// A link to the evidence, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// The kind of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportType {
    /// The questionnaire of the cycle.
    Questionnaire,
    /// A voluntary report.
    VoluntaryReport,
    /// A thematic submission.
    ThematicSubmission,
}

impl ReportType {
    /// All types.
    pub const ALL: [ReportType; 3] = [
        ReportType::Questionnaire,
        ReportType::VoluntaryReport,
        ReportType::ThematicSubmission,
    ];

    /// Reads `questionnaire`, `voluntary report` (`voluntary`, `VR`),
    /// `thematic submission` (`thematic`, `submission`).
    pub fn parse(text: &str) -> Option<ReportType> {
        use ReportType::*;
        Some(match words(text).as_str() {
            "questionnaire" | "questionnaire reply" => Questionnaire,
            "voluntary report" | "voluntary" | "vr" | "voluntary national report" => {
                VoluntaryReport
            }
            "thematic submission" | "thematic" | "submission" => ThematicSubmission,
            _ => return None,
        })
    }

    /// Index 0..3 in [`ReportType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One report: a row of the `reports` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Unique id.
    pub id: String,
    /// The area reporting.
    pub area: Area,
    /// The cycle.
    pub cycle: String,
    /// Questionnaire, voluntary report or thematic submission.
    #[serde(rename = "type")]
    pub kind: ReportType,
    /// When it is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_on: Option<PartialDate>,
    /// When it was received; `None` while it has not been.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<PartialDate>,
    /// Pillars it covers, in order.
    pub pillars: Vec<Pillar>,
    /// Paragraphs it covers, sorted.
    pub paragraphs: Vec<u8>,
    /// Languages it is in (ISO 639-1 codes, lower case).
    pub languages: Vec<String>,
    /// A link, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl Report {
    /// The pillars it covers: those listed and those of its paragraphs.
    pub fn covered_pillars(&self) -> Vec<Pillar> {
        let mut out: Vec<Pillar> = self
            .pillars
            .iter()
            .copied()
            .chain(
                self.paragraphs
                    .iter()
                    .filter_map(|&p| Pillar::of_paragraph(p)),
            )
            .collect();
        crate::core::order::sort_dedup(&mut out);
        out
    }
}

/// Every table of a progress export, each in input order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ProgressDataset {
    /// The `indicators` table.
    pub indicators: Vec<Indicator>,
    /// The `indicator_data` table.
    pub observations: Vec<Observation>,
    /// The `questions` table.
    pub questions: Vec<Question>,
    /// The `responses` table.
    pub responses: Vec<Response>,
    /// The `reports` table.
    pub reports: Vec<Report>,
}

impl ProgressDataset {
    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Rows loaded in a table.
    pub fn len(&self, table: Table) -> usize {
        match table {
            Table::Indicators => self.indicators.len(),
            Table::IndicatorData => self.observations.len(),
            Table::Questions => self.questions.len(),
            Table::Responses => self.responses.len(),
            Table::Reports => self.reports.len(),
        }
    }

    /// Whether no table has a row.
    pub fn is_empty(&self) -> bool {
        Table::ALL.iter().all(|&t| self.len(t) == 0)
    }
}

/// Lower case, `-`, `_`, `/` and runs of spaces as one space, trimmed: how
/// coded words are compared.
pub(crate) fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = if matches!(c, '-' | '_' | '/') && text.trim().chars().count() > 1 {
            ' '
        } else {
            c
        };
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas() {
        assert_eq!(Area::parse("rou"), Ok(Area::Country(*b"ROU")));
        assert_eq!(Area::parse("1"), Ok(Area::WORLD));
        assert_eq!(Area::parse("WLD").map(|a| a.to_string()), Ok("001".into()));
        assert_eq!(Area::parse("ROM"), Err(AreaError::NotIso));
        assert_eq!(Area::parse("RO"), Err(AreaError::Alpha2));
        assert_eq!(Area::parse("003"), Err(AreaError::UnknownRegion));
        assert_eq!(Area::parse("Romania"), Err(AreaError::Unreadable));
        // The first and the last of the list, and neighbours of entries.
        assert_eq!(Area::parse("abw"), Ok(Area::Country(*b"ABW")));
        assert_eq!(Area::parse("ZWE"), Ok(Area::Country(*b"ZWE")));
        assert_eq!(Area::parse("AAA"), Err(AreaError::NotIso));
        assert_eq!(Area::parse("ZZZ"), Err(AreaError::NotIso));
        assert_eq!(Area::parse("ROV"), Err(AreaError::NotIso));
    }

    #[test]
    fn the_iso_list_is_sorted_and_every_entry_found() {
        let codes: Vec<&str> = ISO_ALPHA3.split(' ').collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        for c in codes {
            let b = c.as_bytes();
            assert_eq!(b.len(), 3, "{c}");
            assert!(is_iso_alpha3([b[0], b[1], b[2]]), "{c}");
        }
    }

    #[test]
    fn periods() {
        assert_eq!(Period::parse("2023"), Some(Period::Year(2023)));
        assert_eq!(Period::parse("2022-2023"), Some(Period::Years(2022, 2023)));
        assert_eq!(Period::parse("2022–2023"), Some(Period::Years(2022, 2023)));
        assert_eq!(Period::parse("2023-Q4"), Some(Period::Quarter(2023, 4)));
        assert_eq!(Period::parse("Q1 2024"), Some(Period::Quarter(2024, 1)));
        assert_eq!(Period::parse("2023q2"), Some(Period::Quarter(2023, 2)));
        assert_eq!(Period::parse("2023-2022"), None);
        assert_eq!(Period::parse("2023-Q5"), None);
        assert_eq!(Period::parse("FY23"), None);
        assert_eq!(Period::Quarter(2023, 1).time(), 2022.25);
        assert_eq!(Period::Years(2021, 2022).to_string(), "2021-2022");
    }

    #[test]
    fn coded_words() {
        assert_eq!(Direction::parse("Higher is better"), Some(Direction::Up));
        assert_eq!(Direction::parse("-"), Some(Direction::Down));
        assert_eq!(QuestionType::parse("Yes/No"), Some(QuestionType::YesNo));
        assert_eq!(
            QuestionType::parse("multiple_choice"),
            Some(QuestionType::MultipleChoice)
        );
        assert_eq!(
            RespondentType::parse("Civil society organisation"),
            Some(RespondentType::CivilSociety)
        );
        assert_eq!(
            ReportType::parse("Voluntary report"),
            Some(ReportType::VoluntaryReport)
        );
        assert_eq!(
            ObservationStatus::parse("E"),
            Some(ObservationStatus::Estimated)
        );
    }

    #[test]
    fn sdg_indicators() {
        let s = SdgIndicator::parse("SDG 16.3.2").map(|s| s.to_string());
        assert_eq!(s.as_deref(), Some("16.3.2"));
        assert_eq!(
            SdgIndicator::parse("16.a.1")
                .map(|s| s.to_string())
                .as_deref(),
            Some("16.a.1")
        );
        assert_eq!(SdgIndicator::parse("16.3"), None);
        assert_eq!(SdgIndicator::parse("18.1.1"), None);
        assert_eq!(SdgIndicator::parse("16.0.1"), None);
    }

    #[test]
    fn table_names() {
        assert_eq!(
            Table::from_name("Indicator data"),
            Some(Table::IndicatorData)
        );
        assert_eq!(Table::from_name("indicators"), Some(Table::Indicators));
        assert_eq!(
            Table::from_name("kyoto-indicators"),
            Some(Table::Indicators)
        );
        assert_eq!(Table::from_name("Answers"), Some(Table::Responses));
        assert_eq!(Table::from_name("README"), None);
    }
}
