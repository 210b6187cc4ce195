//! Parsers: uploaded bytes → typed records plus row-level warnings (one file per format).
//!
//! A parser never panics and never gives up on a whole file for one bad row: it keeps the good
//! records, says what it skipped and why (file, line or task, field), and counts the skips.

pub mod detect;

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

/// Quotes of a CSV file that do not end a cell: one opened and never closed (every line after
/// it read as one cell), or one that closes inside a cell on a later line (the lines between
/// read as one cell). Either way the rows on those lines are lost to the reader, which cannot
/// know it: each case is a warning naming the lines. One linear pass over the bytes; a quote
/// that is not at a cell's start is text, as the CSV reader takes it.
pub(crate) fn quote_warnings(text: &str) -> Vec<IngestWarning> {
    const MOST: usize = 50;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 1usize;
    let mut cell_start = true;
    let mut open: Option<usize> = None;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match open {
            None => match b {
                b'"' if cell_start => {
                    open = Some(line);
                    cell_start = false;
                }
                b',' | b'\n' => {
                    cell_start = true;
                    if b == b'\n' {
                        line += 1;
                    }
                }
                b'\r' => {}
                _ => cell_start = false,
            },
            Some(from) => match b {
                b'\n' => line += 1,
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => {
                    let ends_cell = matches!(bytes.get(i + 1), None | Some(b',' | b'\n' | b'\r'));
                    if !ends_cell && line > from && out.len() < MOST {
                        out.push(IngestWarning::new(
                            msg!("ingest.at.line", line = from),
                            None,
                            msg!("ingest.quote.mid_cell", from = from, to = line),
                        ));
                    }
                    open = None;
                }
                _ => {}
            },
        }
        i += 1;
    }
    if let Some(from) = open {
        let last = if text.ends_with('\n') { line - 1 } else { line };
        out.push(IngestWarning::new(
            msg!("ingest.at.line", line = from),
            None,
            msg!(
                "ingest.quote.never_closed",
                from = from,
                to = last.max(from)
            ),
        ));
    }
    out
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

/// How many places a group of warnings names (the rest are counted).
pub const FIRST_PLACES: usize = 5;

/// Warnings of one kind — the same message about the same field — counted, with where the first
/// few are: a file with 2 400 rows missing an answer gives one group, not 2 400 lines.
#[derive(Clone, Debug, PartialEq)]
pub struct WarningGroup {
    /// The message's catalog id (`search.upload.no_answer`, …), or `text` for a message that
    /// is not from the catalog.
    pub kind: String,
    /// The field concerned, if one.
    pub field: Option<String>,
    /// How many warnings of this kind.
    pub count: usize,
    /// Where the first [`FIRST_PLACES`] are ("line 7", "task HumanEval/3"), worded when shown.
    pub first: Vec<Deferred>,
    /// The first warning of the kind, whole.
    pub example: Deferred,
}

impl WarningGroup {
    /// The group in one line: the message itself when it is alone, otherwise how many, the
    /// first, and where the first few are.
    pub fn worded(&self) -> String {
        if self.count == 1 {
            return self.example.to_string();
        }
        let mut out = crate::tr!("app.warnings.group", n = self.count, example = self.example);
        if let Some(places) = self.places() {
            out.push_str(&format!(" ({places})"));
        }
        out
    }

    /// Where the first few are, and how many more ("at line 2, line 3, and 2398 more"); none
    /// when the messages name no place.
    pub fn places(&self) -> Option<String> {
        if self.first.is_empty() {
            return None;
        }
        let places = self
            .first
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let more = self.count - self.first.len();
        Some(if more > 0 {
            crate::tr!("app.warnings.places_more", places = places, n = more)
        } else {
            crate::tr!("app.warnings.places", places = places)
        })
    }

    /// The group as the command line's JSON prints it, worded: `kind`, `field`, `count`,
    /// `first` (places) and `example` (the first message).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "kind": self.kind,
            "field": self.field,
            "count": self.count,
            "first": self.first.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "example": self.example.to_string(),
        })
    }
}

/// A reader's warnings, with memory bounded by their kinds, not by rows: the first
/// [`FIRST_PLACES`] of each kind (message and field) are kept whole, the rest counted, and
/// [`WarningLog::finish`] ends the list with one line per kind saying how many more there were
/// ([`group_warnings`] adds them to their kind's count). A file with a million rows missing an
/// answer keeps five warnings and a count, and says so.
#[derive(Default)]
pub struct WarningLog {
    kept: Vec<IngestWarning>,
    /// Per kind, in the order kinds first appear: (kind, field), how many, the first message.
    kinds: Vec<((String, Option<String>), usize, Deferred)>,
    index: std::collections::HashMap<(String, Option<String>), usize>,
}

