//! Dates as exports write them: ISO 8601 (`2022-12-05`, `2022-12`, `2022`),
//! the way UN documents write them (`5 December 2022`, `December 2022`), and
//! what Excel writes for a date cell in common locales (`05.12.2022`,
//! `25/12/2022`, `5-Dec-22`, `Dec-22`, `2022-12-05 00:00:00`,
//! `13/11/2021 14:30`): a time after a date is dropped.
//!
//! Day-month order with slashes or hyphens is read only when it is
//! unambiguous (one of the two numbers is over 12); `05/12/2022` is refused
//! as ambiguous. Dots (`05.12.2022`) are always day.month.year, as German and
//! Austrian Excel writes them. Years run 1900–2100.

use crate::core::model::PartialDate;
use std::fmt;

/// Why a date could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted form.
    Unreadable,
    /// `05/12/2022`: day and month could be either way round.
    Ambiguous,
    /// A day or month that does not exist (`2022-02-30`), or a year outside
    /// 1900–2100.
    NoSuchDate,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Unreadable => "not a date: write 2022-12-05, 2022-12, 2022, '5 December 2022' or 'December 2022'",
            DateError::Ambiguous => "ambiguous date: day and month could be either way round; write 2022-12-05 or '5 December 2022'",
            DateError::NoSuchDate => "no such date (years 1900–2100, months 1–12, days within the month)",
        })
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_name(word: &str) -> Option<u8> {
    if word.len() < 3 {
        return None;
    }
    let word = if word == "sept" { "sep" } else { word };
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() == 3 && m.starts_with(word)))
        .and_then(|i| u8::try_from(i + 1).ok())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// A number and how many digits it was written with.
    Num(u32, usize),
    Month(u8),
}

/// Reads a date.
///
/// ```
/// use kyoto_widgets::core::import::parse_date;
/// assert_eq!(parse_date("5 December 2022").map(|d| d.to_string()), Ok("2022-12-05".into()));
/// assert_eq!(parse_date("December 2022").map(|d| d.to_string()), Ok("2022-12".into()));
/// ```
pub fn parse_date(text: &str) -> Result<PartialDate, DateError> {
    if let Some(result) = parse_iso(text.trim()) {
        return result;
    }
    // ASCII lower case: the month names are English (see normalize_header).
    let lower = text.trim().to_ascii_lowercase();
    let mut body = lower.as_str();
    // A time after an ISO date ("2022-12-05T10:00:00Z", "2022-12-05 00:00").
    if let Some(t) = body.find(['t', ' ']) {
        let (date, time) = body.split_at(t);
        let time = time.get(1..).unwrap_or_default();
        if date.len() == 10
            && date.as_bytes().get(4) == Some(&b'-')
            && time.as_bytes().get(2) == Some(&b':')
        {
            body = date;
        }
    }
    // A time after a day, month and year in numbers, as Excel writes a
    // date-time cell in a French or American locale ("13/11/2021 14:30",
    // "11/13/2021 2:30:00 PM"). The date is read as without it.
    if let Some((date, time)) = body.split_once(' ') {
        if is_numeric_date(date) && is_clock_time(time.trim()) {
            body = date;
        }
    }
    let seps: Vec<char> = body
        .chars()
        .filter(|c| matches!(c, '-' | '/' | '.'))
        .collect();
    let mut parts = Vec::new();
    for word in body.split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '.' | ',')) {
        if word.is_empty() {
            continue;
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            if word.len() > 4 {
                return Err(DateError::Unreadable);
            }
            let n: u32 = word.parse().map_err(|_| DateError::Unreadable)?;
            parts.push(Part::Num(n, word.len()));
        } else if let Some(m) = month_name(word) {
            parts.push(Part::Month(m));
        } else if let Some(d) = ordinal(word) {
            parts.push(Part::Num(d, 2));
        } else {
            return Err(DateError::Unreadable);
        }
    }
    use Part::*;
    let (y, m, d) = match parts.as_slice() {
        [Num(y, 4)] => (*y, None, None),
        [Num(y, 4), Num(m, 1..=2)] => (*y, Some(*m), None),
        [Num(y, 4), Num(m, 1..=2), Num(d, 1..=2)] => (*y, Some(*m), Some(*d)),
        [Num(d, 1..=2), Month(m), Num(y, 4)] | [Month(m), Num(d, 1..=2), Num(y, 4)] => {
            (*y, Some(u32::from(*m)), Some(*d))
        }
        [Month(m), Num(y, 4)] | [Num(y, 4), Month(m)] => (*y, Some(u32::from(*m)), None),
        // Excel's "5-Dec-22" and "Dec-22".
        [Num(d, 1..=2), Month(m), Num(y, 2)] => (2000 + *y, Some(u32::from(*m)), Some(*d)),
        [Month(m), Num(y, 2)] => (2000 + *y, Some(u32::from(*m)), None),
        [Num(a, 1..=2), Num(b, 1..=2), Num(y, 4)] => {
            let dotted = seps.first() == Some(&'.');
            if dotted || *a > 12 {
                (*y, Some(*b), Some(*a))
            } else if *b > 12 || a == b {
                (*y, Some(*a), Some(*b))
            } else {
                return Err(DateError::Ambiguous);
            }
        }
        _ => return Err(DateError::Unreadable),
    };
    let year = u16::try_from(y).map_err(|_| DateError::NoSuchDate)?;
    if !(1900..=2100).contains(&year) {
        return Err(DateError::NoSuchDate);
    }
    let month = m
        .map(u8::try_from)
        .transpose()
        .map_err(|_| DateError::NoSuchDate)?;
    let day = d
        .map(u8::try_from)
        .transpose()
        .map_err(|_| DateError::NoSuchDate)?;
    PartialDate::new(year, month, day).ok_or(DateError::NoSuchDate)
}

