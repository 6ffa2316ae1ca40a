//! A table for download, written as CSV (with the `csv` crate) or as an Excel workbook
//! (`web::xlsx`) from the same rows, so the two formats never disagree. Every staff
//! export and the participants list of an event go through here.

/// One cell: exports keep numbers as numbers, so a spreadsheet can compute with them.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl<T: Into<f64>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map(|n| Cell::Number(n.into())).unwrap_or(Cell::Empty)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Text a spreadsheet would run as a formula (it starts with = + - @, or with a tab or
/// carriage return that some spreadsheets skip before looking) gets a leading apostrophe, so
/// a name typed as `=HYPERLINK(…)` stays text in the staff member's Excel.
pub fn neutralised(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The start of a CSV file: the byte-order mark (so Excel shows accents) and the header line.
pub fn csv_head(headers: &[String]) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    out.extend(csv_lines(std::iter::once(
        headers.iter().map(|h| neutralised(h)).collect(),
    )));
    out
}

/// Rows as CSV lines (comma-separated, CRLF, quoted where needed): a whole file after
/// [`csv_head`], or the next part of one that is streamed.
pub fn csv_rows(rows: &[Vec<Cell>]) -> Vec<u8> {
    csv_lines(rows.iter().map(|row| {
        row.iter()
            .map(|c| match c {
                Cell::Text(t) => neutralised(t),
                Cell::Number(n) => number_text(*n).into(),
                Cell::Empty => "".into(),
            })
            .collect()
    }))
}

fn csv_lines<'a>(lines: impl Iterator<Item = Vec<std::borrow::Cow<'a, str>>>) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail but for a bug; a row the writer refuses is logged and
    // left out rather than sending half a file.
    for cells in lines {
        if let Err(e) = out.write_record(cells.iter().map(|c| c.as_bytes())) {
            tracing::error!(error = %e, "csv row could not be written");
        }
    }
    match out.into_inner() {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e.error(), "csv could not be finished");
            e.into_inner().get_ref().clone()
        }
    }
}

impl Table {
    /// UTF-8 with a byte-order mark (so Excel shows accents), comma-separated, CRLF lines,
    /// quoted where needed.
    pub fn to_csv(&self) -> String {
        let mut bytes = csv_head(&self.headers);
        bytes.extend(csv_rows(&self.rows));
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let t = Table {
            headers: vec!["a".into(), "b".into(), "c".into()],
            rows: vec![vec![
                text("=HYPERLINK(\"x\")"),
                Cell::Number(42.0),
                Cell::Empty,
            ]],
        };
        assert_eq!(
            t.to_csv(),
            "\u{feff}a,b,c\r\n\"'=HYPERLINK(\"\"x\"\")\",42,\r\n"
        );
        assert_eq!(number_text(61.5), "61.5");
    }

    #[test]
    fn every_formula_prefix_is_neutralised_and_the_file_reads_back() {
        let typed = [
            "Jansen, Metaal",
            "plain",
            "+31 50 123",
            "-1",
            "@SUM(A1)",
            "\tcmd",
            "\rcmd",
            "line\nbreak",
        ];
        let t = Table {
            headers: vec!["v".into()],
            rows: typed.iter().map(|s| vec![text(s)]).collect(),
        };
        let csv_text = t.to_csv();
        let mut reader =
            csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let read: Vec<String> = reader
            .records()
            .map(|r| r.expect("a valid record")[0].to_string())
            .collect();
        let expected: Vec<String> = typed.iter().map(|s| neutralised(s).into_owned()).collect();
        assert_eq!(read, expected);
        assert_eq!(expected[0], "Jansen, Metaal");
        assert!(expected[2..7].iter().all(|v| v.starts_with('\'')));
    }
}
