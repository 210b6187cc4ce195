//! Parsers: uploaded bytes → typed records plus row-level warnings (one file per format).
//!
//! A parser never panics and never gives up on a whole file for one bad row: it keeps the good
//! records, says what it skipped and why (file, line or task, field), and counts the skips.

use crate::msg;
use crate::text::Deferred;
use serde::{Deserialize, Serialize};

/// One problem found in an upload, located as precisely as the format allows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestWarning {
    /// Where: "line 7", "task HumanEval/3 (line 1)", or "file" (worded when shown).
    pub location: Deferred,
    /// The field concerned, if one.
    pub field: Option<String>,
    /// What is wrong and what was done about it (worded when shown).
    pub message: Deferred,
}

impl IngestWarning {
    /// A warning at `location` about `field`.
    pub fn new(
        location: impl Into<Deferred>,
        field: Option<&str>,
        message: impl Into<Deferred>,
    ) -> Self {
        Self {
            location: location.into(),
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

impl IngestWarning {
    /// A CSV row the reader could not read (it is skipped).
    pub(crate) fn unreadable_row(line: usize, error: &csv::Error) -> Self {
        Self::new(
            msg!("ingest.at.line", line = line),
            None,
            msg!("ingest.unreadable_row", error = error),
        )
    }
}

/// A CSV reader over `text` (rows may differ in length) and its header names, trimmed and
/// lower-cased; a header row that cannot be read is a warning at line 1.
pub(crate) fn open_csv(text: &str) -> Result<(csv::Reader<&[u8]>, Vec<String>), IngestWarning> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    match reader.headers() {
        Ok(h) => {
            let headers = h.iter().map(|s| s.trim().to_ascii_lowercase()).collect();
            Ok((reader, headers))
        }
        Err(e) => Err(IngestWarning::new(
            msg!("ingest.at.line", line = 1),
            None,
            msg!("ingest.header", error = e),
        )),
    }
}

/// The line the `i`-th CSV record (from 0) starts on: the reader's position, or the count of
/// records after the header when the record could not be read.
pub(crate) fn record_line(record: &Result<csv::StringRecord, csv::Error>, i: usize) -> usize {
    record
        .as_ref()
        .ok()
        .and_then(|r| r.position())
        .map_or(i + 2, |p| p.line() as usize)
}

impl IngestWarning {
    /// The whole warning as one message, worded when shown.
    pub fn deferred(&self) -> Deferred {
        let mut args = vec![("at", self.location.clone())];
        if let Some(field) = &self.field {
            args.push(("field", Deferred::literal(field)));
        }
        args.push(("message", self.message.clone()));
        let id = if self.field.is_some() {
            "ingest.warning.field"
        } else {
            "ingest.warning.plain"
        };
        Deferred::new(id, args)
    }
}

impl std::fmt::Display for IngestWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.deferred().fmt(f)
    }
}

/// Text of an upload. UTF-8 (a BOM removed) is borrowed, not copied. UTF-16 with a byte-order
/// mark is decoded. Lines that are not valid UTF-8 — files pasted together from several tools
/// mix encodings — are read as Windows-1252 (a superset of Latin-1), each reported by line.
pub fn decode_text<'a>(
    bytes: &'a [u8],
    warnings: &mut Vec<IngestWarning>,
) -> std::borrow::Cow<'a, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return std::borrow::Cow::Owned(decode_utf16(rest, u16::from_le_bytes, warnings));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return std::borrow::Cow::Owned(decode_utf16(rest, u16::from_be_bytes, warnings));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => std::borrow::Cow::Owned(decode_mixed(bytes, warnings)),
    }
}

/// Line-level encoding warnings listed before the rest are only counted.
const ENCODING_WARNINGS: usize = 20;

fn decode_mixed(bytes: &[u8], warnings: &mut Vec<IngestWarning>) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut bad = 0usize;
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(s) => out.push_str(s),
            Err(e) => {
                bad += 1;
                let at = e.valid_up_to();
                let shown: String = line[at.saturating_sub(12)..]
                    .iter()
                    .take(24)
                    .map(|&b| windows_1252(b))
                    .filter(|c| !c.is_control())
                    .collect();
                out.extend(line.iter().map(|&b| windows_1252(b)));
                if bad <= ENCODING_WARNINGS {
                    warnings.push(IngestWarning::new(
                        msg!("ingest.at.line", line = i + 1),
                        None,
                        msg!(
                            "ingest.not_utf8",
                            byte = format!("0x{:02X}", line[at]),
                            column = at + 1,
                            text = shown
                        ),
                    ));
                }
            }
        }
    }
    if bad > ENCODING_WARNINGS {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!("ingest.more_not_utf8", n = bad - ENCODING_WARNINGS),
        ));
    }
    out
}