/// `2022`, `2022-12`, `2022-12-05` without allocating; `None` for any other
/// shape.
fn parse_iso(text: &str) -> Option<Result<PartialDate, DateError>> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = b.get(r)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let (y, m, d) = match b.len() {
        4 => (digits(0..4)?, None, None),
        7 if b.get(4) == Some(&b'-') => (digits(0..4)?, Some(digits(5..7)?), None),
        10 if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') => {
            (digits(0..4)?, Some(digits(5..7)?), Some(digits(8..10)?))
        }
        _ => return None,
    };
    let year = u16::try_from(y).ok().filter(|y| (1900..=2100).contains(y));
    let date = year.and_then(|year| {
        PartialDate::new(
            year,
            m.and_then(|m| u8::try_from(m).ok()),
            d.and_then(|d| u8::try_from(d).ok()),
        )
    });
    Some(date.ok_or(DateError::NoSuchDate))
}

/// `13/11/2021`, `13.11.2021`, `13-11-2021`: three groups of digits, one
/// separator, the year last.
fn is_numeric_date(text: &str) -> bool {
    let Some(sep) = text.chars().find(|c| matches!(c, '/' | '.' | '-')) else {
        return false;
    };
    let groups: Vec<&str> = text.split(sep).collect();
    matches!(
        groups.as_slice(),
        [a, b, y] if [a, b].iter().all(|g| (1..=2).contains(&g.len()))
            && y.len() == 4
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    )
}

