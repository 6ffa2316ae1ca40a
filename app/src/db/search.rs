//! Full-text search in the directory's published profiles (server only), with what each
//! database offers (migration 21): PostgreSQL's `tsvector` under the Dutch and the English
//! configuration, SQLite's FTS5 with the Porter stemmer. A typed word matches a profile when
//! one of its forms does ("machines" finds "machine", "bedrijven" finds "bedrijf" on
//! PostgreSQL) or when it appears inside a longer word: Dutch glues words together
//! ("procesautomatisering"), and stemming alone would not find "automatisering" there.

use sea_orm::sea_query::{Condition, Expr};
use sea_orm::DbBackend;

/// Words of a query that are searched for (more narrow nothing down that eight do not).
pub const MAX_WORDS: usize = 8;

/// The runs of letters and digits in a typed word, lower-cased: what a full-text query is
/// built from, so nothing a visitor types reaches the query syntax ("ISO-9001" → iso, 9001).
pub fn terms(word: &str) -> Vec<String> {
    word.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(4)
        .map(str::to_lowercase)
        .collect()
}

/// The full-text query for `terms`: every term, each also as the start of a longer word.
fn fts_query(backend: DbBackend, terms: &[String]) -> String {
    match backend {
        DbBackend::Postgres => terms
            .iter()
            .map(|t| format!("'{t}':*"))
            .collect::<Vec<_>>()
            .join(" & "),
        _ => terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" AND "),
    }
}

/// The condition that a profile's published text holds `word`: in one of its forms through
/// the full-text index, or as it was typed anywhere in the text.
pub fn profile_holds(backend: DbBackend, word: &str) -> Condition {
    use crate::db::entities::provider_profile::Column;
    let anywhere = Condition::any().add(crate::db::column_contains(Column::SearchText, word));
    let terms = terms(word);
    if terms.is_empty() {
        return anywhere;
    }
    let query = fts_query(backend, &terms);
    let full_text = match backend {
        // sea-query numbers the placeholders of a custom expression for PostgreSQL only when
        // they are written `$n` (a `?` would reach the database as it is).
        DbBackend::Postgres => Expr::cust_with_values(
            "search_vector @@ (to_tsquery('dutch', $1) || to_tsquery('english', $1))",
            [query],
        ),
        _ => Expr::cust_with_values(
            "id IN (SELECT rowid FROM provider_search WHERE provider_search MATCH ?)",
            [query],
        ),
    };
    anywhere.add(full_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_letters_and_digits_only() {
        assert_eq!(terms("ISO-9001"), vec!["iso", "9001"]);
        assert_eq!(terms("Machines"), vec!["machines"]);
        assert_eq!(terms("'; DROP\"*:&|!"), vec!["drop"]);
        assert_eq!(terms("“—”"), Vec::<String>::new());
        assert_eq!(terms("Überprüfung"), vec!["überprüfung"]);
    }

    #[test]
    fn every_term_is_required_and_may_start_a_longer_word() {
        let t = terms("3D-print");
        assert_eq!(fts_query(DbBackend::Postgres, &t), "'3d':* & 'print':*");
        assert_eq!(fts_query(DbBackend::Sqlite, &t), "\"3d\"* AND \"print\"*");
    }
}
