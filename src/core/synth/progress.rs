//! Deterministic synthetic progress exports, the sizes the progress
//! widgets are benchmarked at: the same tables for the native benchmarks
//! (`cargo bench --bench indicators`, `--bench reporting`, which read them
//! as CSV) and the browser's (`node bench/progress.mjs`, which gives the
//! widgets one JSON document with the tables, written by
//! `kyoto generate indicators|reporting --to json`).
//!
//! - [`SyntheticProgress::Indicators`]: 200 indicators × 193 areas (the
//!   World and the first 192 ISO 3166-1 alpha-3 codes) × 20 periods, 772,000
//!   observations: values that drift up or down by indicator, with a little
//!   noise; half the indicators with a target.
//! - [`SyntheticProgress::Reporting`]: 193 States × 100 questions × 5 cycles
//!   (96,500 State answers, 9,650 answers of civil society, 965 reports).
//!
//! The data describe nothing real: indicators are `X-n`, questions `Q-n`.

use crate::core::progress::Area;
use crate::core::reporting_board::tile_grid::world_tile_grid;
use std::fmt::Write;

/// Which synthetic progress export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntheticProgress {
    /// `indicators` and `indicator_data`: 200 indicators × 193 areas × 20
    /// periods.
    Indicators,
    /// `questions`, `responses` and `reports`: 193 areas × 100 questions × 5
    /// cycles.
    Reporting,
}

/// Indicators of [`SyntheticProgress::Indicators`].
pub const INDICATORS: usize = 200;
/// Areas with data in [`SyntheticProgress::Indicators`].
pub const AREAS: usize = 193;
/// Periods (years from 2005) per area and indicator.
pub const PERIODS: u16 = 20;
/// Questions of [`SyntheticProgress::Reporting`].
pub const QUESTIONS: usize = 100;
/// The reporting cycles.
pub const CYCLES: [u16; 5] = [2022, 2023, 2024, 2025, 2026];

/// Columns written as JSON numbers (the others are text, or `null` when
/// empty).
const NUMBER_COLUMNS: [&str; 6] = [
    "period",
    "value",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
];

