//! Paragraph references as people write them: `21`, `21, 22`, `21; 22`,
//! `27, 28, 43 and 44`, `93-95`, `93–95`, `35 to 42`, `para. 87`,
//! `paras. 93 to 95`, `paragraphs 2, 63 and 93 of the Kyoto Declaration`.
//!
//! The grammar: items separated by `,` `;` `/` `&`, `and` or a line break;
//! an item is a number or a range (`-`, `–`, `—`, `to`, `through`), each number
//! optionally preceded by `para.`, `paras.`, `paragraph(s)`, `par.`, `pars.`,
//! `op` (operative paragraph), `§` or `¶`, and optionally followed by a
//! subparagraph letter in brackets (`42 (a)`, which counts as paragraph 42).

use crate::core::declaration::PARAGRAPH_COUNT;
use std::fmt;

/// Why a paragraph reference could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParagraphRefError {
    /// Nothing but prefixes and separators.
    Empty,
    /// A number outside 1–97.
    OutOfRange(u64),
    /// A range whose end is before its start (`95-93`).
    Backwards(u64, u64),
    /// Text that is not a reference, near the given word.
    Unreadable(String),
}

impl fmt::Display for ParagraphRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParagraphRefError::Empty => write!(
                f,
                "no paragraph number: cite at least one paragraph of the Declaration (1–{PARAGRAPH_COUNT})"
            ),
            ParagraphRefError::OutOfRange(n) => write!(
                f,
                "paragraph {n} does not exist: the Declaration has paragraphs 1–{PARAGRAPH_COUNT}"
            ),
            ParagraphRefError::Backwards(a, b) => write!(
                f,
                "the range {a}–{b} runs backwards: write the lower number first ({b}–{a})"
            ),
            ParagraphRefError::Unreadable(near) => write!(
                f,
                "cannot read '{near}' as a paragraph number: write paragraphs like '21, 22', '93-95' or 'paras. 93 to 95'"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(u64),
    Separator,
    Range,
}

/// Reads a paragraph reference into sorted paragraph numbers without
/// duplicates.
///
/// ```
/// use kyoto_widgets::core::import::parse_paragraph_refs;
/// assert_eq!(parse_paragraph_refs("paras. 93 to 95"), Ok(vec![93, 94, 95]));
/// assert_eq!(parse_paragraph_refs("27, 28, 43 and 44"), Ok(vec![27, 28, 43, 44]));
/// assert!(parse_paragraph_refs("98").is_err());
/// ```
pub fn parse_paragraph_refs(text: &str) -> Result<Vec<u8>, ParagraphRefError> {
    if let Some(result) = parse_plain(text) {
        return result;
    }
    let tokens = tokenize(text)?;
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    let mut expect_item = true;
    while let Some(tok) = tokens.get(i) {
        match tok {
            Token::Separator => {
                expect_item = true;
                i += 1;
            }
            Token::Range => return Err(ParagraphRefError::Unreadable(text.trim().to_string())),
            Token::Number(a) => {
                if !expect_item {
                    // Two numbers with nothing between them: "21 22".
                    return Err(ParagraphRefError::Unreadable(format!("{a}")));
                }
                let a = *a;
                if let (Some(Token::Range), Some(Token::Number(b))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    let b = *b;
                    let first = check(a)?;
                    let last = check(b)?;
                    if first > last {
                        return Err(ParagraphRefError::Backwards(a, b));
                    }
                    out.extend(first..=last);
                    i += 3;
                } else if let Some(Token::Range) = tokens.get(i + 1) {
                    return Err(ParagraphRefError::Unreadable(text.trim().to_string()));
                } else {
                    out.push(check(a)?);
                    i += 1;
                }
                expect_item = false;
            }
        }
    }
    if out.is_empty() {
        return Err(ParagraphRefError::Empty);
    }
    crate::core::order::sort_dedup(&mut out);
    Ok(out)
}

/// Paragraph numbers written compactly, ranges joined: `21, 22, 93-95`.
pub fn format_paragraph_refs(paragraphs: &[u8]) -> String {
    let mut sorted = paragraphs.to_vec();
    crate::core::order::sort_dedup(&mut sorted);
    let mut parts: Vec<String> = Vec::new();
    let mut iter = sorted.into_iter().peekable();
    while let Some(first) = iter.next() {
        let mut last = first;
        while iter.peek() == Some(&last.saturating_add(1)) {
            last = last.saturating_add(1);
            iter.next();
        }
        parts.push(match last - first {
            0 => format!("{first}"),
            1 => format!("{first}, {last}"),
            _ => format!("{first}-{last}"),
        });
    }
    parts.join(", ")
}

