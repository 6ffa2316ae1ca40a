//! The calendar file (iCalendar, RFC 5545) sent with a confirmation: one VEVENT per session,
//! in Europe/Amsterdam time with its VTIMEZONE, CRLF line ends, escaped text and lines folded
//! at 75 octets.

use super::model::Session;
use crate::time::to_local;

pub struct CalendarEvent<'a> {
    /// Stable per event and session, so a second file updates the same calendar entry.
    pub uid_prefix: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub url: &'a str,
    pub sessions: &'a [Session],
    /// Unix time the file is made (DTSTAMP).
    pub stamp: i64,
    /// CANCEL for a cancelled event, so calendars remove it.
    pub cancelled: bool,
}

const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// TEXT value escaping (RFC 5545 3.3.11).
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no line is longer than 75 octets, never inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

fn utc_stamp(unix: i64) -> String {
    crate::time::ical_utc(unix)
}

pub fn calendar(e: &CalendarEvent<'_>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Smart Industry Hub Noord-Nederland//Events//NL".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", if e.cancelled { "CANCEL" } else { "PUBLISH" }),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    for (i, s) in e.sessions.iter().enumerate() {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}-{}", e.uid_prefix, i + 1));
        lines.push(format!("DTSTAMP:{}", utc_stamp(e.stamp)));
        lines.push(format!(
            "DTSTART;TZID=Europe/Amsterdam:{}",
            to_local(s.starts_at).ical()
        ));
        lines.push(format!(
            "DTEND;TZID=Europe/Amsterdam:{}",
            to_local(s.ends_at).ical()
        ));
        lines.push(format!("SUMMARY:{}", escape(e.title)));
        if !e.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(e.location)));
        }
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(e.description)));
        }
        if !e.url.is_empty() {
            lines.push(format!("URL:{}", e.url));
        }
        if e.cancelled {
            lines.push("STATUS:CANCELLED".into());
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        let sessions = [
            // 3 December 2026 14:00-17:00 CET, 18 June 2027 09:30-12:00 CEST.
            Session {
                starts_at: 1_796_302_800,
                ends_at: 1_796_313_600,
            },
            Session {
                starts_at: 1_813_303_800,
                ends_at: 1_813_312_800,
            },
        ];
        calendar(&CalendarEvent {
            uid_prefix: "event-7@hub.test",
            title: "Masterclass data, deel 1; OEE",
            description: "Neem uw eigen cijfers mee.\nLocatie: zaal 2",
            location: "Zernike Campus, Groningen",
            url: "https://hub.test/events/masterclass-data",
            sessions: &sessions,
            stamp: 1_795_651_200,
            cancelled: false,
        })
    }

    #[test]
    fn lines_end_in_crlf_and_are_at_most_75_octets() {
        let ics = sample();
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
    }

    #[test]
    fn times_are_local_amsterdam_with_the_time_zone_defined() {
        let ics = sample();
        assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20261203T140000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Amsterdam:20261203T170000\r\n"));
        assert!(
            ics.contains("DTSTART;TZID=Europe/Amsterdam:20270618T093000\r\n"),
            "{ics}"
        );
        assert!(ics.contains("TZID:Europe/Amsterdam\r\n"));
        assert!(ics.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
        assert!(ics.contains("DTSTAMP:20261126T000000Z"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert!(ics.contains("UID:event-7@hub.test-2\r\n"));
        // Every BEGIN has its END.
        for part in ["VCALENDAR", "VTIMEZONE", "VEVENT", "DAYLIGHT", "STANDARD"] {
            assert_eq!(
                ics.matches(&format!("BEGIN:{part}")).count(),
                ics.matches(&format!("END:{part}")).count()
            );
        }
    }

    #[test]
    fn text_is_escaped() {
        let ics = sample();
        assert!(ics.contains("SUMMARY:Masterclass data\\, deel 1\\; OEE"));
        assert!(ics.contains("DESCRIPTION:Neem uw eigen cijfers mee.\\nLocatie: zaal 2"));
        assert_eq!(escape("a\\b"), "a\\\\b");
    }

    #[test]
    fn folding_keeps_characters_whole() {
        let long = format!("DESCRIPTION:{}", "één ".repeat(40));
        let folded = fold(&long);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }
}
