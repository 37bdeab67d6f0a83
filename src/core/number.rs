//! Decimal numbers in and out, without the standard library's float
//! machinery.
//!
//! `str::parse::<f64>` and `{}` on an `f64` bring the exact float algorithms
//! (Eisel–Lemire with its table of powers of five, Grisu and Dragon4): about
//! 30 KB of the chart's wasm for numbers that are progress percentages, font
//! sizes, CSS lengths and tick values (bench/README.md, "Where the bytes go").
//! The widgets never show a float through these: numbers the reader sees are
//! written by the locale (`Intl.NumberFormat` on the web). What passes through
//! here has at most 15 significant digits and a small exponent, where one
//! multiplication or division by an exact power of ten is correctly rounded.

/// Reads a plain decimal number: an optional sign, digits with an optional
/// `.` fraction (`12`, `12.5`, `.5`, `5.`) and an optional exponent (`1e3`).
/// Surrounding spaces are not allowed; `inf` and `NaN` are not numbers here.
///
/// ```
/// use kyoto_widgets::core::number::parse;
/// assert_eq!(parse("12.5"), Some(12.5));
/// assert_eq!(parse("-3e2"), Some(-300.0));
/// assert_eq!(parse("1,5"), None);
/// ```
pub fn parse(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut exponent: i32 = 0;
    let mut seen_point = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if seen_point {
                        exponent -= 1;
                    }
                } else if !seen_point {
                    // Digits past the 17th only scale the number.
                    exponent += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let sign = match b.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let start = i;
        let mut e: i32 = 0;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            e = e.saturating_mul(10).saturating_add(i32::from(c - b'0'));
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent = exponent.saturating_add(sign * e);
    }
    if i != b.len() {
        return None;
    }
    // Up to 2^53 the mantissa is exact as an f64.
    #[allow(clippy::cast_precision_loss)]
    let m = mantissa as f64;
    let scale = 10f64.powi(exponent.unsigned_abs().min(400) as i32);
    let v = if exponent < 0 { m / scale } else { m * scale };
    Some(if negative { -v } else { v })
}

/// Writes `value` with at most `decimals` digits after the point (up to 6),
/// rounded half away from zero, without trailing zeros: `12`, `12.5`, `-0.25`.
/// Not finite or beyond ±2^53 it writes the nearest whole bound's text, as
/// CSS and SVG never need those.
///
/// ```
/// use kyoto_widgets::core::number::format;
/// assert_eq!(format(12.0, 2), "12");
/// assert_eq!(format(12.345, 2), "12.35");
/// assert_eq!(format(-0.04, 1), "0");
/// ```
pub fn format(value: f64, decimals: u32) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals);
    // Clamped to what an f64 holds exactly, so the casts cannot truncate.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let scaled = {
        let v = if value.is_finite() { value } else { 0.0 };
        (v.abs() * scale as f64)
            .round()
            .min(9_007_199_254_740_992.0) as u64
    };
    let (whole, frac) = (scaled / scale, scaled % scale);
    let mut out = String::new();
    if value < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&whole.to_string());
    if frac != 0 {
        let mut f = frac.to_string();
        while f.len() < decimals as usize {
            f.insert(0, '0');
        }
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// The characters a locale writes a plain decimal number with: its ten
/// digits, its decimal separator and its minus sign. [`format_in`] writes a
/// number by [`format()`] and then in these characters, so that the rounding is
/// ours and only the look is the locale's; on the web the characters come
/// from the browser's `Intl` (`"0,36"` in French, Arabic-Indic digits in
/// `ar-EG`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digits {
    /// `0` to `9`.
    pub digits: [char; 10],
    /// The decimal separator (`.`, `,`, `٫`).
    pub decimal: String,
    /// The minus sign, with any direction mark the locale writes before it.
    pub minus: String,
}

impl Digits {
    /// ASCII digits, a point and a hyphen-minus: what [`format()`] writes.
    pub fn ascii() -> Digits {
        Digits {
            digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
            decimal: ".".into(),
            minus: "-".into(),
        }
    }

    /// `plain` (as [`format()`] writes it) in these characters.
    ///
    /// ```
    /// use kyoto_widgets::core::number::Digits;
    /// let french = Digits { decimal: ",".into(), ..Digits::ascii() };
    /// assert_eq!(french.write("-0.25"), "-0,25");
    /// ```
    pub fn write(&self, plain: &str) -> String {
        let mut out = String::with_capacity(plain.len());
        for c in plain.chars() {
            match c {
                '0'..='9' => {
                    let d = c.to_digit(10).and_then(|d| usize::try_from(d).ok());
                    out.push(d.and_then(|d| self.digits.get(d)).copied().unwrap_or(c));
                }
                '.' => out.push_str(&self.decimal),
                '-' => out.push_str(&self.minus),
                other => out.push(other),
            }
        }
        out
    }
}

/// [`format()`] in a locale's characters.
///
/// ```
/// use kyoto_widgets::core::number::{format_in, Digits};
/// let french = Digits { decimal: ",".into(), ..Digits::ascii() };
/// assert_eq!(format_in(0.3571, 2, &french), "0,36");
/// ```
pub fn format_in(value: f64, decimals: u32, digits: &Digits) -> String {
    digits.write(&format(value, decimals))
}

