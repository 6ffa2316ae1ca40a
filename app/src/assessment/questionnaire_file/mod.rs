//! A questionnaire as an open file: TOML, read with serde and written back in the same layout,
//! so the programme's successors can read, change and extend the questionnaires without a
//! developer. The format is described for editors in `docs/questionnaire-format.md`.
//!
//! Reading checks the whole file and reports every problem it finds with its line and column
//! ([`Problem`]), in the reader's language: staff see them all at once when an upload is
//! refused, and a broken shipped file stops start-up with the same list. Only what TOML itself
//! cannot read (a syntax error, a field of the wrong type, an unknown field) stops reading at
//! the first problem: everything after it has no meaning yet.

use crate::i18n::{Key, Lang};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod check;
#[cfg(feature = "ssr")]
mod conditions;
#[cfg(feature = "ssr")]
mod kinds;
#[cfg(all(test, feature = "ssr"))]
mod kinds_tests;
#[cfg(feature = "ssr")]
mod shape;
#[cfg(all(test, feature = "ssr"))]
mod tests;
#[cfg(feature = "ssr")]
mod write;

#[cfg(feature = "ssr")]
pub use check::parse;
#[cfg(feature = "ssr")]
pub use write::to_toml;

/// The largest file staff may upload: the shipped questionnaires are about 70 KB each.
pub const MAX_FILE_BYTES: usize = 512 * 1024;
/// A Smart Factory transition asks 3 to 6 questions; the EU DMA asks one or two per dimension.
pub const MIN_ITEMS_PER_TRANSITION: usize = 3;
pub const MIN_ITEMS_PER_DMA_DIMENSION: usize = 1;
pub const MAX_ITEMS_PER_TRANSITION: usize = 6;
/// How many problems a refusal lists before it says how many more there are.
pub const MAX_PROBLEMS: usize = 100;
/// The longest text (the same limit as the questionnaire editor's fields).
pub const MAX_TEXT: usize = 3000;

/// The staff page that uploads a file, and the form's target.
pub const IMPORT_PAGE: &str = "/staff/questionnaires/import";
pub const UPLOAD_PATH: &str = "/staff/questionnaires/upload";

/// Where staff download a version as its file: `/staff/questionnaires/files/process-v4.toml`.
pub fn download_path(variant: crate::assessment::model::Variant, version: i32) -> String {
    format!(
        "/staff/questionnaires/files/{}-v{version}.toml",
        variant.code()
    )
}

/// One thing wrong with a questionnaire file: where (1-based line and column) and what, as a
/// message key with its values, so the page shows it in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub key: Key,
    pub values: Vec<(String, String)>,
}

impl Problem {
    pub fn new(at: (usize, usize), key: Key, values: &[(&str, &str)]) -> Problem {
        Problem {
            line: at.0,
            column: at.1,
            key,
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// "line 12, column 5: …" in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let values: Vec<(&str, &str)> = self
            .values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let line = self.line.to_string();
        let column = self.column.to_string();
        let place = lang.fill(
            Key::QfPlace,
            &[("line", line.as_str()), ("column", column.as_str())],
        );
        format!("{place}: {}", lang.fill(self.key, &values))
    }
}

/// Every problem of one file, for the server log at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblems {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl std::fmt::Display for FileProblems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", self.file, p.message(Lang::En))?;
        }
        Ok(())
    }
}

impl std::error::Error for FileProblems {}

/// The 1-based line and column of byte `offset` in `source` (columns count characters).
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    Lines::new(source).at(offset)
}

/// Where each line of a file starts, found once: a file's every question and key asks for its
/// place, and scanning from the top each time made reading a 500-question file quadratic.
pub struct Lines<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(source: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { source, starts }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn at(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self
            .source
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line, column + 1)
    }
}

#[cfg(test)]
mod place_tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns_counted_in_characters() {
        let source = "a = 1\nbé = 2\n";
        assert_eq!(line_column(source, 0), (1, 1));
        assert_eq!(line_column(source, 6), (2, 1));
        // "bé " is four bytes but three characters.
        assert_eq!(line_column(source, 10), (2, 4));
        assert_eq!(line_column(source, 999), (3, 1));
    }

    #[test]
    fn a_problem_reads_in_either_language() {
        let p = Problem::new((3, 7), Key::QfDuplicateKey, &[("key", "a"), ("first", "2")]);
        assert!(
            p.message(Lang::En).starts_with("Line 3, column 7: "),
            "{}",
            p.message(Lang::En)
        );
        assert!(
            p.message(Lang::Nl).starts_with("Regel 3, kolom 7: "),
            "{}",
            p.message(Lang::Nl)
        );
        assert!(p.message(Lang::En).contains("`a`"));
    }
}
