//! What an upload is, before any lab's reader parses it as its own format: a short outline of
//! the file ([`Sniff`]) — binary or text, a zip's entries, a JSON document's keys a few levels
//! down, the columns of a table (CSV header, or the keys of the first JSON lines that parse) —
//! and the formats no lab reads ([`Foreign`]), recognised from it. Each lab recognises its own
//! formats from the same outline (`labs::refuse_upload`), so a file dropped in the wrong lab
//! is named and sent where it is read, instead of being parsed as something it is not.
//!
//! The outline is cheap and bounded: a JSON document is read until its 64th top-level key (or
//! an array's second element), deeper objects keep 32 keys, three levels at most; JSON lines
//! look at most at the first 200 lines (8 MB) — a broken, over-long or pretty-printed first line
//! does not hide the rest.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Top-level keys read before the outline stops.
const TOP_KEYS: usize = 64;
/// Keys kept of a nested object.
const INNER_KEYS: usize = 32;
/// Levels of nesting outlined (deeper values are skipped).
const DEPTH: usize = 3;
/// Lines of a JSON-lines file looked at, and how many bytes of them at most.
const LINES: usize = 200;
const LINE_BYTES: usize = 8 << 20;
/// Lines that parse as objects after which the columns are known.
const OBJECT_LINES: usize = 20;

/// The outline of a JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Node {
    /// A number, string, boolean, null — or a value too deep to outline.
    #[default]
    Scalar,
    /// A string (kept apart: lists of plain strings are a format of their own).
    Str,
    /// An object's first keys, each with its value's outline.
    Object(Vec<(String, Node)>),
    /// An array and the outline of its first element.
    Array(Option<Box<Node>>),
}

impl Node {
    /// The object's value under `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(keys) => keys.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether the object has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The object's keys (none for other values).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let keys: &[(String, Node)] = match self {
            Node::Object(keys) => keys,
            _ => &[],
        };
        keys.iter().map(|(k, _)| k.as_str())
    }

    /// An array's first element, or an object's first value.
    pub fn first(&self) -> Option<&Node> {
        match self {
            Node::Array(first) => first.as_deref(),
            Node::Object(keys) => keys.first().map(|(_, v)| v),
            _ => None,
        }
    }
}

/// What a file looks like from its first bytes and first records.
#[derive(Clone, Debug, PartialEq)]
pub enum Sniff {
    /// Nothing but white space.
    Empty,
    /// Not text: the catalog id of what it is (`ingest.format.pdf`, …).
    Binary(&'static str),
    /// A zip archive and the names of its first entries.
    Zip(Vec<String>),
    /// One JSON document (an object or an array).
    Json(Node),
    /// A table: the columns of a CSV header, or the keys of the first JSON lines that parse
    /// (lower-cased, in first-seen order).
    Records {
        columns: Vec<String>,
        json_lines: bool,
    },
    /// Text that is none of the above.
    Text,
}

impl Sniff {
    /// The outline of the upload `bytes`.
    pub fn of(bytes: &[u8]) -> Sniff {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Sniff::Empty;
        }
        if let Some(sniff) = binary(bytes) {
            return sniff;
        }
        let text = super::decode_text(bytes, &mut Vec::new());
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return json(trimmed);
        }
        csv_columns(&text)
    }

    /// Whether the table has every one of `columns` (lower-case names).
    /// A file of one JSON object counts as a table of one row.
    pub fn has_columns(&self, columns: &[&str]) -> bool {
        match self {
            Sniff::Records { columns: have, .. } => {
                columns.iter().all(|c| have.iter().any(|h| h == c))
            }
            Sniff::Json(node @ Node::Object(_)) => columns
                .iter()
                .all(|c| node.keys().any(|k| k.trim().eq_ignore_ascii_case(c))),
            _ => false,
        }
    }

    /// Whether the table has any of `columns`.
    pub fn has_any_column(&self, columns: &[&str]) -> bool {
        columns.iter().any(|c| self.has_columns(&[c]))
    }

    /// The JSON document's outline, when the file is one.
    pub fn json(&self) -> Option<&Node> {
        match self {
            Sniff::Json(node) => Some(node),
            _ => None,
        }
    }

    /// A format no lab reads, when the file is one.
    pub fn foreign(&self) -> Option<Foreign> {
        let (id, tip) = match self {
            Sniff::Binary(id) => (*id, None),
            Sniff::Zip(names) => {
                let inspect = names.iter().any(|n| {
                    n == "header.json" || n.starts_with("_journal/") || n.starts_with("samples/")
                });
                if inspect {
                    ("ingest.format.inspect_eval", Some("ingest.tip.inspect"))
                } else {
                    ("ingest.format.zip", Some("ingest.tip.unzip"))
                }
            }
            Sniff::Json(node) => return foreign_json(node),
            Sniff::Records { .. } => return foreign_records(self),
            Sniff::Empty | Sniff::Text => return None,
        };
        Some(Foreign { id, tip })
    }
}