/// Where the generators write: a table begins, then its rows.
trait TableSink {
    fn table(&mut self, name: &'static str, header: &'static [&'static str]);
    fn row(&mut self, cells: &[&str]);
}

/// One CSV text per table (comma-delimited, LF; a cell with a comma or a
/// quote is quoted).
#[derive(Default)]
struct CsvTables(Vec<(&'static str, String)>);

impl TableSink for CsvTables {
    fn table(&mut self, name: &'static str, header: &'static [&'static str]) {
        let mut text = header.join(",");
        text.push('\n');
        self.0.push((name, text));
    }

    fn row(&mut self, cells: &[&str]) {
        let Some((_, text)) = self.0.last_mut() else {
            return;
        };
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            if cell.contains([',', '"', '\n']) {
                text.push('"');
                text.push_str(&cell.replace('"', "\"\""));
                text.push('"');
            } else {
                text.push_str(cell);
            }
        }
        text.push('\n');
    }
}

/// One JSON document: `{"indicators": [{...}, ...], "indicator_data": [...]}`.
struct JsonTables {
    text: String,
    header: &'static [&'static str],
    rows: usize,
    tables: usize,
}

impl JsonTables {
    fn new() -> JsonTables {
        JsonTables {
            text: String::from("{"),
            header: &[],
            rows: 0,
            tables: 0,
        }
    }

    fn finish(mut self) -> String {
        if self.tables > 0 {
            self.text.push(']');
        }
        self.text.push_str("}\n");
        self.text
    }
}

impl TableSink for JsonTables {
    fn table(&mut self, name: &'static str, header: &'static [&'static str]) {
        if self.tables > 0 {
            self.text.push_str("],");
        }
        self.tables += 1;
        let key = name.strip_suffix(".csv").unwrap_or(name);
        crate::core::import::write_json_str(&mut self.text, key);
        self.text.push_str(":[");
        self.header = header;
        self.rows = 0;
    }

    fn row(&mut self, cells: &[&str]) {
        if self.rows > 0 {
            self.text.push(',');
        }
        self.rows += 1;
        self.text.push('{');
        for (i, (column, cell)) in self.header.iter().zip(cells).enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            crate::core::import::write_json_str(&mut self.text, column);
            self.text.push(':');
            if cell.is_empty() {
                self.text.push_str("null");
            } else if NUMBER_COLUMNS.contains(column) {
                self.text.push_str(cell);
            } else {
                crate::core::import::write_json_str(&mut self.text, cell);
            }
        }
        self.text.push('}');
    }
}

impl SyntheticProgress {
    /// The tables as CSV files: `(file name, text)`, the file name telling
    /// the table (`indicator_data.csv`).
    pub fn csv(self) -> Vec<(&'static str, String)> {
        let mut out = CsvTables::default();
        self.write(&mut out);
        out.0
    }

    /// The tables as one JSON document keyed by table name, as a page gives
    /// them to a progress widget; the same rows as [`SyntheticProgress::csv`],
    /// years and values as numbers, empty cells `null`.
    pub fn json(self) -> String {
        let mut out = JsonTables::new();
        self.write(&mut out);
        out.finish()
    }

    fn write(self, out: &mut dyn TableSink) {
        match self {
            SyntheticProgress::Indicators => indicator_tables(out),
            SyntheticProgress::Reporting => reporting_tables(out),
        }
    }
}

/// The World and the first 192 ISO 3166-1 alpha-3 codes.
fn areas() -> Vec<String> {
    let mut out = vec!["001".to_string()];
    let letters = b'A'..=b'Z';
    'all: for a in letters.clone() {
        for b in letters.clone() {
            for c in letters.clone() {
                let code = String::from_utf8_lossy(&[a, b, c]).into_owned();
                if Area::parse(&code).is_ok() {
                    out.push(code);
                    if out.len() == AREAS {
                        break 'all;
                    }
                }
            }
        }
    }
    out
}

/// `indicators` and `indicator_data`: deterministic values that drift up
/// or down by indicator and area, half the indicators with a target.
fn indicator_tables(out: &mut dyn TableSink) {
    out.table(
        "indicators.csv",
        &[
            "id",
            "pillar",
            "title",
            "unit",
            "direction",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
        ],
    );
    for i in 0..INDICATORS {
        let pillar = ["I", "II", "III", "IV"].get(i % 4).copied().unwrap_or("I");
        let direction = if i % 3 == 0 { "down" } else { "up" };
        let (target_year, target_value) = match (i % 2 == 0, direction) {
            (true, "down") => ("2030", "20"),
            (true, _) => ("2030", "80"),
            (false, _) => ("", ""),
        };
        let id = format!("X-{i}");
        let title = format!("Synthetic indicator number {i} of the benchmark");
        out.row(&[
            &id,
            pillar,
            &title,
            "%",
            direction,
            "2005",
            "50",
            target_year,
            target_value,
        ]);
    }
    out.table(
        "indicator_data.csv",
        &["indicator", "area", "period", "value"],
    );
    let areas = areas();
    let mut seed: u64 = 7;
    let (mut id, mut period, mut value) = (String::new(), String::new(), String::new());
    for i in 0..INDICATORS {
        id.clear();
        let _ = write!(id, "X-{i}");
        // The slope per year: -0.9, -0.6, … 0.9 by indicator.
        let slope = f64::from(u8::try_from(i % 7).unwrap_or(0)) * 0.3 - 0.9;
        for area in &areas {
            for p in 0..PERIODS {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let noise = f64::from(u32::try_from((seed >> 33) % 100).unwrap_or(0));
                period.clear();
                let _ = write!(period, "{}", 2005 + p);
                value.clear();
                let _ = write!(value, "{:.2}", 50.0 + slope * f64::from(p) + noise / 100.0);
                out.row(&[&id, area, &period, &value]);
            }
        }
    }
}

/// A small deterministic generator (xorshift).
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `questions`, `responses` and `reports` of every UN Member State of the
/// world tile grid.
fn reporting_tables(out: &mut dyn TableSink) {
    let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
    let areas: Vec<String> = world_tile_grid()
        .iter()
        .filter(|p| p.un_member)
        .map(|p| p.area.to_string())
        .collect();
    let pillars = ["I", "II", "III", "IV"];
    let first_paragraph = [22u8, 49, 53, 79];
    out.table(
        "questions.csv",
        &["id", "pillar", "paragraphs", "type", "choices", "text"],
    );
    for q in 0..QUESTIONS {
        let p = q % 4;
        let step = u8::try_from(q / 4 % 4).unwrap_or(0);
        let para = first_paragraph.get(p).copied().unwrap_or(22) + step;
        let (kind, choices) = match q % 3 {
            0 => ("yes/no", ""),
            1 => ("choice", "1=Fully; 2=Partly; 3=Not at all"),
            _ => ("number", ""),
        };
        out.row(&[
            &format!("Q-{q}"),
            pillars.get(p).copied().unwrap_or("I"),
            &para.to_string(),
            kind,
            choices,
            &format!("Question {q}"),
        ]);
    }
    // The responses and reports are generated together (one generator, in
    // this order), and written one table after the other.
    let mut responses: Vec<[String; 8]> = Vec::new();
    let mut reports: Vec<[String; 7]> = Vec::new();
    for cycle in CYCLES {
        for (i, area) in areas.iter().enumerate() {
            for q in 0..QUESTIONS {
                let answer = match q % 3 {
                    0 => (if rng.below(2) == 0 { "yes" } else { "no" }).to_string(),
                    1 => (1 + rng.below(3)).to_string(),
                    _ => {
                        let quarters = u32::try_from(rng.below(1000)).unwrap_or(0);
                        crate::core::number::format(f64::from(quarters) / 4.0, 2)
                    }
                };
                let status = if rng.below(10) == 0 {
                    "validated"
                } else {
                    "published"
                };
                responses.push([
                    cycle.to_string(),
                    area.clone(),
                    "State".into(),
                    "Government".into(),
                    format!("Q-{q}"),
                    answer.clone(),
                    format!("{cycle}-03-15"),
                    status.into(),
                ]);
                if (i + q) % 10 == 0 {
                    responses.push([
                        cycle.to_string(),
                        area.clone(),
                        "civil society".into(),
                        format!("CSO {}", i % 7),
                        format!("Q-{q}"),
                        answer,
                        format!("{cycle}-04-01"),
                        "published".into(),
                    ]);
                }
            }
            let submitted = match rng.below(5) {
                0 => String::new(),
                1 => format!("{cycle}-05-20"),
                _ => format!("{cycle}-03-{:02}", 1 + rng.below(28)),
            };
            reports.push([
                format!("Q{cycle}-{area}"),
                area.clone(),
                cycle.to_string(),
                "questionnaire".into(),
                format!("{cycle}-03-31"),
                submitted,
                "I, II, III, IV".into(),
            ]);
        }
    }
    out.table(
        "responses.csv",
        &[
            "cycle",
            "area",
            "respondent_type",
            "respondent",
            "question",
            "answer",
            "submitted_on",
            "status",
        ],
    );
    for r in &responses {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        out.row(&cells);
    }
    out.table(
        "reports.csv",
        &[
            "id",
            "area",
            "cycle",
            "type",
            "due_on",
            "submitted_on",
            "pillars",
        ],
    );
    for r in &reports {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        out.row(&cells);
    }
}