impl WarningLog {
    /// Records `w`: kept whole if it is among the first of its kind, counted otherwise.
    pub fn push(&mut self, w: IngestWarning) {
        let key = (message_kind(&w.message), w.field.clone());
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.kinds.push((key.clone(), 0, w.message.clone()));
                self.index.insert(key, self.kinds.len() - 1);
                self.kinds.len() - 1
            }
        };
        self.kinds[i].1 += 1;
        if self.kinds[i].1 <= FIRST_PLACES {
            self.kept.push(w);
        }
    }

    /// How many warnings were recorded, kept or counted.
    pub fn total(&self) -> usize {
        self.kinds.iter().map(|k| k.1).sum()
    }

    /// The kept warnings, then, for each kind with more than were kept, how many more.
    pub fn finish(self) -> Vec<IngestWarning> {
        let mut out = self.kept;
        for ((_, field), n, message) in self.kinds {
            if n > FIRST_PLACES {
                out.push(IngestWarning::new(
                    msg!("ingest.at.file"),
                    field.as_deref(),
                    Deferred::new(
                        "ingest.more_of_kind",
                        vec![
                            ("n", Deferred::literal(n - FIRST_PLACES)),
                            ("message", message),
                        ],
                    ),
                ));
            }
        }
        out
    }
}

/// The kind of a message: its catalog id, or `text: ` and its words when it is not from the
/// catalog.
fn message_kind(message: &Deferred) -> String {
    match message {
        Deferred::Text { id, .. } => id.clone(),
        Deferred::Literal(text) => format!("text: {text}"),
    }
}

/// Groups warnings (each a whole message, as [`IngestWarning::deferred`] makes it, or any other
/// message) by kind, in the order each kind first appears.
pub fn group_warnings(warnings: &[Deferred]) -> Vec<WarningGroup> {
    let mut groups: Vec<WarningGroup> = Vec::new();
    let mut index: std::collections::HashMap<(String, Option<String>), usize> =
        std::collections::HashMap::new();
    for w in warnings {
        let (kind, field, at) = kind_of(w);
        // "n more like this" (a WarningLog's count) adds to its own kind.
        let (kind, at, more) = match more_of_kind(w) {
            Some((inner, n)) => (inner, None, n),
            None => (kind, at, 0),
        };
        let key = (kind, field);
        let i = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(WarningGroup {
                // A message from outside the catalog is its own kind, named `text`.
                kind: if key.0.starts_with("text: ") {
                    "text".to_string()
                } else {
                    key.0.clone()
                },
                field: key.1.clone(),
                count: 0,
                first: Vec::new(),
                example: w.clone(),
            });
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.count += if more > 0 { more } else { 1 };
        if let Some(at) = at {
            if g.first.len() < FIRST_PLACES {
                g.first.push(at);
            }
        }
    }
    groups
}

/// For a [`WarningLog`]'s "n more like this" line, the kind it counts and n.
fn more_of_kind(w: &Deferred) -> Option<(String, usize)> {
    let Deferred::Text { args, .. } = w else {
        return None;
    };
    let message = args.iter().find(|(k, _)| k == "message").map(|(_, v)| v)?;
    let Deferred::Text { id, args } = message else {
        return None;
    };
    if id != "ingest.more_of_kind" {
        return None;
    }
    let arg = |name: &str| args.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let n = arg("n")?.to_string().parse::<usize>().ok()?;
    Some((message_kind(arg("message")?), n))
}

/// A warning's kind (its message's id, or `text: ` and its whole text when it is not from the
/// catalog), its field and its place.
fn kind_of(w: &Deferred) -> (String, Option<String>, Option<Deferred>) {
    match w {
        Deferred::Text { id, args }
            if id == "ingest.warning.field" || id == "ingest.warning.plain" =>
        {
            let arg = |name: &str| args.iter().find(|(k, _)| k == name).map(|(_, v)| v);
            let field = arg("field").map(|f| f.to_string());
            let kind = arg("message").map_or_else(|| id.clone(), message_kind);
            (kind, field, arg("at").cloned())
        }
        other => (message_kind(other), None, None),
    }
}