/// A format no lab reads: the catalog id of its name and, if any, of what to do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Foreign {
    pub id: &'static str,
    pub tip: Option<&'static str>,
}

fn foreign_json(node: &Node) -> Option<Foreign> {
    let found = |id, tip| Some(Foreign { id, tip });
    if let Node::Object(_) = node {
        let eval = node.get("eval");
        let inspect_eval = eval.is_some_and(|e| e.has("task") || e.has("run_id"));
        let inspect_top = ["plan", "samples", "stats", "results", "reductions"]
            .iter()
            .any(|k| node.has(k));
        if inspect_eval && (inspect_top || node.has("version")) {
            return found("ingest.format.inspect_json", Some("ingest.tip.inspect"));
        }
        return None;
    }
    let first = node.first()?;
    if first.has("idx")
        && ["ys", "steps", "infos", "accs"]
            .iter()
            .any(|k| first.has(k))
    {
        return found("ingest.format.tot", None);
    }
    if first.has("doc_id")
        && ["resps", "filtered_resps", "arguments"]
            .iter()
            .any(|k| first.has(k))
    {
        return found("ingest.format.lm_eval", None);
    }
    let question_only = first.has("question") && !first.has("response") && !first.has("answers");
    if *first == Node::Str || question_only {
        return found("ingest.format.questions", None);
    }
    None
}

fn foreign_records(sniff: &Sniff) -> Option<Foreign> {
    let found = |id| Some(Foreign { id, tip: None });
    if sniff.has_columns(&["doc_id"])
        && sniff.has_any_column(&["resps", "filtered_resps", "arguments"])
    {
        return found("ingest.format.lm_eval");
    }
    if sniff.has_columns(&["run_id", "event_id", "type"])
        || sniff.has_any_column(&["final_report"])
        || sniff.has_columns(&["spec"]) && sniff.has_columns(&["run_id"])
    {
        return found("ingest.format.openai_evals");
    }
    if sniff.has_columns(&["input", "ideal"]) {
        return found("ingest.format.openai_evals_samples");
    }
    if sniff.has_columns(&["question", "ground_truth"])
        && sniff.has_any_column(&["6b_verification", "175b_verification"])
    {
        return found("ingest.format.gsm8k");
    }
    None
}

