//! A table for download, written as CSV (with the `csv` crate) or as an Excel workbook (with
//! `rust_xlsxwriter`) from the same rows, so the two formats never disagree. Every staff
//! export and the participants list of an event go through here.

use crate::error::AppError;

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

/// The most data rows one Excel sheet holds (1,048,576 rows, one of them the header).
pub const XLSX_MAX_ROWS: u32 = 1_048_575;

/// An Excel workbook of one sheet (a bold frozen header row, an autofilter) written row by
/// row: `rust_xlsxwriter`'s constant-memory worksheet keeps only the current row in memory and
/// the rest in a temporary file, so an export of any size takes the same memory. The workbook
/// itself is a zip archive whose directory comes last, so it can only be sent once complete
/// ([`XlsxSheet::into_file`] writes it to a temporary file of known length, which the browser
/// shows as progress).
pub struct XlsxSheet {
    book: rust_xlsxwriter::Workbook,
    rows: u32,
    columns: u16,
}

fn xlsx_failed(e: rust_xlsxwriter::XlsxError) -> AppError {
    tracing::error!(error = %e, "xlsx export failed");
    AppError::Internal
}

impl XlsxSheet {
    /// A workbook with the bold, frozen header row.
    pub fn new(sheet: &str, headers: &[String]) -> Result<XlsxSheet, AppError> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let ws = book
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_failed)?;
        ws.set_name(sheet).map_err(xlsx_failed)?;
        let bold = Format::new().set_bold();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(xlsx_failed)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_failed)?;
        Ok(XlsxSheet {
            book,
            rows: 0,
            columns: headers.len() as u16,
        })
    }

    /// Writes `rows` below the ones written before. More rows than a sheet holds is
    /// [`AppError::invalid`] with `ErrExportTooLargeForExcel`: the CSV has no such limit.
    pub fn append(&mut self, rows: &[Vec<Cell>]) -> Result<(), AppError> {
        if self.rows as usize + rows.len() > XLSX_MAX_ROWS as usize {
            return Err(AppError::invalid(
                crate::i18n::Key::ErrExportTooLargeForExcel,
            ));
        }
        let ws = self.book.worksheet_from_index(0).map_err(xlsx_failed)?;
        for row in rows {
            self.rows += 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(t) => {
                        ws.write_string(self.rows, c, t).map_err(xlsx_failed)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(self.rows, c, *n).map_err(xlsx_failed)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        Ok(())
    }

    /// The finished workbook, with the autofilter over every row written, in a temporary file
    /// that is already unlinked (it goes when the returned handle is dropped), read from its
    /// start.
    pub fn into_file(mut self) -> Result<std::fs::File, AppError> {
        use std::io::{Seek, SeekFrom};
        if self.columns > 0 {
            let ws = self.book.worksheet_from_index(0).map_err(xlsx_failed)?;
            ws.autofilter(0, 0, self.rows, self.columns - 1)
                .map_err(xlsx_failed)?;
        }
        let io_failed = |e: std::io::Error| {
            tracing::error!(error = %e, "xlsx temporary file failed");
            AppError::Internal
        };
        let mut file = tempfile::tempfile().map_err(io_failed)?;
        self.book
            .save_to_writer(std::io::BufWriter::new(&mut file))
            .map_err(xlsx_failed)?;
        file.seek(SeekFrom::Start(0)).map_err(io_failed)?;
        Ok(file)
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

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let t = Table {
            headers: vec!["n".into()],
            rows: vec![vec![Cell::Number(1.0)]],
        };
        let mut sheet = XlsxSheet::new("assessments", &t.headers).expect("sheet");
        sheet.append(&t.rows).expect("rows");
        assert_eq!(&read_all(sheet)[..2], b"PK");
    }

    /// The finished workbook's bytes, read back from its file.
    fn read_all(sheet: XlsxSheet) -> Vec<u8> {
        use std::io::Read;
        let mut bytes = Vec::new();
        sheet
            .into_file()
            .expect("file")
            .read_to_end(&mut bytes)
            .expect("read");
        bytes
    }

    #[test]
    fn a_workbook_written_in_batches_is_the_workbook_written_at_once() {
        let headers = vec!["n".to_string(), "name".to_string()];
        let rows: Vec<Vec<Cell>> = (0..2500)
            .map(|i| vec![Cell::Number(f64::from(i)), text(&format!("bedrijf {i}"))])
            .collect();
        // The same moment of writing in both (the workbook records it).
        let sheet = || {
            let mut sheet = XlsxSheet::new("assessments", &headers).expect("sheet");
            let at = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 12, 5).expect("date");
            sheet
                .book
                .set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&at));
            sheet
        };
        let mut batched = sheet();
        for batch in rows.chunks(1000) {
            batched.append(batch).expect("batch");
        }
        let batched = read_all(batched);
        let mut whole = sheet();
        whole.append(&rows).expect("rows");
        let whole = read_all(whole);
        assert_eq!(&batched[..2], b"PK");
        assert!(batched.len() > 10_000, "{} bytes", batched.len());
        assert!(
            batched == whole,
            "the batched workbook differs from the whole one"
        );
    }

    #[test]
    fn more_rows_than_a_sheet_holds_are_refused_with_a_reason() {
        let mut sheet = XlsxSheet::new("answers", &["n".to_string()]).expect("sheet");
        sheet.rows = XLSX_MAX_ROWS - 1;
        let two = vec![vec![Cell::Number(1.0)], vec![Cell::Number(2.0)]];
        assert_eq!(
            sheet.append(&two),
            Err(AppError::invalid(
                crate::i18n::Key::ErrExportTooLargeForExcel
            ))
        );
        assert!(sheet.append(&two[..1]).is_ok(), "the last row fits");
    }
}