/// `14:30`, `14:30:00`, `2:30 pm`, `2:30:00 PM` (lower case here): hours
/// and minutes, seconds optional, a 12-hour clock with am or pm.
fn is_clock_time(text: &str) -> bool {
    let (clock, twelve) = match text.strip_suffix("am").or_else(|| text.strip_suffix("pm")) {
        Some(c) => (c.trim_end(), true),
        None => (text, false),
    };
    let fields: Vec<&str> = clock.split(':').collect();
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>, max: u32| {
        digits.contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let hours_ok = |h: &str| {
        if twelve {
            number(h, 1..=2, 12) && h.parse::<u32>().is_ok_and(|n| n >= 1)
        } else {
            number(h, 1..=2, 23)
        }
    };
    match fields.as_slice() {
        [h, m] => hours_ok(h) && number(m, 2..=2, 59),
        [h, m, s] => hours_ok(h) && number(m, 2..=2, 59) && number(s, 2..=2, 59),
        _ => false,
    }
}

fn ordinal(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))?;
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        parse_date(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("{e:?}"))
    }

    /// Dates are read in ASCII lower case: the month names must be ASCII.
    #[test]
    fn month_names_are_ascii_and_any_case() {
        assert!(MONTHS
            .iter()
            .all(|m| m.bytes().all(|b| b.is_ascii_lowercase())));
        assert_eq!(d("5 DECEMBER 2022"), "2022-12-05");
        assert_eq!(d("Sept 2022"), "2022-09");
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(d("2022-12-05"), "2022-12-05");
        assert_eq!(d("2022-12"), "2022-12");
        assert_eq!(d("2022"), "2022");
        assert_eq!(d("5 December 2022"), "2022-12-05");
        assert_eq!(d("December 2022"), "2022-12");
        assert_eq!(d("5 Dec 2022"), "2022-12-05");
        assert_eq!(d("December 5, 2022"), "2022-12-05");
        assert_eq!(d("5 Sept. 2022"), "2022-09-05");
        assert_eq!(d("1st March 2021"), "2021-03-01");
        assert_eq!(d("05.12.2022"), "2022-12-05");
        assert_eq!(d("25/12/2022"), "2022-12-25");
        assert_eq!(d("12/25/2022"), "2022-12-25");
        assert_eq!(d("5-Dec-22"), "2022-12-05");
        assert_eq!(d("Dec-22"), "2022-12");
        assert_eq!(d("2022-12-05 00:00:00"), "2022-12-05");
        assert_eq!(d("2022-12-05T10:30:00Z"), "2022-12-05");
        assert_eq!(d("2024-02-29"), "2024-02-29");
        assert_eq!(d(" 2022 "), "2022");
    }

    /// A date-time cell as Excel writes it in a French, German or American
    /// locale: the time is dropped, the date read as without it.
    #[test]
    fn a_time_after_a_day_month_and_year() {
        assert_eq!(d("13/11/2021 14:30"), "2021-11-13");
        assert_eq!(d("13/11/2021 14:30:05"), "2021-11-13");
        assert_eq!(d("13/11/2021  9:05"), "2021-11-13");
        assert_eq!(d("11/13/2021 14:30"), "2021-11-13");
        assert_eq!(d("11/13/2021 2:30:00 PM"), "2021-11-13");
        assert_eq!(d("11/13/2021 2:30 am"), "2021-11-13");
        assert_eq!(d("13.11.2021 00:00"), "2021-11-13");
        assert_eq!(d("13-11-2021 23:59:59"), "2021-11-13");
        // As without the time: ambiguous, or no such date.
        assert_eq!(d("05/12/2022 14:30"), "Ambiguous");
        assert_eq!(d("31/02/2022 14:30"), "NoSuchDate");
    }

    #[test]
    fn a_time_that_is_not_a_clock_time_is_refused() {
        assert_eq!(d("13/11/2021 24:00"), "Unreadable");
        assert_eq!(d("13/11/2021 14:60"), "Unreadable");
        assert_eq!(d("13/11/2021 14"), "Unreadable");
        assert_eq!(d("13/11/2021 14:3"), "Unreadable");
        assert_eq!(d("13/11/2021 13:00 pm"), "Unreadable");
        assert_eq!(d("13/11/2021 soon"), "Unreadable");
        assert_eq!(d("13/11/21 14:30"), "Unreadable");
        assert_eq!(d("5 December 2022 14:30"), "Unreadable");
    }

    #[test]
    fn refused_forms() {
        assert_eq!(d("05/12/2022"), "Ambiguous");
        assert_eq!(d("2022-02-30"), "NoSuchDate");
        assert_eq!(d("2023-02-29"), "NoSuchDate");
        assert_eq!(d("2022-13"), "NoSuchDate");
        assert_eq!(d("1066"), "NoSuchDate");
        assert_eq!(d("soon"), "Unreadable");
        assert_eq!(d("Q3 2022"), "Unreadable");
        assert_eq!(d("99999999999"), "Unreadable");
        assert_eq!(d(""), "Unreadable");
        assert_eq!(d("=TODAY()"), "Unreadable");
    }
}
