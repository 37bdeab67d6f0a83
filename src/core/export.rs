//! What the widgets' downloads share: a table of figures written as CSV
//! ([`FigureTable`]) and the file names of the exports ([`file_stem`]).
//!
//! The progress widgets' tables (the indicators' overview and drill-down,
//! the reporting widget's views) are built in `core` as a [`FigureTable`]:
//! the page shows it as the chart's table mirror, in the widget's
//! language, and the CSV export writes it with the numbers plain (ASCII
//! digits, no grouping, a point for decimals) so that a spreadsheet reads
//! them as numbers. A file is named after what it shows
//! (`kyoto-indicators-overview.csv`, `kyoto-reporting-map-2026.png`), from
//! parts that may come from the data (an indicator's id, a cycle's name),
//! so every part is reduced to characters safe in a file name.

use serde::Serialize;

/// A table of figures: the mirror of a chart, and its CSV export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureTable {
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows of cells, as shown.
    pub rows: Vec<Vec<String>>,
}

impl FigureTable {
    /// The table as CSV: a header row, then the rows, each line ended by
    /// CRLF, RFC 4180 quoting. A cell a spreadsheet would run as a formula
    /// (`=…`, `+…`, `@…`) gets a leading apostrophe; a cell that is a plain
    /// number (`-0.5`) is written as it is, so that it stays a number.
    ///
    /// ```
    /// use kyoto_widgets::core::export::FigureTable;
    /// let t = FigureTable {
    ///     headers: vec!["Name".into(), "Value".into()],
    ///     rows: vec![vec!["a, \"b\"".into(), "-0.5".into()], vec!["=1+1".into(), "3".into()]],
    /// };
    /// assert_eq!(t.csv(), "Name,Value\r\n\"a, \"\"b\"\"\",-0.5\r\n'=1+1,3\r\n");
    /// ```
    pub fn csv(&self) -> String {
        let line = |cells: &[String]| -> String {
            cells
                .iter()
                .map(|c| {
                    let c = if crate::core::number::parse(c).is_some() {
                        std::borrow::Cow::Borrowed(c.as_str())
                    } else {
                        crate::core::import::escape_formula(c)
                    };
                    if c.contains([',', '"', '\n', '\r']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.into_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut out = line(&self.headers);
        out.push_str("\r\n");
        for r in &self.rows {
            out.push_str(&line(r));
            out.push_str("\r\n");
        }
        out
    }
}

/// A file name without its extension, from `kyoto` and the parts of what
/// the file shows, joined by `-`: each part keeps its ASCII letters and
/// digits, `_` and `.`; any other run of characters becomes one `-`, and a
/// part left empty is dropped.
///
/// ```
/// use kyoto_widgets::core::export::file_stem;
/// assert_eq!(file_stem(&["reporting", "map", "2026"]), "kyoto-reporting-map-2026");
/// assert_eq!(file_stem(&["indicators", "I-1"]), "kyoto-indicators-I-1");
/// assert_eq!(file_stem(&["reporting", "question", "Q/1 ü", "2026"]), "kyoto-reporting-question-Q-1-2026");
/// assert_eq!(file_stem(&["indicators", "", "../x"]), "kyoto-indicators-..-x");
/// ```
pub fn file_stem(parts: &[&str]) -> String {
    let mut out = String::from("kyoto");
    for part in parts {
        let mut cleaned = String::new();
        for c in part.chars() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                cleaned.push(c);
            } else if !cleaned.is_empty() && !cleaned.ends_with('-') {
                cleaned.push('-');
            }
        }
        let cleaned = cleaned.trim_end_matches('-');
        if !cleaned.is_empty() {
            out.push('-');
            out.push_str(cleaned);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_as_rfc_4180_and_keeps_numbers_numbers() {
        let t = FigureTable {
            headers: vec!["Pillar".into(), "Note".into(), "Value".into()],
            rows: vec![
                vec!["I".into(), "line\nbreak".into(), "1750".into()],
                vec!["II".into(), "-x".into(), "-2.25".into()],
                vec!["III".into(), "@SUM(A1)".into(), "".into()],
            ],
        };
        assert_eq!(
            t.csv(),
            "Pillar,Note,Value\r\nI,\"line\nbreak\",1750\r\nII,'-x,-2.25\r\nIII,'@SUM(A1),\r\n"
        );
    }

    #[test]
    fn an_empty_table_is_its_header() {
        let t = FigureTable {
            headers: vec!["A".into()],
            rows: Vec::new(),
        };
        assert_eq!(t.csv(), "A\r\n");
    }

    #[test]
    fn file_stems_are_safe_whatever_the_data_says() {
        assert_eq!(file_stem(&[]), "kyoto");
        assert_eq!(
            file_stem(&["indicators", "overview"]),
            "kyoto-indicators-overview"
        );
        assert_eq!(file_stem(&["a b", "c--d"]), "kyoto-a-b-c-d");
        assert_eq!(file_stem(&["إحصاء", "x"]), "kyoto-x");
        assert_eq!(file_stem(&["<script>"]), "kyoto-script");
    }
}
