//! Reading a resampling upload: the format is sniffed from the content (an EvalPlus results
//! object, or a verifier table as JSON lines or CSV) and handed to its reader.

use super::evalplus::read_evalplus;
use super::results::{IngestError, Progress, ResultsFile};
use super::verifier_table;
use crate::ingest::decode_text;
use crate::ingest::detect::{Node, Sniff};

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
    let files = if trimmed.starts_with('{') && !looks_like_jsonl(bytes) {
        vec![read_evalplus(name, &text, warnings, progress)?]
    } else if trimmed.starts_with('{') {
        verifier_table::read_jsonl(name, &text, warnings, progress)?
    } else {
        verifier_table::read_csv(name, &text, warnings, progress)?
    };
    Ok(files)
}

/// A JSON-lines table: objects one per line (the first lines that parse tell, so a broken or
/// over-long first line does not), or one line that has `task_id` and no `eval`.
fn looks_like_jsonl(bytes: &[u8]) -> bool {
    match Sniff::of(bytes) {
        Sniff::Records { json_lines, .. } => json_lines,
        Sniff::Json(node) => node.has("task_id") && !node.has("eval"),
        _ => false,
    }
}

/// The formats this lab reads, recognised from a file's outline (the catalog id of the one
/// it is): an EvalPlus results object, or a verifier table.
pub fn recognise(sniff: &Sniff) -> Option<&'static str> {
    let eval = sniff.json().and_then(|n| n.get("eval"));
    if matches!(eval, Some(Node::Object(_))) {
        return Some("resampling.format.evalplus");
    }
    sniff
        .has_columns(&["task_id", "verifier_pass", "correct"])
        .then_some("resampling.format.verifier_table")
}