/// A reader's warnings as the command line prints them: one line per kind ("N like this — the
/// first: …"), and as `--json`'s `warning_groups` (`[{kind, field, count, first, example}]`).
pub fn grouped(warnings: &[IngestWarning]) -> (Vec<String>, serde_json::Value) {
    let groups = group_warnings(
        &warnings
            .iter()
            .map(IngestWarning::deferred)
            .collect::<Vec<_>>(),
    );
    (
        groups.iter().map(WarningGroup::worded).collect(),
        groups.iter().map(WarningGroup::to_json).collect(),
    )
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
    use super::{group_warnings, quote_warnings, IngestWarning, FIRST_PLACES};
    use crate::msg;
    use crate::text::Deferred;

    #[test]
    fn quotes_that_swallow_rows_are_said_with_their_lines() {
        let said = |text: &str| -> Vec<String> {
            quote_warnings(text).iter().map(|w| w.to_string()).collect()
        };
        // Cells that close where they end, quotes doubled inside, a quote inside an unquoted
        // cell, a text over three lines: nothing to say.
        let fine = "id,step,text\na,0,\"one, \"\"two\"\"\"\na,1,he said \"hi\"\na,2,\"x\ny\nz\"\r\nb,0,\"\"\n";
        assert!(said(fine).is_empty(), "{:?}", said(fine));
        // A quote never closed: every line after it is one cell.
        let open = "id,step,text\na,0,ok\na,1,\"He said\na,2,lost\na,3,lost too\n";
        assert_eq!(
            said(open),
            vec!["line 3: a quote opened on line 3 is never closed: lines 3–5 were read as one cell, and the rows on them are lost (close the quote, or write a quote inside a cell as \"\")"]
        );
        // A quote closed by the opening quote of a later cell, in the middle of that cell.
        let mid = "id,step,text\na,0,\"He said\na,1,lost\nb,0,\"Other\" text\nb,1,kept\n";
        let w = said(mid);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("closes inside a cell on line 4: lines 2–4"),
            "{w:?}"
        );
        // Any cut of a file never panics (the scan looks one byte ahead).
        for cut in 0..mid.len() {
            let _ = quote_warnings(&mid[..cut]);
        }
    }

    #[test]
    fn a_warning_log_keeps_five_of_a_kind_counts_the_rest_and_the_groups_add_up() {
        let mut log = super::WarningLog::default();
        for line in 2..100_002 {
            log.push(IngestWarning::new(
                msg!("ingest.at.line", line = line),
                Some("answer"),
                msg!("app.dismiss"),
            ));
            if line % 40_000 == 0 {
                log.push(IngestWarning::new(
                    msg!("ingest.at.line", line = line),
                    None,
                    Deferred::literal("own words"),
                ));
            }
        }
        assert_eq!(log.total(), 100_002);
        let kept = log.finish();
        // Five of the first kind, both of the second, and one line counting the rest.
        assert_eq!(kept.len(), 5 + 2 + 1);
        let more = kept.last().map(|w| w.to_string()).unwrap_or_default();
        assert!(
            more.starts_with("file, field answer: 99995 more like this"),
            "{more}"
        );
        let groups = group_warnings(&kept.iter().map(|w| w.deferred()).collect::<Vec<_>>());
        let counts: Vec<_> = groups
            .iter()
            .map(|g| (g.kind.as_str(), g.count, g.first.len()))
            .collect();
        assert_eq!(
            counts,
            [("app.dismiss", 100_000, FIRST_PLACES), ("text", 2, 2)]
        );
        assert!(
            groups[0]
                .worded()
                .ends_with("(at line 2, line 3, line 4, line 5, line 6, and 99995 more)"),
            "{}",
            groups[0].worded()
        );
    }

    #[test]
    fn warnings_group_by_message_and_field_with_counts_and_first_places() {
        let mut all = Vec::new();
        for line in 2..2402 {
            all.push(
                IngestWarning::new(
                    msg!("ingest.at.line", line = line),
                    Some("answer"),
                    msg!("ingest.header", error = line),
                )
                .deferred(),
            );
            if line % 1000 == 0 {
                // The same message about another field is another kind.
                all.push(
                    IngestWarning::new(
                        msg!("ingest.at.line", line = line),
                        Some("score"),
                        msg!("ingest.header", error = 0),
                    )
                    .deferred(),
                );
            }
        }
        all.push(Deferred::literal("a file's own words"));
        all.push(Deferred::literal("other words"));
        all.push(Deferred::literal("a file's own words"));
        let groups = group_warnings(&all);
        let counts: Vec<_> = groups
            .iter()
            .map(|g| (g.kind.as_str(), g.field.as_deref(), g.count))
            .collect();
        assert_eq!(
            counts,
            [
                ("ingest.header", Some("answer"), 2400),
                ("ingest.header", Some("score"), 2),
                ("text", None, 2),
                ("text", None, 1)
            ]
        );
        assert_eq!(
            groups.iter().map(|g| g.count).sum::<usize>(),
            all.len(),
            "nothing lost"
        );
        let first: Vec<String> = groups[0].first.iter().map(|d| d.to_string()).collect();
        assert_eq!(first.len(), FIRST_PLACES);
        assert_eq!(first[0], msg!("ingest.at.line", line = 2).to_string());
        assert_eq!(first[4], msg!("ingest.at.line", line = 6).to_string());
        assert_eq!(groups[0].example, all[0]);
        assert!(
            groups[2].first.is_empty(),
            "a message with no place names none"
        );
    }

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
