//! Turning the bytes of an export into text: byte-order marks, UTF-16 (Excel's
//! "Unicode text"), and Windows-1252 for files that are not UTF-8.
//!
//! Decision (documented in `docs/data-format.md`): bytes that are not valid
//! UTF-8 and carry no UTF-16 marks are read as Windows-1252, the encoding
//! Excel's plain "CSV" uses on Western-European Windows, with one warning that
//! names the first byte that is not UTF-8 (offset and line). Refusing would
//! fail every such export although Windows-1252 decodes every byte.

use super::Problem;
use serde::Serialize;
use std::borrow::Cow;

/// The encoding an input was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16, little-endian (Excel's "Unicode text" on Windows).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252, for bytes that are not UTF-8 (a warning says so).
    Windows1252,
}

impl TextEncoding {
    /// A name a person recognises.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes `bytes`, returning the text (without byte-order mark), the encoding
/// and any warnings about the decoding.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding, Vec<Problem>) {
    let mut problems = Vec::new();
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => (Cow::Borrowed(s), TextEncoding::Utf8Bom, problems),
            Err(e) => {
                // A UTF-8 mark followed by invalid bytes: keep what is valid,
                // replace the rest, and say where it went wrong.
                let at = e.valid_up_to() + 3;
                problems.push(bom_invalid_warning(
                    bytes.get(at).copied().unwrap_or(0),
                    at,
                    line_of(bytes, at),
                ));
                (
                    Cow::Owned(String::from_utf8_lossy(rest).into_owned()),
                    TextEncoding::Utf8Bom,
                    problems,
                )
            }
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, false, problems);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, true, problems);
    }
    // UTF-16 without a mark: ASCII text in UTF-16 has a zero in every other
    // byte. Excel always writes the mark; other tools sometimes do not.
    if let [a, b, c, d, ..] = bytes {
        if *a != 0 && *b == 0 && *c != 0 && *d == 0 {
            return decode_utf16(bytes, false, problems);
        }
        if *a == 0 && *b != 0 && *c == 0 && *d != 0 {
            return decode_utf16(bytes, true, problems);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), TextEncoding::Utf8, problems),
        Err(e) => {
            let at = e.valid_up_to();
            problems.push(not_utf8_warning(
                bytes.get(at).copied().unwrap_or(0),
                at,
                line_of(bytes, at),
            ));
            (
                Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
                TextEncoding::Windows1252,
                problems,
            )
        }
    }
}

fn decode_utf16(
    bytes: &[u8],
    big_endian: bool,
    mut problems: Vec<Problem>,
) -> (Cow<'static, str>, TextEncoding, Vec<Problem>) {
    let units = bytes.chunks_exact(2).map(|pair| match pair {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut bad = 0usize;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                bad += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    let encoding = if big_endian {
        TextEncoding::Utf16Be
    } else {
        TextEncoding::Utf16Le
    };
    if bad > 0 {
        problems.push(surrogates_warning(bad));
    }
    if bytes.len() % 2 == 1 {
        problems.push(odd_utf16_warning());
    }
    // A mark inside (some tools write one per chunk) is not text.
    if text.starts_with('\u{FEFF}') {
        text.remove(0);
    }
    (Cow::Owned(text), encoding, problems)
}

/// The warning for a UTF-8 mark followed by bytes that are not UTF-8.
pub(crate) fn bom_invalid_warning(byte: u8, at: usize, line: usize) -> Problem {
    Problem::file_warning(format!(
        "the file starts with a UTF-8 byte-order mark but byte 0x{byte:02X} at offset {at} (line {line}) is not UTF-8; unreadable bytes were replaced with \u{FFFD}"
    ))
}

/// The warning for bytes read as Windows-1252.
pub(crate) fn not_utf8_warning(byte: u8, at: usize, line: usize) -> Problem {
    Problem::file_warning(format!(
        "the file is not UTF-8 (byte 0x{byte:02X} at offset {at}, line {line}); it was read as Windows-1252, the encoding of Excel's plain 'CSV': check accented letters, or save as 'CSV UTF-8'"
    ))
}

/// The warning for unpaired UTF-16 surrogates.
pub(crate) fn surrogates_warning(bad: usize) -> Problem {
    Problem::file_warning(format!(
        "{bad} unpaired UTF-16 surrogate(s) were replaced with \u{FFFD}"
    ))
}

/// The warning for a UTF-16 file of an odd length.
pub(crate) fn odd_utf16_warning() -> Problem {
    Problem::file_warning(
        "the UTF-16 file has an odd number of bytes; the last byte was ignored".to_string(),
    )
}

/// 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes
        .get(..offset)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}

/// Windows-1252 to Unicode, as the WHATWG Encoding Standard maps it (the five
/// unassigned bytes map to the C1 controls of the same value).
pub(crate) fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH.get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}')
    } else {
        char::from(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed() {
        let (t, e, p) = decode("id,title".as_bytes());
        assert!(matches!(t, Cow::Borrowed(_)));
        assert_eq!(e, TextEncoding::Utf8);
        assert!(p.is_empty());
    }

    #[test]
    fn bom_is_removed() {
        let (t, e, _) = decode(b"\xEF\xBB\xBFid");
        assert_eq!(t, "id");
        assert_eq!(e, TextEncoding::Utf8Bom);
    }

    #[test]
    fn utf16_both_ways() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("é\tx".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).0, "é\tx");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("é\tx".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).0, "é\tx");
        let bare: Vec<u8> = "id\tx".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bare).1, TextEncoding::Utf16Le);
    }

    #[test]
    fn windows_1252_with_warning() {
        let (t, e, p) = decode(b"id\nCaf\xE9 \x80\x93");
        assert_eq!(t, "id\nCafé €“");
        assert_eq!(e, TextEncoding::Windows1252);
        assert_eq!(p.len(), 1);
        assert!(p[0].rule.contains("offset 6, line 2"), "{}", p[0].rule);
    }
}
