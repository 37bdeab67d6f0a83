//! The live-data policy: how the `poll` attribute is read, how long a
//! request may take, and how the wait grows after failures. The web layer
//! (`web::live`) does the fetching and the timers.

/// The shortest interval accepted (seconds).
pub const MIN_POLL_S: f64 = 1.0;
/// The longest wait between two requests after failures (5 minutes), unless
/// the interval itself is longer.
pub const BACKOFF_CAP_MS: f64 = 300_000.0;

/// Reads the `poll` attribute: seconds between requests (at least
/// [`MIN_POLL_S`]; a trailing `s` is allowed), or `None` when absent, empty,
/// zero, negative or not a number.
pub fn parse_poll(value: Option<&str>) -> Option<f64> {
    poll_seconds(value?)
        .filter(|&v| v > 0.0)
        .map(|v| v.max(MIN_POLL_S))
}

/// The number of seconds a `poll` value gives (`30`, `30s`, `0` for none),
/// or `None` when it is not one: what [`parse_poll`] reads, and what
/// `core::attribute` holds a page's value to.
pub fn poll_seconds(value: &str) -> Option<f64> {
    let s = value.trim();
    let s = s.strip_suffix('s').unwrap_or(s).trim();
    crate::core::number::parse(s).filter(|v| v.is_finite() && *v >= 0.0)
}

/// The wait before the next request after `failures` failures in a row: the
/// interval, doubled for each failure, up to [`BACKOFF_CAP_MS`].
pub fn next_delay_ms(every_ms: f64, failures: u32) -> f64 {
    if failures == 0 {
        return every_ms;
    }
    let factor = 2f64.powi(failures.min(20) as i32);
    (every_ms * factor).min(BACKOFF_CAP_MS.max(every_ms))
}

/// A request is abandoned after this long: the interval, between 5 and 30 s.
pub fn timeout_ms(every_ms: f64) -> f64 {
    every_ms.clamp(5_000.0, 30_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poll_values() {
        assert_eq!(parse_poll(Some("30")), Some(30.0));
        assert_eq!(parse_poll(Some(" 2.5s ")), Some(2.5));
        assert_eq!(parse_poll(Some("0.1")), Some(MIN_POLL_S));
        assert_eq!(parse_poll(Some("0")), None);
        assert_eq!(parse_poll(Some("-5")), None);
        assert_eq!(parse_poll(Some("NaN")), None);
        assert_eq!(parse_poll(Some("soon")), None);
        assert_eq!(parse_poll(Some("")), None);
        assert_eq!(parse_poll(None), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        assert_eq!(next_delay_ms(30_000.0, 0), 30_000.0);
        assert_eq!(next_delay_ms(30_000.0, 1), 60_000.0);
        assert_eq!(next_delay_ms(30_000.0, 3), 240_000.0);
        assert_eq!(next_delay_ms(30_000.0, 4), BACKOFF_CAP_MS);
        assert_eq!(next_delay_ms(30_000.0, 40), BACKOFF_CAP_MS);
        assert_eq!(next_delay_ms(600_000.0, 2), 600_000.0);
    }

    #[test]
    fn timeouts_stay_between_5_and_30_seconds() {
        assert_eq!(timeout_ms(1_000.0), 5_000.0);
        assert_eq!(timeout_ms(10_000.0), 10_000.0);
        assert_eq!(timeout_ms(60_000.0), 30_000.0);
    }
}