/// The common case without allocating tokens: digits, `,` `;` spaces and
/// `-` only (`21, 22`, `93-95`). `None` sends anything else to the full
/// grammar.
fn parse_plain(text: &str) -> Option<Result<Vec<u8>, ParagraphRefError>> {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b',' | b';' | b' ' | b'-'))
    {
        return None;
    }
    let mut out = Vec::with_capacity(4);
    let mut i = 0;
    let skip_spaces = |i: &mut usize| {
        while bytes.get(*i) == Some(&b' ') {
            *i += 1;
        }
    };
    let number = |i: &mut usize| -> Option<u64> {
        let start = *i;
        let mut n: u64 = 0;
        while let Some(d) = bytes.get(*i).filter(|b| b.is_ascii_digit()) {
            n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
            *i += 1;
        }
        (*i > start).then_some(n)
    };
    loop {
        skip_spaces(&mut i);
        // Separators (several in a row are tolerated, as in the full grammar).
        while matches!(bytes.get(i), Some(b',' | b';')) {
            i += 1;
            skip_spaces(&mut i);
        }
        if i >= bytes.len() {
            break;
        }
        let a = number(&mut i)?;
        skip_spaces(&mut i);
        if bytes.get(i) == Some(&b'-') {
            i += 1;
            skip_spaces(&mut i);
            let b = number(&mut i)?;
            let (first, last) = match (check(a), check(b)) {
                (Ok(f), Ok(l)) => (f, l),
                (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
            };
            if first > last {
                return Some(Err(ParagraphRefError::Backwards(a, b)));
            }
            out.extend(first..=last);
        } else {
            match check(a) {
                Ok(p) => out.push(p),
                Err(e) => return Some(Err(e)),
            }
        }
        skip_spaces(&mut i);
        match bytes.get(i) {
            None => break,
            Some(b',' | b';') => {}
            // "21 22", "21-22-23": let the full grammar name the problem.
            Some(_) => return None,
        }
    }
    if out.is_empty() {
        return Some(Err(ParagraphRefError::Empty));
    }
    crate::core::order::sort_dedup(&mut out);
    Some(Ok(out))
}

fn check(n: u64) -> Result<u8, ParagraphRefError> {
    match u8::try_from(n) {
        Ok(p) if (1..=PARAGRAPH_COUNT).contains(&p) => Ok(p),
        _ => Err(ParagraphRefError::OutOfRange(n)),
    }
}

const PREFIXES: [&str; 8] = [
    "paragraphs",
    "paragraph",
    "paras",
    "para",
    "pars",
    "par",
    "op",
    "pp",
];