/// `v` exactly as Rust's `{}` writes an `f64` (the shortest digits that
/// read back as `v`, no exponent, no `.0` on a whole number; `NaN`, `inf`),
/// printed by zmij, the shortest-digits printer serde_json uses, instead of
/// the standard library's float printing (`flt2dec`), which a module then
/// need not carry (README "Size"). For the numbers of a progress table
/// written back as text and an SVG's opacity and font size.
///
/// ```
/// use kyoto_widgets::core::number::shortest;
/// assert_eq!(shortest(2023.0), "2023");
/// assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(shortest(1e-7), "0.0000001");
/// ```
pub fn shortest(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let mut buffer = zmij::Buffer::new();
    let printed = buffer.format_finite(v);
    match printed.split_once('e') {
        Some((mantissa, exponent)) => positional(mantissa, exponent.parse().unwrap_or(0)),
        None => printed.strip_suffix(".0").unwrap_or(printed).to_string(),
    }
}

/// `mantissa` × 10^`exponent` written out without an exponent, as Rust's
/// `{}` writes a very small or very large `f64` (`1e-7` → `0.0000001`).
fn positional(mantissa: &str, exponent: i32) -> String {
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    // Where the decimal point goes, counted in digits from the left.
    let point = i64::try_from(whole.len()).unwrap_or(0) + i64::from(exponent);
    let len = i64::try_from(digits.len()).unwrap_or(0);
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    if point <= 0 {
        format!("{sign}0.{}{digits}", zeros(-point))
    } else if point >= len {
        format!("{sign}{digits}{}", zeros(point - len))
    } else {
        let (a, b) = digits.split_at(usize::try_from(point).unwrap_or(0));
        format!("{sign}{a}.{b}")
    }
}

/// `1 row`, `12 rows`: a count with its noun in the singular or the
/// plural, for the English lines of the `kyoto` tool and the import reports
/// (the widgets say counts through their catalogues' plural rules).
///
/// ```
/// use kyoto_widgets::core::number::count;
/// assert_eq!(count(1, "row", "rows"), "1 row");
/// assert_eq!(count(0, "error", "errors"), "0 errors");
/// ```
pub fn count<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `shortest` writes every `f64` as Rust's `{}` does: the numbers of
    /// the charts and tables, and far beyond them.
    #[test]
    fn shortest_is_rusts_display() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            0.35,
            0.55,
            0.6,
            0.75,
            100.0,
            1e-4,
            12345.678,
            1e-9,
            -2.5e-7,
            1.25e-5,
            1e15,
            1.5e15,
            1e20,
            -3.75e21,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for i in 1..=2000 {
            let v = f64::from(i);
            values.extend([
                v / 1000.0,
                v / 1.24,
                v / 7.0,
                v * 0.1,
                v / 100.0 / 1.24,
                -v / 3.0,
            ]);
        }
        for v in values {
            assert_eq!(shortest(v), format!("{v}"), "{v:?}");
        }
    }

    #[test]
    fn parses_what_std_parses_in_plain_decimals() {
        for t in [
            "0",
            "7",
            "-7",
            "+7",
            "12.5",
            ".5",
            "5.",
            "0.1",
            "0.3",
            "99.99",
            "100",
            "1e3",
            "1E-2",
            "2.5e+1",
            "16.0",
            "14.399999",
            "123456789012345",
            "0.000001",
        ] {
            assert_eq!(parse(t), t.parse::<f64>().ok(), "{t}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_number() {
        for t in [
            "", "-", ".", "e3", "1e", "1.2.3", " 1", "1 ", "1,5", "12px", "inf", "NaN", "--1",
        ] {
            assert_eq!(parse(t), None, "{t:?}");
        }
    }

    #[test]
    fn long_numbers_keep_their_size() {
        let v = parse("123456789012345678901234").unwrap_or(0.0);
        assert!((v / 1.234_567_890_123_456_8e23 - 1.0).abs() < 1e-12, "{v}");
    }

    #[test]
    fn writes_in_the_locale_characters() {
        let arabic = Digits {
            digits: ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'],
            decimal: "٫".into(),
            minus: "\u{61C}-".into(),
        };
        assert_eq!(format_in(-12.345, 2, &arabic), "\u{61C}-١٢٫٣٥");
        assert_eq!(format_in(1970.0, 0, &Digits::ascii()), "1970");
    }

    #[test]
    fn formats_rounded_without_trailing_zeros() {
        assert_eq!(format(0.0, 2), "0");
        assert_eq!(format(3.0, 1), "3");
        assert_eq!(format(2.5, 0), "3");
        assert_eq!(format(-2.5, 0), "-3");
        assert_eq!(format(0.05, 1), "0.1");
        assert_eq!(format(1.25, 2), "1.25");
        assert_eq!(format(1.2, 3), "1.2");
        assert_eq!(format(0.007, 3), "0.007");
        assert_eq!(format(1234.5678, 2), "1234.57");
        assert_eq!(format(f64::NAN, 2), "0");
    }

    #[test]
    fn format_then_parse_returns_the_rounded_value() {
        for v in [0.5, 14.0, 13.3, 1.0 / 3.0, 250.125, 9999.9] {
            let text = format(v, 3);
            let back = parse(&text).unwrap_or(f64::NAN);
            assert!((back - v).abs() <= 0.0005, "{v} -> {text} -> {back}");
        }
    }
}
