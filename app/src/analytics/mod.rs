//! Staff analytics: the dashboard over all assessments, programme figures against targets,
//! and the exports.

pub mod api;
pub mod charts;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod rollup;
#[cfg(feature = "ssr")]
pub mod service;

use crate::events::time::{civil_from_days, days_from_civil};

/// `YYYY-MM-DD` of a Unix time, in UTC.
pub fn day_string(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The Unix time of the start of a `YYYY-MM-DD` day (UTC); `None` for anything else.
pub fn parse_day(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let unix = days_from_civil(y, m, d) * 86_400;
    // Rejects 31 April and the like: the day must come back unchanged.
    (civil_from_days(unix / 86_400) == (y, m, d)).then_some(unix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        let t = parse_day("2023-12-31").expect("valid day");
        assert_eq!(day_string(t), "2023-12-31");
        assert_eq!(
            parse_day("2024-02-29").map(day_string).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(parse_day("2023-02-29"), None);
        assert_eq!(parse_day("2023-04-31"), None);
        assert_eq!(parse_day("31-12-2023"), None);
        assert_eq!(parse_day("soon"), None);
    }
}
