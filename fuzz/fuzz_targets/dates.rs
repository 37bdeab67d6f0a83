//! The date parser, `parse_date`, on any UTF-8 text.
//!
//! Invariants: a parsed date has a year 1900–2100, a month 1–12 and a day
//! that exists in that month (checked against a calendar computed here);
//! its ISO form (`Display`) parses back to the same date; every error formats
//! to a message; and for text of digits and `-` only, the ISO fast path
//! agrees with the general parser, reached by writing `/` for `-`.
#![no_main]

use kyoto_widgets::core::import::parse_date;
use kyoto_widgets_fuzz::check_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let result = parse_date(text);
    match &result {
        Ok(date) => {
            check_date(date, &format!("{text:?}"));
            let iso = date.to_string();
            assert_eq!(
                parse_date(&iso).as_ref(),
                Ok(date),
                "{text:?} → {date:?} → {iso:?} does not read back"
            );
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let trimmed = text.trim();
    if trimmed.contains('-') && trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        let slashed = trimmed.replace('-', "/");
        assert_eq!(
            result,
            parse_date(&slashed),
            "the ISO fast path and the general parser disagree: {trimmed:?} vs {slashed:?}"
        );
    }
});