/// Files that are not text, by their first bytes.
fn binary(bytes: &[u8]) -> Option<Sniff> {
    const MAGIC: [(&[u8], &str); 7] = [
        (b"%PDF", "ingest.format.pdf"),
        (b"\x89PNG", "ingest.format.image"),
        (b"\xFF\xD8\xFF", "ingest.format.image"),
        (b"GIF8", "ingest.format.image"),
        (b"\x1F\x8B", "ingest.format.gzip"),
        (b"PAR1", "ingest.format.parquet"),
        (b"SQLite format 3\0", "ingest.format.sqlite"),
    ];
    if let Some((_, id)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(Sniff::Binary(id));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let names = zip_names(bytes);
        let xlsx = names.iter().any(|n| n.starts_with("xl/"));
        return Some(if xlsx {
            Sniff::Binary("ingest.format.xlsx")
        } else {
            Sniff::Zip(names)
        });
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let head = bytes.get(..4096).unwrap_or(bytes);
    (!utf16 && head.contains(&0)).then_some(Sniff::Binary("ingest.format.binary"))
}

/// The names of a zip's first 64 entries, read from their local headers.
fn zip_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 0usize;
    let u16_at = |i: usize| -> Option<usize> {
        Some(u16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]) as usize)
    };
    let u32_at = |i: usize| -> Option<usize> {
        let b = bytes.get(i..i + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    while names.len() < 64 && bytes.get(at..at + 4) == Some(b"PK\x03\x04") {
        let (Some(flags), Some(size), Some(name_len), Some(extra)) = (
            u16_at(at + 6),
            u32_at(at + 18),
            u16_at(at + 26),
            u16_at(at + 28),
        ) else {
            break;
        };
        let start = at + 30;
        let Some(name) = bytes.get(start..start + name_len) else {
            break;
        };
        names.push(String::from_utf8_lossy(name).into_owned());
        // A size written after the data (flag bit 3) is unknown here: the names so far do.
        if flags & 0x08 != 0 {
            break;
        }
        at = start + name_len + extra + size;
    }
    names
}

/// A JSON document, or JSON lines.
fn json(text: &str) -> Sniff {
    let mut top = Node::Scalar;
    let mut de = serde_json::Deserializer::from_str(text);
    let mut state = Top {
        out: &mut top,
        enough: false,
    };
    let read = DeserializeSeed::deserialize(&mut state, &mut de);
    let enough = state.enough;
    match read {
        // One whole value: a document, unless more values follow (JSON lines).
        Ok(()) if de.end().is_ok() => Sniff::Json(top),
        Ok(()) if matches!(top, Node::Object(_)) => json_lines(text),
        Ok(()) => Sniff::Json(top),
        Err(_) if enough => Sniff::Json(top),
        // A broken first value: JSON lines whose first line is bad, or a cut document.
        Err(_) => match json_lines(text) {
            Sniff::Text if top != Node::Scalar => Sniff::Json(top),
            other => other,
        },
    }
}

/// The columns of JSON lines: the keys of the first lines that parse as objects.
fn json_lines(text: &str) -> Sniff {
    let mut columns: Vec<String> = Vec::new();
    let mut objects = 0;
    let mut seen = 0usize;
    for line in text
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .take(LINES)
    {
        seen += line.len();
        if seen > LINE_BYTES {
            break;
        }
        let mut node = Node::Scalar;
        let mut de = serde_json::Deserializer::from_str(line.trim());
        let mut state = Top {
            out: &mut node,
            enough: false,
        };
        let read = DeserializeSeed::deserialize(&mut state, &mut de);
        if read.is_ok() || state.enough {
            if let Node::Object(keys) = &node {
                objects += 1;
                for (k, _) in keys {
                    let k = k.trim().to_lowercase();
                    if !columns.contains(&k) {
                        columns.push(k);
                    }
                }
            }
        }
        if objects >= OBJECT_LINES {
            break;
        }
    }
    if objects == 0 {
        return Sniff::Text;
    }
    Sniff::Records {
        columns,
        json_lines: true,
    }
}

/// A CSV header's columns (two or more), else plain text.
fn csv_columns(text: &str) -> Sniff {
    match super::open_csv(text) {
        Ok((_, columns)) if columns.len() >= 2 => Sniff::Records {
            columns,
            json_lines: false,
        },
        _ => Sniff::Text,
    }
}

/// The top-level value, outlined into `out` as it is read, so that stopping early (the 64th
/// key, an array's second element) keeps what was read.
struct Top<'a> {
    out: &'a mut Node,
    enough: bool,
}

impl<'de> DeserializeSeed<'de> for &mut Top<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

const STOP: &str = "the outline has what it needs";

