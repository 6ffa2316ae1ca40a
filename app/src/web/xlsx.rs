//! An Excel workbook of one sheet (a bold, frozen header row and an autofilter) written as its
//! rows come, so a large export starts downloading at once and memory holds one batch of
//! rows whatever the size of the file.
//!
//! Why not `rust_xlsxwriter` (used until 2026-12-05): it assembles the archive only when the
//! workbook is complete (its constant-memory sheet waits in a temporary file until `save`),
//! so the download of a large export could not start before the whole workbook was written:
//! about a minute at a million assessments. A zip archive can be written front to back
//! (each part followed by its sizes, the directory last), and the `zip` crate does that; what
//! is written here is the little SpreadsheetML a sheet of text and numbers needs (ECMA-376):
//! the sheet first, as it is read, then the parts that describe it, once the number of rows
//! is known (the autofilter covers them).

use super::table::Cell;
use crate::error::AppError;
use crate::i18n::Key;
use std::io::Write;
use std::sync::{Arc, Mutex};
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::ZipWriter;

/// The most data rows one Excel sheet holds (1,048,576 rows, one of them the header).
pub const XLSX_MAX_ROWS: u32 = 1_048_575;

/// What the workbook has written since it was last asked: the next part of the download.
#[derive(Clone, Default)]
pub struct Output(Arc<Mutex<Vec<u8>>>);

impl Output {
    /// The bytes written since the last call.
    pub fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = self
            .0
            .lock()
            .map_err(|_| std::io::Error::other("xlsx output poisoned"))?;
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct XlsxStream {
    zip: ZipWriter<StreamWriter<Output>>,
    output: Output,
    sheet: String,
    columns: usize,
    /// Data rows written (the header is row 1, the first data row 2).
    rows: u32,
    /// One row's XML, reused.
    line: String,
}

fn failed(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "xlsx export failed");
    AppError::Internal
}

fn part_options() -> SimpleFileOptions {
    // The parts' dates are the zip format's zero (1980-01-01): Excel shows none of them, and
    // the same rows always make the same file.
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
}

impl XlsxStream {
    /// A workbook whose sheet `sheet` starts with `headers`, in bold, frozen when scrolling.
    pub fn new(sheet: &str, headers: &[String]) -> Result<XlsxStream, AppError> {
        let output = Output::default();
        let mut zip = ZipWriter::new_stream(output.clone());
        zip.start_file("xl/worksheets/sheet1.xml", part_options())
            .map_err(failed)?;
        let mut book = XlsxStream {
            zip,
            output,
            sheet: sheet.to_string(),
            columns: headers.len(),
            rows: 0,
            line: String::new(),
        };
        book.write(SHEET_START)?;
        book.line.clear();
        book.line.push_str("<row r=\"1\">");
        for (c, h) in headers.iter().enumerate() {
            push_text(&mut book.line, c, 1, h, Some(BOLD));
        }
        book.line.push_str("</row>");
        book.write_line()?;
        Ok(book)
    }

    /// Writes `rows` below the ones written before. More rows than a sheet holds is
    /// [`AppError::invalid`] with `ErrExportTooLargeForExcel` (the CSV has no such limit;
    /// callers count first, so this only guards the format).
    pub fn append(&mut self, rows: &[Vec<Cell>]) -> Result<(), AppError> {
        if self.rows as usize + rows.len() > XLSX_MAX_ROWS as usize {
            return Err(AppError::invalid(Key::ErrExportTooLargeForExcel));
        }
        use std::fmt::Write as _;
        for row in rows {
            self.rows += 1;
            let r = self.rows + 1;
            self.line.clear();
            let _ = write!(self.line, "<row r=\"{r}\">");
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(t) => push_text(&mut self.line, c, r, t, None),
                    Cell::Number(n) if n.is_finite() => {
                        let _ = write!(self.line, "<c r=\"{}{r}\"><v>{n}</v></c>", column_name(c));
                    }
                    Cell::Number(_) | Cell::Empty => {}
                }
            }
            self.line.push_str("</row>");
            self.write_line()?;
        }
        Ok(())
    }

    /// What was written since the last call, compressed so far: the rows appended are in it
    /// (the compressor is flushed), so what a browser has received is the file up to there.
    pub fn take(&mut self) -> Result<Vec<u8>, AppError> {
        self.zip.flush().map_err(failed)?;
        Ok(self.output.take())
    }

    /// Ends the sheet and writes the parts that describe it: the last bytes of the file.
    pub fn finish(mut self) -> Result<Vec<u8>, AppError> {
        let last_column = column_name(self.columns.max(1) - 1);
        let last_row = self.rows + 1;
        let range = format!("A1:{last_column}{last_row}");
        self.write(&format!(
            "</sheetData><autoFilter ref=\"{range}\"/>\
             <pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>\
             </worksheet>"
        ))?;
        let name = escaped(&self.sheet);
        let quoted = escaped(&self.sheet.replace('\'', "''"));
        let workbook = format!(
            "{XML}<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><bookViews><workbookView/></bookViews>\
             <sheets><sheet name=\"{name}\" sheetId=\"1\" r:id=\"rId1\"/></sheets>\
             <definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">\
             '{quoted}'!$A$1:${last_column}${last_row}</definedName></definedNames></workbook>"
        );
        for (path, content) in [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", ROOT_RELS.to_string()),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_string()),
            ("xl/styles.xml", STYLES.to_string()),
        ] {
            self.zip.start_file(path, part_options()).map_err(failed)?;
            self.write(&content)?;
        }
        self.zip.finish().map_err(failed)?;
        Ok(self.output.take())
    }

    fn write(&mut self, text: &str) -> Result<(), AppError> {
        self.zip.write_all(text.as_bytes()).map_err(failed)
    }

    fn write_line(&mut self) -> Result<(), AppError> {
        self.zip.write_all(self.line.as_bytes()).map_err(failed)
    }
}

