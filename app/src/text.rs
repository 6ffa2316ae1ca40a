//! What the platform accepts as typed text, in one place: the request gate (server), the
//! multipart forms and the name rules use it.
//!
//! Refused everywhere: control characters other than tab and line breaks (a BEL or ESC in a
//! comment ends up in exports and terminals), and the bidirectional overrides and isolates
//! that make text display in another order than it is stored (a U+202E before "gpj.exe" shows "exe.jpg"). Refused in
//! names and organisations too: zero-width and direction marks, with which two names that
//! look the same are different ("Anna" and "An\u{200B}na"), the stuff of impersonation.

/// A character no text field accepts.
pub fn is_refused(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether every character of `text` is acceptable in a text field.
pub fn is_acceptable(text: &str) -> bool {
    !text.chars().any(is_refused)
}

/// Characters that show nothing (or only change direction): refused in names.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}'
        | '\u{feff}')
}

/// A person's or organisation's name: trimmed, `min..=max` characters, on one line, with
/// nothing invisible in it. `None` when it breaks a rule (the caller names the field).
pub fn name(input: &str, min: usize, max: usize) -> Option<String> {
    let name = input.trim();
    let count = name.chars().count();
    let clean = !name
        .chars()
        .any(|c| c.is_control() || is_refused(c) || is_invisible(c));
    (clean && (min..=max).contains(&count)).then(|| name.to_string())
}

/// One line of `min..=max` characters (a title, a pitch): no line break or other control
/// character, no direction override.
pub fn is_single_line(value: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&value.chars().count())
        && !value.chars().any(|c| c.is_control() || is_refused(c))
}

/// Why a multi-line text was refused, so a form can name the rule the person broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooShort,
    TooLong,
    /// A control character other than tab and line feed, or a direction override.
    Invalid,
}

/// `min..=max` characters that may span lines (a description, a programme): no control
/// character but tab and line feed, no direction override. Callers turn `\r\n` into `\n`
/// first.
pub fn check_multi_line(value: &str, min: usize, max: usize) -> Result<(), Refusal> {
    let count = value.chars().count();
    if count < min {
        Err(Refusal::TooShort)
    } else if count > max {
        Err(Refusal::TooLong)
    } else if value
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_refused(c))
    {
        Err(Refusal::Invalid)
    } else {
        Ok(())
    }
}

/// Whether [`check_multi_line`] accepts `value`.
pub fn is_multi_line(value: &str, min: usize, max: usize) -> bool {
    check_multi_line(value, min, max).is_ok()
}

/// A posted multi-line text of `min` to `max` characters, with Windows line ends made plain;
/// refused as `key` on `field` otherwise.
pub fn multi_line_field(
    value: &str,
    field: &str,
    min: usize,
    max: usize,
    key: crate::i18n::Key,
) -> Result<String, crate::error::AppError> {
    let value = value.replace("\r\n", "\n");
    if is_multi_line(&value, min, max) {
        Ok(value)
    } else {
        Err(crate::error::AppError::field(field, key))
    }
}

/// The first value posted under `name` in a form's fields, trimmed ("" when absent).
pub fn posted<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or_default()
}

/// Every non-empty value posted under `name` (ticked checkboxes), in form order.
pub fn posted_all<'a>(fields: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_multi_line_texts() {
        assert!(is_single_line("Workshop OEE", 3, 200));
        assert!(!is_single_line("Workshop\nOEE", 3, 200), "no line break");
        assert!(!is_single_line("OE", 3, 200), "too short");
        assert!(is_multi_line("Ochtend\n\tMiddag", 0, 100));
        assert!(!is_multi_line("a\rb", 0, 100), "a lone carriage return");
        assert!(!is_multi_line("a\u{1b}[31m", 0, 100), "an escape sequence");
        assert!(!is_multi_line(&"x".repeat(101), 0, 100), "too long");
        assert!(
            !is_multi_line("gpj\u{202e}exe", 0, 100),
            "a direction override"
        );
        assert!(
            !is_single_line("\u{2066}Workshop", 0, 100),
            "a direction isolate"
        );
        assert!(
            is_multi_line("é".repeat(100).as_str(), 0, 100),
            "counts characters, not bytes"
        );
    }

    #[test]
    fn ordinary_text_with_line_breaks_and_accents_passes() {
        assert!(is_acceptable(
            "Beste Anna,\r\n\tdit is één opmerking – €5 😀"
        ));
        assert!(
            is_acceptable("مرحبا"),
            "right-to-left script itself is fine"
        );
    }

    #[test]
    fn a_refused_multi_line_text_names_the_rule_it_broke() {
        assert_eq!(check_multi_line("", 1, 5), Err(Refusal::TooShort));
        assert_eq!(check_multi_line("zes ch", 1, 5), Err(Refusal::TooLong));
        // Too long wins over a bad character: the person shortens first, then sees the rest.
        assert_eq!(
            check_multi_line("a\u{202e}bcdef", 1, 5),
            Err(Refusal::TooLong)
        );
        assert_eq!(check_multi_line("a\u{7}b", 1, 5), Err(Refusal::Invalid));
        assert_eq!(check_multi_line("a\nb\tc", 1, 5), Ok(()));
    }

    #[test]
    fn controls_and_direction_overrides_are_refused() {
        for bad in [
            "a\u{7}b",
            "\u{1b}[31m",
            "x\u{7f}",
            "\u{85}",
            "gpj\u{202e}exe",
            "\u{2066}x",
        ] {
            assert!(!is_acceptable(bad), "{bad:?}");
        }
    }

    #[test]
    fn names_refuse_invisible_characters_and_keep_length_rules() {
        assert_eq!(
            name("  Anna de Vries ", 1, 120).as_deref(),
            Some("Anna de Vries")
        );
        assert_eq!(name("An\u{200b}na", 1, 120), None);
        assert_eq!(name("Anna\u{200f}", 1, 120), None);
        assert_eq!(name("A\nB", 1, 120), None);
        assert_eq!(name("", 1, 120), None);
        assert_eq!(name("A", 2, 120), None);
        assert_eq!(name(&"x".repeat(121), 1, 120), None);
        assert_eq!(
            name("Zoë Ñúñez-Ødegård", 2, 120).as_deref(),
            Some("Zoë Ñúñez-Ødegård")
        );
    }
}
