//! Where a refused plain form post (no JavaScript) goes: back to the form's page with the
//! error's key and the field it concerns, which the page turns into a message in the reader's
//! language. Both ways a form is posted answer through here: server functions
//! ([`super::request::finish_form`]) and multipart handlers ([`super::multipart::respond`]).

use crate::error::AppError;
use crate::ui::encode_query;

/// `back` with `error=<key>`, `field=<field>` when the error names one, then `extra` pairs.
pub fn refused_location(back: &str, err: &AppError, extra: &[(&str, &str)]) -> String {
    let mut query = vec![format!("error={}", err.key().id())];
    if let AppError::Invalid { field: Some(f), .. } = err {
        query.push(format!("field={}", encode_query(f)));
    }
    for (name, value) in extra {
        query.push(format!("{name}={}", encode_query(value)));
    }
    let joiner = if back.contains('?') { '&' } else { '?' };
    format!("{back}{joiner}{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Key;

    #[test]
    fn the_location_names_the_error_and_its_field() {
        let err = AppError::field("name", Key::ErrEventSession);
        assert_eq!(
            refused_location("/events/new", &err, &[("form", "/api/x y")]),
            format!(
                "/events/new?error={}&field=name&form=%2Fapi%2Fx%20y",
                Key::ErrEventSession.id()
            )
        );
        let plain = refused_location("/staff?tab=2", &AppError::Forbidden, &[]);
        assert!(plain.starts_with("/staff?tab=2&error="), "{plain}");
        assert!(!plain.contains("field="));
    }
}
