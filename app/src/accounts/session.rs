//! Session rules shared by browser and server: how long a session lives per role, and how a
//! browser is named in the "your sessions" list.

use super::model::Role;
use serde::{Deserialize, Serialize};

/// How long a session may go unused, and how long it may live at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetime {
    pub idle_secs: i64,
    pub absolute_secs: i64,
}

impl Role {
    /// Staff and admins can see every company's data and change accounts: their sessions end
    /// after half an hour unused and after a working day at most. Companies, providers and
    /// consultants come back to an assessment or profile over days, so theirs last longer.
    pub fn session_lifetime(self) -> Lifetime {
        if self.is_staff() {
            Lifetime {
                idle_secs: 30 * 60,
                absolute_secs: 12 * 3600,
            }
        } else {
            Lifetime {
                idle_secs: 7 * 86_400,
                absolute_secs: 30 * 86_400,
            }
        }
    }
}

/// How often the last-seen time is written: often enough for a 30-minute idle timeout, rarely
/// enough that reading pages does not turn into a write per request.
pub const TOUCH_EVERY_SECS: i64 = 60;

/// Whether a session is over at `at`: unused for longer than the idle time, or past its end.
pub fn is_over(lifetime: Lifetime, last_seen_at: i64, expires_at: i64, at: i64) -> bool {
    at >= expires_at || at - last_seen_at > lifetime.idle_secs
}

/// One session as its owner sees it in the list on the account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The stored hash of the session's secret (never the secret): names the row to end.
    pub id: String,
    pub device: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub current: bool,
}

/// "Firefox · Windows" from a `User-Agent` header, enough for someone to recognise their own
/// devices. Written by hand: a full parser crate (with its regex database) would be most of
/// the server's size for a label; the few names below cover what people use.
pub fn describe_user_agent(ua: &str) -> String {
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") || ua.contains("Opera") {
        "Opera"
    } else if ua.contains("Firefox/") || ua.contains("FxiOS") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("CriOS") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        ""
    };
    let system = if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Android") {
        "Android"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("CrOS") {
        "ChromeOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        ""
    };
    match (browser, system) {
        ("", "") => String::new(),
        (b, "") => b.to_string(),
        ("", s) => s.to_string(),
        (b, s) => format!("{b} · {s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_sessions_are_short_and_others_long() {
        let staff = Role::Admin.session_lifetime();
        assert_eq!(staff.idle_secs, 1800);
        assert_eq!(staff.absolute_secs, 43_200);
        assert!(Role::CompanyMember.session_lifetime().absolute_secs > staff.absolute_secs);
        // Idle for 31 minutes: over; 29: still live.
        assert!(is_over(staff, 0, 43_200, 31 * 60));
        assert!(!is_over(staff, 0, 43_200, 29 * 60));
        assert!(
            is_over(staff, 43_100, 43_200, 43_200),
            "the absolute end holds"
        );
    }

    #[test]
    fn browsers_are_named_as_people_know_them() {
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(describe_user_agent(firefox), "Firefox · Windows");
        let chrome_android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(describe_user_agent(chrome_android), "Chrome · Android");
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_user_agent(safari_iphone), "Safari · iOS");
        let edge = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0";
        assert_eq!(describe_user_agent(edge), "Edge · Windows");
        assert_eq!(describe_user_agent("curl/8.5"), "");
    }
}
