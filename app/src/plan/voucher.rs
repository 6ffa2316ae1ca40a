//! Voucher accounting (pure): a consultant's budget on a guided plan, in half days, as the
//! programme counts them ("4 dagen", "2,5 dagen"). Stored as whole half days so no rounding
//! can make the sum of the logged entries differ from what the voucher shows.

use crate::i18n::Lang;

/// The programme's voucher when no period says otherwise: 4 days (the report's trajectory).
pub const DEFAULT_HALF_DAYS: u32 = 8;
/// Neither a voucher nor one log entry is larger than this (a whole trajectory was 10 days).
pub const MAX_HALF_DAYS: u32 = 60;

/// Reads days as people type them: `4`, `2,5`, `2.5`, `0,5`. Only whole and half days;
/// anything else (including zero and negative days) is `None`.
pub fn parse_days(typed: &str) -> Option<u32> {
    let typed = typed.trim().replace(',', ".");
    let (whole, fraction) = match typed.split_once('.') {
        Some((w, f)) => (w, f.trim_end_matches('0')),
        None => (typed.as_str(), ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else if whole.bytes().all(|b| b.is_ascii_digit()) && whole.len() <= 3 {
        whole.parse().ok()?
    } else {
        return None;
    };
    let half = match fraction {
        "" => 0,
        "5" => 1,
        _ => return None,
    };
    let halves = whole * 2 + half;
    (1..=MAX_HALF_DAYS).contains(&halves).then_some(halves)
}

/// Half days as a number of days in the reader's language: `4`, `2,5` (Dutch) or `2.5`.
pub fn format_days(half_days: u32, lang: Lang) -> String {
    let whole = half_days / 2;
    if half_days.is_multiple_of(2) {
        whole.to_string()
    } else {
        match lang {
            Lang::Nl => format!("{whole},5"),
            Lang::En => format!("{whole}.5"),
        }
    }
}

/// Whether `more` half days still fit in the voucher. The database applies the same rule in
/// its conditional update; this is for the message before anything is sent.
pub fn fits(used: u32, budget: u32, more: u32) -> bool {
    used.checked_add(more).is_some_and(|total| total <= budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_and_half_days_are_read_as_typed() {
        assert_eq!(parse_days("4"), Some(8));
        assert_eq!(parse_days(" 2,5 "), Some(5));
        assert_eq!(parse_days("2.5"), Some(5));
        assert_eq!(parse_days("0,5"), Some(1));
        assert_eq!(parse_days(",5"), Some(1));
        assert_eq!(parse_days("3,0"), Some(6));
        assert_eq!(parse_days("1,50"), Some(3));
    }

    #[test]
    fn anything_else_is_refused() {
        for typed in [
            "", "0", "0,0", "-1", "1,25", "1,3", "abc", "1e3", "30,5", "1 000", ",", "4 dagen",
        ] {
            assert_eq!(parse_days(typed), None, "{typed:?}");
        }
        assert_eq!(parse_days("30"), Some(MAX_HALF_DAYS));
    }

    #[test]
    fn days_are_written_in_the_readers_language() {
        assert_eq!(format_days(8, Lang::Nl), "4");
        assert_eq!(format_days(5, Lang::Nl), "2,5");
        assert_eq!(format_days(5, Lang::En), "2.5");
        assert_eq!(format_days(0, Lang::En), "0");
    }

    #[test]
    fn a_voucher_holds_exactly_its_budget() {
        assert!(fits(0, 8, 8));
        assert!(fits(7, 8, 1));
        assert!(!fits(7, 8, 2));
        assert!(!fits(8, 8, 1));
        assert!(!fits(u32::MAX, 8, 1), "no overflow");
    }
}