/// The style of the header's cells in `styles.xml` (index 1: the bold font).
const BOLD: u8 = 1;

/// A text cell, kept as text (an inline string: no shared-string table to hold in memory,
/// and a value starting with `=` is never a formula). Written straight into the row's line:
/// this runs for every cell of a million-row export.
fn push_text(line: &mut String, column: usize, row: u32, text: &str, style: Option<u8>) {
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = write!(line, "<c r=\"{}{row}\"", column_name(column));
    if let Some(style) = style {
        let _ = write!(line, " s=\"{style}\"");
    }
    line.push_str(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    push_escaped(line, text);
    line.push_str("</t></is></c>");
}

/// Excel's name of the column at `index` (0 → A, 25 → Z, 26 → AA).
fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        name.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// `text` as XML character data: the markup characters escaped, and the control characters
/// XML 1.0 does not allow left out (Excel would refuse the file).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// [`escaped`], appended to `out`.
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The sheet up to its first row: the header row frozen (the pane below it scrolls).
const SHEET_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">\
<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>\
<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight=\"15\"/><sheetData>";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
</Relationships>";

const WORKBOOK_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

/// Two cell formats: the default, and bold (the header).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    /// A workbook of `rows` written in batches of `batch`, as the bytes a download receives.
    fn workbook(headers: &[&str], rows: &[Vec<Cell>], batch: usize) -> Vec<u8> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let mut book = XlsxStream::new("assessments", &headers).expect("sheet");
        let mut bytes = book.take().expect("head");
        for part in rows.chunks(batch) {
            book.append(part).expect("rows");
            bytes.extend(book.take().expect("part"));
        }
        bytes.extend(book.finish().expect("end"));
        bytes
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("an archive");
        let mut text = String::new();
        archive
            .by_name(name)
            .expect(name)
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    }

    #[test]
    fn the_sheet_holds_every_row_as_text_or_number_with_a_bold_frozen_header() {
        let rows = vec![
            vec![
                Cell::Number(7.0),
                text("Metaal & Co <BV>"),
                Cell::Empty,
                Cell::Number(2.5),
            ],
            vec![
                Cell::Number(8.0),
                text("=HYPERLINK(\"x\")\u{1}"),
                text("b"),
                Cell::Number(f64::NAN),
            ],
        ];
        let bytes = workbook(&["id", "company", "x", "score"], &rows, 1);
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(
                "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">id</t></is></c>"
            ),
            "{sheet}"
        );
        assert!(sheet.contains("<c r=\"A2\"><v>7</v></c>"), "{sheet}");
        assert!(sheet.contains("<c r=\"D2\"><v>2.5</v></c>"), "{sheet}");
        assert!(sheet.contains("Metaal &amp; Co &lt;BV&gt;"), "{sheet}");
        // A formula stays text; a control character Excel refuses is left out; no number is
        // written for what is not one.
        assert!(sheet.contains("=HYPERLINK(&quot;x&quot;)</t>"), "{sheet}");
        assert!(!sheet.contains("<c r=\"D3\""), "{sheet}");
        assert!(sheet.contains("state=\"frozen\""));
        assert!(sheet.contains("<autoFilter ref=\"A1:D3\"/>"), "{sheet}");
        assert!(part(&bytes, "xl/workbook.xml").contains("'assessments'!$A$1:$D$3"));
        assert!(part(&bytes, "xl/styles.xml").contains("<b/>"));
        assert!(part(&bytes, "[Content_Types].xml").contains("/xl/worksheets/sheet1.xml"));
    }

    #[test]
    fn a_workbook_written_in_batches_is_the_workbook_written_at_once() {
        let rows: Vec<Vec<Cell>> = (0..2500)
            .map(|i| vec![Cell::Number(f64::from(i)), text(&format!("bedrijf {i}"))])
            .collect();
        let batched = workbook(&["n", "name"], &rows, 1000);
        let whole = workbook(&["n", "name"], &rows, rows.len());
        assert!(batched.len() > 10_000, "{} bytes", batched.len());
        assert_eq!(
            part(&batched, "xl/worksheets/sheet1.xml"),
            part(&whole, "xl/worksheets/sheet1.xml")
        );
    }

    #[test]
    fn each_part_of_the_download_carries_the_rows_appended_before_it() {
        let headers = vec!["name".to_string()];
        let mut book = XlsxStream::new("assessments", &headers).expect("sheet");
        let head = book.take().expect("head");
        assert!(!head.is_empty(), "the download starts with the header");
        book.append(&[vec![text("eerste")]]).expect("row");
        let first = book.take().expect("first");
        assert!(
            !first.is_empty(),
            "the first row leaves before the next is read"
        );
    }

    #[test]
    fn column_names_go_on_after_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn more_rows_than_a_sheet_holds_are_refused_with_a_reason() {
        let mut book = XlsxStream::new("answers", &["n".to_string()]).expect("sheet");
        book.rows = XLSX_MAX_ROWS - 1;
        let two = vec![vec![Cell::Number(1.0)], vec![Cell::Number(2.0)]];
        assert_eq!(
            book.append(&two),
            Err(AppError::invalid(Key::ErrExportTooLargeForExcel))
        );
        assert!(book.append(&two[..1]).is_ok(), "the last row fits");
    }
}
