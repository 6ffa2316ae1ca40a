//! Dates as people read them, from the Unix seconds everything is stored in.

/// "26-11-2026" (day-month-year, as in the Netherlands), in UTC.
pub fn format_date(unix: i64) -> String {
    let (y, m, d) = crate::events::time::civil_from_days(unix.div_euclid(86_400));
    format!("{d:02}-{m:02}-{y}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_date(0), "01-01-1970");
        assert_eq!(format_date(1_795_651_200), "26-11-2026");
        assert_eq!(format_date(951_782_400), "29-02-2000");
    }
}
