//! Dates and times. Everything is stored as Unix seconds (UTC) and shown and entered in Dutch
//! local time (Europe/Amsterdam), with `jiff` and its bundled time-zone database: summer time
//! and any future change to the EU rule come from the database, not from code of ours.
//! Only server-rendered components call these, so none of it reaches the browser's module.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::sync::LazyLock;

static AMSTERDAM: LazyLock<TimeZone> = LazyLock::new(|| {
    // The database is compiled in (`tzdb-bundle-always`), so the zone is always there; a
    // test below holds that.
    TimeZone::get("Europe/Amsterdam").unwrap_or_else(|e| {
        tracing_or_eprint(&e.to_string());
        TimeZone::UTC
    })
});

fn tracing_or_eprint(message: &str) {
    #[cfg(feature = "ssr")]
    tracing::error!(
        error = message,
        "time zone Europe/Amsterdam missing; showing UTC"
    );
    #[cfg(not(feature = "ssr"))]
    let _ = message;
}

/// A moment as Unix seconds, clamped to what jiff can represent (years -9999 to 9999).
fn timestamp(unix: i64) -> Timestamp {
    Timestamp::from_second(unix).unwrap_or(if unix < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// A local date and time in Amsterdam.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Local {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

impl From<DateTime> for Local {
    fn from(dt: DateTime) -> Self {
        Local {
            year: i64::from(dt.year()),
            month: dt.month() as u32,
            day: dt.day() as u32,
            hour: dt.hour() as u32,
            minute: dt.minute() as u32,
        }
    }
}

pub fn to_local(unix: i64) -> Local {
    AMSTERDAM.to_datetime(timestamp(unix)).into()
}

/// The Unix time of a local Amsterdam date and time. In the autumn hour that happens twice the
/// first (summer-time) one is taken; a time skipped in spring moves on by the hour (jiff's
/// "compatible" choice, the one RFC 5545 calendars make too). `None` for no such date.
pub fn from_local(l: Local) -> Option<i64> {
    let small = |n: u32| i8::try_from(n).ok();
    let dt = DateTime::new(
        i16::try_from(l.year).ok()?,
        small(l.month)?,
        small(l.day)?,
        small(l.hour)?,
        small(l.minute)?,
        0,
        0,
    )
    .ok()?;
    AMSTERDAM.to_timestamp(dt).ok().map(|t| t.as_second())
}

/// Parses "2026-12-03" and "14:30" (or "14:30:00") as typed in date and time inputs; only
/// years 2000 to 2100, which is what an event can have.
pub fn parse_local(date: &str, time: &str) -> Option<Local> {
    let date: Date = date.trim().parse().ok()?;
    let time: Time = time.trim().parse().ok()?;
    (2000..=2100)
        .contains(&date.year())
        .then(|| date.to_datetime(time).into())
}

/// The date of a Unix time in the Netherlands.
pub fn local_date(unix: i64) -> Date {
    timestamp(unix).to_zoned(AMSTERDAM.clone()).date()
}

/// The Unix time at which a date begins in the Netherlands.
pub fn local_day_start(date: Date) -> Option<i64> {
    date.to_zoned(AMSTERDAM.clone())
        .ok()
        .map(|z| z.timestamp().as_second())
}

/// `YYYY-MM-DD` of a Unix time: the day it is in the Netherlands, as the people who read the
/// figures count their days (a DMA finalised at 00:30 on 6 December is of the 6th, although
/// it is still the 5th in UTC).
pub fn day_string(unix: i64) -> String {
    local_date(unix).to_string()
}

/// The Unix time at which a `YYYY-MM-DD` day begins in the Netherlands; `None` for anything
/// else, 31 April included.
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
    local_day_start(date)
}

/// The moment the Dutch day after the one `unix` is in begins: the end of a period that
/// includes that day (23 or 25 hours after its start when the clocks change).
pub fn day_after(unix: i64) -> i64 {
    local_date(unix)
        .tomorrow()
        .ok()
        .and_then(local_day_start)
        .unwrap_or(unix + 86_400)
}

/// "20261203T130000Z", a moment in UTC for iCalendar.
pub fn ical_utc(unix: i64) -> String {
    timestamp(unix).strftime("%Y%m%dT%H%M%SZ").to_string()
}

impl Local {
    /// "2026-12-03" for a date input.
    pub fn date_input(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "14:30".
    pub fn time(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// "03-12-2026".
    pub fn date_nl(&self) -> String {
        format!("{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }

    /// "20261203T143000" for iCalendar.
    pub fn ical(&self) -> String {
        format!(
            "{:04}{:02}{:02}T{:02}{:02}00",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
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

    #[test]
    fn days_are_dutch_days() {
        // 6 December 2026 begins at 23:00 UTC on the 5th (winter time), 1 July at 22:00 UTC.
        assert_eq!(parse_day("2026-12-06"), Some(1_796_511_600));
        assert_eq!(parse_day("2026-07-01"), Some(1_782_856_800));
        // 00:30 Dutch time on the 6th is the 6th, although it is 23:30 on the 5th in UTC.
        assert_eq!(day_string(1_796_511_600 + 1800), "2026-12-06");
        assert_eq!(day_string(1_796_511_600 - 1), "2026-12-05");
        // The day after ends a period: 24 hours, 23 on the day the clocks go forward, 25 on
        // the day they go back.
        assert_eq!(day_after(1_796_511_600), 1_796_511_600 + 86_400);
        let spring = parse_day("2026-03-29").expect("day");
        assert_eq!(day_after(spring), spring + 23 * 3600);
        let autumn = parse_day("2026-10-25").expect("day");
        assert_eq!(day_after(autumn + 3600), autumn + 25 * 3600);
    }

    fn l(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> Local {
        Local {
            year,
            month,
            day,
            hour,
            minute,
        }
    }

    #[test]
    fn the_zone_is_bundled() {
        assert!(TimeZone::get("Europe/Amsterdam").is_ok());
    }

    #[test]
    fn summer_and_winter_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(from_local(l(2026, 12, 3, 14, 0)), Some(1_796_302_800)); // 13:00 UTC
        assert_eq!(from_local(l(2026, 6, 18, 9, 30)), Some(1_781_767_800)); // 07:30 UTC
        assert_eq!(to_local(1_796_302_800), l(2026, 12, 3, 14, 0));
        // 29-03-2026 00:59:59 UTC is 01:59:59 winter time; a second later it is 03:00.
        assert_eq!(to_local(1_774_746_000 - 60), l(2026, 3, 29, 1, 59));
        assert_eq!(to_local(1_774_746_000), l(2026, 3, 29, 3, 0));
        // 25-10-2026 00:59 UTC is 02:59 summer time; at 01:00 UTC the clock shows 02:00 again.
        assert_eq!(to_local(1_792_890_000 - 60), l(2026, 10, 25, 2, 59));
        assert_eq!(to_local(1_792_890_000), l(2026, 10, 25, 2, 0));
        // The doubled autumn hour: 02:30 local is taken as summer time (00:30 UTC).
        assert_eq!(from_local(l(2026, 10, 25, 2, 30)), Some(1_792_888_200));
        // The skipped spring hour moves on: 02:30 becomes 03:30 summer time (01:30 UTC).
        assert_eq!(
            from_local(l(2026, 3, 29, 2, 30)),
            Some(1_774_746_000 + 1800)
        );
        assert_eq!(from_local(l(2026, 2, 30, 10, 0)), None);
    }

    #[test]
    fn every_local_minute_round_trips_across_a_year() {
        let start = from_local(l(2027, 1, 1, 0, 0)).expect("a valid moment");
        let mut t = start;
        while t < start + 366 * 86_400 {
            let local = to_local(t);
            // Only the doubled autumn hour is ambiguous.
            if !(local.month == 10 && local.hour == 2) {
                assert_eq!(from_local(local), Some(t), "{local:?}");
            }
            t += 1800;
        }
    }

    #[test]
    fn input_parsing() {
        assert_eq!(
            parse_local("2026-12-03", "14:30"),
            Some(l(2026, 12, 3, 14, 30))
        );
        assert_eq!(parse_local("2026-02-29", "10:00"), None);
        assert_eq!(parse_local("2028-02-29", "10:00").map(|l| l.day), Some(29));
        assert_eq!(parse_local("2026-12-03", "25:00"), None);
        assert_eq!(parse_local("gisteren", "10:00"), None);
        assert_eq!(parse_local("1999-12-03", "10:00"), None);
        assert_eq!(
            parse_local("2026-12-03", "14:30:00").map(|l| l.minute),
            Some(30)
        );
    }

    #[test]
    fn utc_for_calendars_dutch_for_days() {
        assert_eq!(ical_utc(1_796_302_800), "20261203T130000Z");
        // 23:30 UTC on 3 December is half past midnight on the 4th in the Netherlands.
        assert_eq!(local_date(1_796_340_600).to_string(), "2026-12-04");
        let day: Date = "2026-12-04".parse().expect("a date");
        assert_eq!(local_day_start(day), Some(1_796_338_800));
    }
}
