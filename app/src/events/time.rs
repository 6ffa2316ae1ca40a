//! Event times: stored as Unix seconds (UTC), shown and entered in Dutch local time
//! (Europe/Amsterdam: CET, UTC+1, and CEST, UTC+2, from the last Sunday of March 01:00 UTC to
//! the last Sunday of October 01:00 UTC, the EU rule since 1996). Pure, so it is the same in
//! the browser and on the server, and needs no time-zone database.

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Unix time of 01:00 UTC on the last Sunday of `month` in `year`.
fn last_sunday_0100_utc(year: i64, month: u32) -> i64 {
    let last_day = match month {
        3 => 31,
        10 => 31,
        _ => 30,
    };
    let days = days_from_civil(year, month, last_day);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday ⇒ (days + 4) mod 7.
    let weekday = (days + 4).rem_euclid(7);
    (days - weekday) * 86_400 + 3600
}

/// Offset of Amsterdam time from UTC at a moment, in seconds (3600 or 7200).
pub fn amsterdam_offset(unix: i64) -> i64 {
    let (year, _, _) = civil_from_days(unix.div_euclid(86_400));
    let start = last_sunday_0100_utc(year, 3);
    let end = last_sunday_0100_utc(year, 10);
    if (start..end).contains(&unix) {
        7200
    } else {
        3600
    }
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

pub fn to_local(unix: i64) -> Local {
    let local = unix + amsterdam_offset(unix);
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    Local {
        year,
        month,
        day,
        hour: (secs / 3600) as u32,
        minute: ((secs % 3600) / 60) as u32,
    }
}

/// The Unix time of a local Amsterdam date and time. In the autumn hour that happens twice the
/// first (summer-time) one is taken; a time skipped in spring moves on by the hour.
pub fn from_local(l: Local) -> i64 {
    let naive =
        days_from_civil(l.year, l.month, l.day) * 86_400 + i64::from(l.hour * 3600 + l.minute * 60);
    let summer = naive - 7200;
    if amsterdam_offset(summer) == 7200 {
        summer
    } else {
        naive - 3600
    }
}

/// Parses "2026-12-03" and "14:30" as typed in date and time inputs.
pub fn parse_local(date: &str, time: &str) -> Option<Local> {
    let mut d = date.trim().splitn(3, '-');
    let year: i64 = d.next()?.parse().ok()?;
    let month: u32 = d.next()?.parse().ok()?;
    let day: u32 = d.next()?.parse().ok()?;
    let (h, m) = time.trim().split_once(':')?;
    let hour: u32 = h.parse().ok()?;
    let minute: u32 = m.get(..2).unwrap_or(m).parse().ok()?;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((2000..=2100).contains(&year)
        && (1..=days_in_month).contains(&day)
        && hour < 24
        && minute < 60)
        .then_some(Local {
            year,
            month,
            day,
            hour,
            minute,
        })
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
    fn summer_and_winter_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let l = |y, mo, d, h, mi| Local {
            year: y,
            month: mo,
            day: d,
            hour: h,
            minute: mi,
        };
        assert_eq!(from_local(l(2026, 12, 3, 14, 0)), 1_796_302_800); // 13:00 UTC
        assert_eq!(from_local(l(2026, 6, 18, 9, 30)), 1_781_767_800); // 07:30 UTC
        assert_eq!(to_local(1_796_302_800), l(2026, 12, 3, 14, 0));
        assert_eq!(amsterdam_offset(1_774_746_000 - 1), 3600); // 29-03-2026 00:59:59 UTC
        assert_eq!(amsterdam_offset(1_774_746_000), 7200); // 29-03-2026 01:00 UTC
        assert_eq!(amsterdam_offset(1_792_890_000 - 1), 7200); // 25-10-2026 00:59:59 UTC
        assert_eq!(amsterdam_offset(1_792_890_000), 3600);
        // The doubled autumn hour: 02:30 local is taken as summer time (00:30 UTC).
        assert_eq!(from_local(l(2026, 10, 25, 2, 30)), 1_792_888_200);
    }

    #[test]
    fn every_local_minute_round_trips_across_a_year() {
        let start = from_local(Local {
            year: 2027,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
        });
        let mut t = start;
        while t < start + 366 * 86_400 {
            let local = to_local(t);
            // Only the doubled autumn hour is ambiguous.
            if !(local.month == 10 && local.hour == 2) {
                assert_eq!(from_local(local), t, "{local:?}");
            }
            t += 1800;
        }
    }

    #[test]
    fn input_parsing() {
        assert_eq!(
            parse_local("2026-12-03", "14:30"),
            Some(Local {
                year: 2026,
                month: 12,
                day: 3,
                hour: 14,
                minute: 30
            })
        );
        assert_eq!(parse_local("2026-02-29", "10:00"), None);
        assert_eq!(parse_local("2028-02-29", "10:00").map(|l| l.day), Some(29));
        assert_eq!(parse_local("2026-12-03", "25:00"), None);
        assert_eq!(parse_local("gisteren", "10:00"), None);
        assert_eq!(
            parse_local("2026-12-03", "14:30:00").map(|l| l.minute),
            Some(30)
        );
    }
}