fn tokenize(text: &str) -> Result<Vec<Token>, ParagraphRefError> {
    // ASCII lower case: every word matched here is ASCII (see normalize_header).
    let lower = text.to_ascii_lowercase();
    let mut body = lower.trim();
    // "… of the Kyoto Declaration", as the reports write it.
    for suffix in [
        "of the kyoto declaration",
        "of the declaration",
        "of the kyoto declaration.",
        "of the declaration.",
    ] {
        if let Some(b) = body.strip_suffix(suffix) {
            body = b.trim_end();
        }
    }
    let chars: Vec<char> = body.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            let start = i;
            let mut n: u64 = 0;
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(u64::from(d));
                i += 1;
            }
            // "16.3" is not a paragraph (it looks like an SDG target).
            if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                let mut end = i + 1;
                while chars.get(end).is_some_and(char::is_ascii_digit) {
                    end += 1;
                }
                let shown: String = chars.get(start..end).unwrap_or_default().iter().collect();
                return Err(ParagraphRefError::Unreadable(shown));
            }
            tokens.push(Token::Number(n));
            // A subparagraph: "42 (a)", "42(iv)".
            let mut j = i;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if chars.get(j) == Some(&'(') {
                let mut k = j + 1;
                while chars.get(k).is_some_and(|c| c.is_ascii_alphabetic()) {
                    k += 1;
                }
                if k > j + 1 && k <= j + 5 && chars.get(k) == Some(&')') {
                    i = k + 1;
                }
            }
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while chars.get(i).is_some_and(|c| c.is_alphabetic()) {
                i += 1;
            }
            let word: String = chars.get(start..i).unwrap_or_default().iter().collect();
            match word.as_str() {
                "and" => tokens.push(Token::Separator),
                "to" | "through" | "thru" => tokens.push(Token::Range),
                w if PREFIXES.contains(&w) => {
                    if chars.get(i) == Some(&'.') {
                        i += 1;
                    }
                }
                _ => {
                    let shown: String = chars
                        .get(start..)
                        .unwrap_or_default()
                        .iter()
                        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ';'))
                        .collect();
                    return Err(ParagraphRefError::Unreadable(shown));
                }
            }
            continue;
        }
        match c {
            ',' | ';' | '/' | '&' | '\n' | '\r' => tokens.push(Token::Separator),
            '-' | '–' | '—' | '‐' | '‑' | '−' => tokens.push(Token::Range),
            '§' | '¶' | '.' | '"' | '\'' | '[' | ']' => {}
            c if c.is_whitespace() => {}
            other => return Err(ParagraphRefError::Unreadable(other.to_string())),
        }
        i += 1;
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Vec<u8> {
        parse_paragraph_refs(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn forms_people_write() {
        assert_eq!(ok("21"), [21]);
        assert_eq!(ok("21, 22"), [21, 22]);
        assert_eq!(ok("21; 22"), [21, 22]);
        assert_eq!(ok("27, 28, 43 and 44"), [27, 28, 43, 44]);
        assert_eq!(ok("93-95"), [93, 94, 95]);
        assert_eq!(ok("93–95"), [93, 94, 95]);
        assert_eq!(ok("93 – 95"), [93, 94, 95]);
        assert_eq!(ok("35 to 42"), (35..=42).collect::<Vec<_>>());
        assert_eq!(ok("para. 87"), [87]);
        assert_eq!(ok("Paras. 93 to 95"), [93, 94, 95]);
        assert_eq!(ok("paragraphs 2, 63 and 93"), [2, 63, 93]);
        assert_eq!(
            ok("paragraphs 27, 28, 43 and 44 of the Kyoto Declaration"),
            [27, 28, 43, 44]
        );
        assert_eq!(ok("para. 21; para. 22"), [21, 22]);
        assert_eq!(ok("42 (a), 43"), [42, 43]);
        assert_eq!(ok("OP 5"), [5]);
        assert_eq!(ok("22, 21, 21"), [21, 22]);
        assert_eq!(ok("21,\n22"), [21, 22]);
        assert_eq!(ok("§ 60"), [60]);
    }

    #[test]
    fn errors() {
        use ParagraphRefError::*;
        assert_eq!(parse_paragraph_refs("98"), Err(OutOfRange(98)));
        assert_eq!(parse_paragraph_refs("0"), Err(OutOfRange(0)));
        assert_eq!(
            parse_paragraph_refs("99999999999999999999999"),
            Err(OutOfRange(u64::MAX))
        );
        assert_eq!(parse_paragraph_refs("95-93"), Err(Backwards(95, 93)));
        assert_eq!(parse_paragraph_refs(""), Err(Empty));
        assert_eq!(parse_paragraph_refs("paras."), Err(Empty));
        assert_eq!(
            parse_paragraph_refs("65, 80 are 94"),
            Err(Unreadable("are".into()))
        );
        assert_eq!(parse_paragraph_refs("21 22"), Err(Unreadable("22".into())));
        assert_eq!(parse_paragraph_refs("16.3"), Err(Unreadable("16.3".into())));
        assert_eq!(parse_paragraph_refs("=21+22"), Err(Unreadable("=".into())));
        assert!(parse_paragraph_refs("21-").is_err());
        assert!(parse_paragraph_refs("-21").is_err());
    }

    #[test]
    fn formatting_round_trips() {
        assert_eq!(
            format_paragraph_refs(&[21, 22, 93, 94, 95, 5]),
            "5, 21, 22, 93-95"
        );
        for s in ["5, 21, 22, 93-95", "1", "1-97"] {
            assert_eq!(format_paragraph_refs(&ok(s)), s);
        }
    }
}
