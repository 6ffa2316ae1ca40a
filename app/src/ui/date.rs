//! Dates as people read them, from the Unix seconds everything is stored in.

/// "26-11-2026" (day-month-year, as in the Netherlands), the date in the Netherlands: the
/// same clock the event pages use, so something done just after midnight is not dated the
/// day before.
pub fn format_date(unix: i64) -> String {
    crate::time::to_local(unix).date_nl()
}

/// A stored day (`YYYY-MM-DD`) as people read it, "01-03-2027"; empty for no or a bad day.
pub fn format_day(day: &str) -> String {
    day.parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_date(0), "01-01-1970");
        assert_eq!(format_date(1_795_651_200), "26-11-2026");
        assert_eq!(format_date(951_782_400), "29-02-2000");
        // 23:30 UTC on 25 November is 00:30 on the 26th in Amsterdam.
        assert_eq!(format_date(1_795_651_200 - 1800), "26-11-2026");
        assert_eq!(format_day("2027-03-01"), "01-03-2027");
        assert_eq!(format_day(""), "");
        assert_eq!(format_day("1-3-2027"), "");
    }
}
