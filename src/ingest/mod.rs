//! Parsers: uploaded bytes → typed records plus row-level warnings (one file per format).
//!
//! A parser never panics and never gives up on a whole file for one bad row: it keeps the good
//! records, says what it skipped and why (file, line or task, field), and counts the skips.

pub mod evalplus;
pub mod snowball;
pub mod verifier_table;

use serde::{Deserialize, Serialize};

use self::evalplus::ResultsFile;

/// One problem found in an upload, located as precisely as the format allows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestWarning {
    /// Where: "line 7", "task HumanEval/3 (line 1)", or "file".
    pub location: String,
    /// The field concerned, if one.
    pub field: Option<String>,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl IngestWarning {
    pub fn new(
        location: impl Into<String>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location: location.into(),
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for IngestWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}, field {field}: {}", self.location, self.message),
            None => write!(f, "{}: {}", self.location, self.message),
        }
    }
}

/// Text of an upload: UTF-8 (a BOM removed), with invalid bytes replaced and reported.
pub fn decode_text<'a>(
    bytes: &'a [u8],
    warnings: &mut Vec<IngestWarning>,
) -> std::borrow::Cow<'a, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        // Borrowed: a 100 MB upload is not copied.
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let bad = String::from_utf8_lossy(bytes).matches('\u{FFFD}').count();
            warnings.push(IngestWarning::new(
                format!("line {line}"),
                None,
                format!("the file is not valid UTF-8 ({bad} invalid byte sequences replaced by �)"),
            ));
            String::from_utf8_lossy(bytes)
        }
    }
}

/// 1-based line number of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
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

/// Messages from the parsing Web Worker to the page (sent through serde-wasm-bindgen).
/// Externally tagged (serde's default): an internally tagged enum would buffer every message
/// through serde's generic `Content` type, which costs ~25 KB of wasm in the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParseReply {
    /// The worker has started and is listening (messages sent before this would be lost).
    Ready,
    /// Bytes of the file processed so far.
    Progress { done: u64, total: u64 },
    /// The models read from the file.
    Done {
        files: Vec<ResultsFile>,
        hash: String,
        ms: f64,
    },
    /// Nothing usable in the file.
    Failed { error: String },
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_hash_is_fnv1a() {
        assert_eq!(super::short_hash(b""), "cbf29ce484222325");
        assert_eq!(super::short_hash(b"a"), "af63dc4c8601ec8c");
    }
}
