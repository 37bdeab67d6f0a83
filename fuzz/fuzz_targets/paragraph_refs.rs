//! The paragraph-reference parser, `parse_paragraph_refs`, on any UTF-8 text.
//!
//! Invariants: a result is non-empty, sorted, without duplicates, within
//! 1–97; formatting it with `format_paragraph_refs` and parsing again gives
//! the same numbers; every error formats to a message; and the fast path for
//! plain lists (digits, `,` `;` `-` and spaces only) agrees with the full
//! grammar, reached by appending a `¶`, which the grammar ignores.
#![no_main]

use kyoto_widgets::core::import::{format_paragraph_refs, parse_paragraph_refs};
use kyoto_widgets_fuzz::check_paragraphs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let result = parse_paragraph_refs(text);
    match &result {
        Ok(paragraphs) => {
            check_paragraphs(paragraphs, &format!("{text:?}"));
            let written = format_paragraph_refs(paragraphs);
            assert_eq!(
                parse_paragraph_refs(&written).as_ref(),
                Ok(paragraphs),
                "{text:?} → {paragraphs:?} → {written:?} does not read back"
            );
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b',' | b';' | b' ' | b'-'));
    if plain {
        let full = parse_paragraph_refs(&format!("{text}¶"));
        assert_eq!(
            result.as_ref().ok(),
            full.as_ref().ok(),
            "the fast path and the full grammar disagree on {text:?}: {result:?} vs {full:?}"
        );
    }
});
