//! Reading a resampling upload: the format is sniffed from the content (an EvalPlus results
//! object, or a verifier table as JSON lines or CSV) and handed to its reader.

use super::evalplus::read_evalplus;
use super::results::{IngestError, Progress, ResultsFile};
use super::verifier_table;
use crate::ingest::decode_text;

/// Reads one upload; a table with a `model` column gives one [`ResultsFile`] per model.
pub fn read_results(name: &str, bytes: &[u8]) -> Result<Vec<ResultsFile>, IngestError> {
    read_results_with_progress(name, bytes, &mut |_, _| {})
}

/// [`read_results`], calling `progress` as it goes (the worker turns it into a progress bar).
pub fn read_results_with_progress(
    name: &str,
    bytes: &[u8],
    progress: Progress,
) -> Result<Vec<ResultsFile>, IngestError> {
    let mut warnings = Vec::new();
    let text = decode_text(bytes, &mut warnings);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(IngestError::Empty {
            name: name.to_string(),
        });
    }
    let files = if trimmed.starts_with('{') && !looks_like_jsonl(trimmed) {
        vec![read_evalplus(name, &text, warnings, progress)?]
    } else if trimmed.starts_with('{') {
        verifier_table::read_jsonl(name, &text, warnings, progress)?
    } else {
        verifier_table::read_csv(name, &text, warnings, progress)?
    };
    Ok(files)
}

/// A JSON-lines table starts with a one-line object that has `task_id` and no `eval`.
fn looks_like_jsonl(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("").trim();
    if first.len() > 1 << 16 {
        return false;
    }
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(first) {
        Ok(obj) => obj.contains_key("task_id") && !obj.contains_key("eval"),
        Err(_) => false,
    }
}