impl<'de> Visitor<'de> for &mut Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        *self.out = Node::Object(Vec::new());
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Outline { depth: 1 })?;
            if let Node::Object(keys) = &mut *self.out {
                keys.push((key, value));
                if keys.len() >= TOP_KEYS {
                    self.enough = true;
                    return Err(de::Error::custom(STOP));
                }
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        *self.out = Node::Array(None);
        if let Some(first) = seq.next_element_seed(Outline { depth: 1 })? {
            *self.out = Node::Array(Some(Box::new(first)));
            if seq.next_element::<IgnoredAny>()?.is_some() {
                self.enough = true;
                return Err(de::Error::custom(STOP));
            }
        }
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        *self.out = Node::Str;
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// A nested value's outline (keys kept up to [`INNER_KEYS`], [`DEPTH`] levels).
struct Outline {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Outline {
    type Value = Node;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        if self.depth >= DEPTH {
            <IgnoredAny as serde::Deserialize>::deserialize(d)?;
            return Ok(Node::Scalar);
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Outline {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.len() < INNER_KEYS {
                let value = map.next_value_seed(Outline {
                    depth: self.depth + 1,
                })?;
                keys.push((key, value));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Node::Object(keys))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let first = seq.next_element_seed(Outline {
            depth: self.depth + 1,
        })?;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Node::Array(first.map(Box::new)))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Node, E> {
        Ok(Node::Str)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> Option<Vec<u8>> {
        std::fs::read(format!(
            "{}/tests/fixtures/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .ok()
    }

    #[test]
    fn binary_files_and_zips_are_named_by_their_first_bytes() {
        assert_eq!(
            Sniff::of(b"%PDF-1.7\n..."),
            Sniff::Binary("ingest.format.pdf")
        );
        assert_eq!(
            Sniff::of(b"\x1F\x8B\x08\0"),
            Sniff::Binary("ingest.format.gzip")
        );
        assert_eq!(
            Sniff::of(b"a,b\0c\n"),
            Sniff::Binary("ingest.format.binary")
        );
        assert_eq!(Sniff::of(b"  \n\t"), Sniff::Empty);
        // A zip of two stored entries, as Inspect writes an `.eval` log.
        let mut zip = Vec::new();
        for (name, data) in [("_journal/start.json", &b"{}"[..]), ("header.json", b"{}")] {
            zip.extend_from_slice(b"PK\x03\x04");
            zip.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            zip.extend_from_slice(&(data.len() as u32).to_le_bytes());
            zip.extend_from_slice(&(data.len() as u32).to_le_bytes());
            zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
            zip.extend_from_slice(&[0, 0]);
            zip.extend_from_slice(name.as_bytes());
            zip.extend_from_slice(data);
        }
        let sniff = Sniff::of(&zip);
        assert_eq!(
            sniff,
            Sniff::Zip(vec!["_journal/start.json".into(), "header.json".into()])
        );
        assert_eq!(
            sniff.foreign().map(|f| f.id),
            Some("ingest.format.inspect_eval")
        );
        // Cut anywhere, the header reader stops without reading past the end.
        for cut in 0..zip.len() {
            let _ = Sniff::of(&zip[..cut]).foreign();
        }
    }

    #[test]
    fn json_lines_are_recognised_past_a_broken_or_pretty_first_line() {
        let text = "{\"problem_id\": \"p1\", \"answer\n{\"problem_id\": \"p1\", \"answer\": \"4\", \"correct\": true}\n{\"problem_id\": \"p2\", \"answer\": \"5\", \"correct\": false, \"score\": 0.3}\n";
        let sniff = Sniff::of(text.as_bytes());
        assert!(
            sniff.has_columns(&["problem_id", "answer", "correct", "score"]),
            "{sniff:?}"
        );
        // A first line of 2 MB cut short does not hide the next lines.
        let long = format!(
            "{{\"chain_id\": \"{}\n{{\"chain_id\": 1, \"step\": 0, \"text\": \"a\"}}\n",
            "x".repeat(2 << 20)
        );
        assert!(Sniff::of(long.as_bytes()).has_columns(&["chain_id", "step", "text"]));
        // One pretty-printed object is a document, not lines.
        let doc = "{\n  \"eval\": {\"HumanEval/0\": [{\"base_status\": \"pass\"}]},\n  \"date\": \"x\"\n}\n";
        let sniff = Sniff::of(doc.as_bytes());
        let eval = sniff.json().and_then(|n| n.get("eval"));
        assert!(eval.is_some_and(|e| e.has("HumanEval/0")), "{sniff:?}");
    }

    #[test]
    fn a_big_document_is_outlined_without_reading_it_all() {
        let mut doc = String::from("{");
        for i in 0..5000 {
            doc.push_str(&format!(
                "\"t{i}\": {{\"0\": {{\"text\": \"x\"}}, \"2\": {{}}}},"
            ));
        }
        doc.push_str("\"last\": 1}");
        let sniff = Sniff::of(doc.as_bytes());
        let node = sniff.json().expect("a document");
        assert_eq!(node.keys().count(), TOP_KEYS);
        assert!(node.first().is_some_and(|v| v.has("0") && v.has("2")));
        // Truncated, it is still outlined as far as it goes.
        let cut = &doc[..doc.len() / 2];
        assert!(Sniff::of(cut.as_bytes()).json().is_some());
        let cut_early = &doc[..40];
        assert!(
            matches!(Sniff::of(cut_early.as_bytes()), Sniff::Json(_)),
            "{:?}",
            Sniff::of(cut_early.as_bytes())
        );
    }

    #[test]
    fn csv_headers_are_columns_lower_cased() {
        let sniff = Sniff::of(b"Chain_ID, step ,text\n1,0,a\n");
        assert!(sniff.has_columns(&["chain_id", "step", "text"]));
        assert_eq!(Sniff::of(b"just some words\n"), Sniff::Text);
    }

    #[test]
    fn formats_no_lab_reads_are_named() {
        let lines = |cols: &[&str]| {
            let obj: serde_json::Map<String, serde_json::Value> = cols
                .iter()
                .map(|c| (c.to_string(), serde_json::Value::from(1)))
                .collect();
            format!(
                "{}\n{}\n",
                serde_json::Value::Object(obj.clone()),
                serde_json::Value::Object(obj)
            )
        };
        let id = |text: String| Sniff::of(text.as_bytes()).foreign().map(|f| f.id);
        assert_eq!(
            id(lines(&[
                "doc_id",
                "doc",
                "target",
                "resps",
                "filtered_resps"
            ])),
            Some("ingest.format.lm_eval")
        );
        assert_eq!(
            id(lines(&["run_id", "event_id", "sample_id", "type", "data"])),
            Some("ingest.format.openai_evals")
        );
        assert_eq!(
            id(lines(&["input", "ideal"])),
            Some("ingest.format.openai_evals_samples")
        );
        assert_eq!(
            id("[{\"idx\": 900, \"ys\": [\"a\"], \"accs\": [true]}, {\"idx\": 901}]".into()),
            Some("ingest.format.tot")
        );
        assert_eq!(
            id("[\"Is 7 prime?\", \"Is 9 prime?\"]".into()),
            Some("ingest.format.questions")
        );
        assert_eq!(
            id("{\"version\": 2, \"status\": \"success\", \"eval\": {\"task\": \"arc\"}, \"samples\": []}".into()),
            Some("ingest.format.inspect_json")
        );
        // Tables of the labs' own columns are not foreign.
        assert_eq!(id(lines(&["task_id", "verifier_pass", "correct"])), None);
        assert_eq!(id("{\"eval\": {\"HumanEval/0\": []}}".into()), None);
        if let Some(bytes) = fixture("inspect_arc_easy_qwen2.5-0.5b.json") {
            assert_eq!(
                Sniff::of(&bytes).foreign().map(|f| f.id),
                Some("ingest.format.inspect_json")
            );
        }
    }
}