/// Windows-1252: Latin-1 except 0x80–0x9F, which hold typographic marks.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    warnings: &mut Vec<IngestWarning>,
) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut bad = 0usize;
    for c in char::decode_utf16(units) {
        out.push(c.unwrap_or_else(|_| {
            bad += 1;
            '\u{FFFD}'
        }));
    }
    let odd = bytes.len() % 2 == 1;
    if bad > 0 || odd {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            if odd {
                msg!("ingest.utf16.odd", n = bad)
            } else {
                msg!("ingest.utf16", n = bad)
            },
        ));
    }
    out
}

/// 1-based line number of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Line numbers of offsets met in increasing order, counted incrementally: locating every
/// record of a file costs one pass over it (one [`line_of`] per record was quadratic). An
/// offset before the last one asked starts the count again from the top.
pub struct LineIndex<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineIndex<'a> {
    /// An index over `text`, at its start.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// 1-based line number of byte `offset`.
    pub fn line_at(&mut self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        if end < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.text.as_bytes()[self.offset..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = end;
        self.line
    }
}

/// A value shown in a message: at most 40 characters, with an ellipsis when cut.
pub fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Reads a boolean cell as people write them: true/false, 1/0, yes/no, pass/fail, t/f, y/n.
pub fn parse_bool(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "t" | "pass" | "passed" | "1.0" => Some(true),
        "false" | "0" | "no" | "n" | "f" | "fail" | "failed" | "0.0" => Some(false),
        _ => None,
    }
}

/// A short, stable hash of uploaded bytes (FNV-1a 64, hex), so a share link or session can
/// notice when a different file is loaded.
pub fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_line_index_agrees_with_line_of_in_any_order() {
        let text = "a\nbb\n\nccc\nd";
        let mut index = super::LineIndex::new(text);
        for offset in [0, 1, 2, 5, 6, 7, 12, 3, 40, 0] {
            assert_eq!(
                index.line_at(offset),
                super::line_of(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn short_hash_is_fnv1a() {
        assert_eq!(super::short_hash(b""), "cbf29ce484222325");
        assert_eq!(super::short_hash(b"a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn mixed_encodings_are_read_line_by_line() {
        // Line 2 is Windows-1252 ("José", curly quotes), lines 1 and 3 UTF-8.
        let bytes = b"name,note\nJos\xe9,\x93quoted\x94\nZo\xc3\xab,ok\n";
        let mut w = Vec::new();
        let text = super::decode_text(bytes, &mut w);
        assert_eq!(
            text,
            "name,note\nJos\u{e9},\u{201c}quoted\u{201d}\nZo\u{eb},ok\n"
        );
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].location.to_string(), "line 2");
        assert!(
            w[0].message.to_string().contains("0xE9 at column 4"),
            "{}",
            w[0].message
        );
        assert!(
            w[0].message.to_string().contains("José"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("a,é\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut w = Vec::new();
        assert_eq!(super::decode_text(&bytes, &mut w), "a,é\n");
        assert!(w.is_empty());
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("x\u{1F600}".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(super::decode_text(&bytes, &mut w), "x\u{1F600}");
        assert!(w.is_empty());
        bytes.push(0);
        super::decode_text(&bytes, &mut w);
        assert!(w[0].message.to_string().contains("odd trailing byte"));
    }

    #[test]
    fn many_bad_lines_are_counted_not_listed() {
        let bytes: Vec<u8> = (0..30).flat_map(|_| b"caf\xe9\n".iter().copied()).collect();
        let mut w = Vec::new();
        let text = super::decode_text(&bytes, &mut w);
        assert_eq!(text.matches("café").count(), 30);
        assert_eq!(w.len(), super::ENCODING_WARNINGS + 1);
        assert!(w
            .last()
            .is_some_and(|l| l.message.to_string().starts_with("10 more lines")));
    }
}
