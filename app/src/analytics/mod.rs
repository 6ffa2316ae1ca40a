//! Staff analytics: the dashboard over all assessments, programme figures against targets,
//! and the exports.

pub mod api;
pub mod charts;
pub mod model;
pub mod pages;
pub mod reassessed_pages;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod reassessed;
#[cfg(feature = "ssr")]
pub mod rollup;
#[cfg(feature = "ssr")]
pub mod service;

/// `YYYY-MM-DD` of a Unix time, in UTC.
pub fn day_string(unix: i64) -> String {
    crate::time::utc_date(unix).to_string()
}

/// The Unix time of the start of a `YYYY-MM-DD` day (UTC); `None` for anything else,
/// 31 April included.
pub fn parse_day(text: &str) -> Option<i64> {
    let text = text.trim();
    // jiff also reads ISO's other spellings (`20231231`); a filter in a URL has this one.
    if text.len() != 10 {
        return None;
    }
    let date: jiff::civil::Date = text.parse().ok()?;
    if !(1900..=9999).contains(&date.year()) {
        return None;
    }
    crate::time::utc_day_start(date)
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
