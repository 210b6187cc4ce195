//! The resampling lab's upload model: per-task counts of one model's results, whatever format
//! they came in ([`super::evalplus`], [`super::verifier_table`]), and why a file could not be read.

use crate::text::Deferred;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ingest::IngestWarning;

/// Which layout a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResultsFormat {
    EvalplusCurrent,
    EvalplusLegacy,
    Csv,
    Jsonl,
    /// Generated in the page from the simulator (the "try an example" button).
    Simulated,
}

impl fmt::Display for ResultsFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ResultsFormat::EvalplusCurrent => "evalplus-current",
            ResultsFormat::EvalplusLegacy => "evalplus-legacy",
            ResultsFormat::Csv => "csv",
            ResultsFormat::Jsonl => "jsonl",
            ResultsFormat::Simulated => "simulated",
        })
    }
}

/// Per-task sample counts: all the estimator needs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCounts {
    pub task_id: String,
    /// Samples.
    pub n: u32,
    /// Accepted by the verifier and correct.
    pub pass_correct: u32,
    /// Accepted by the verifier and wrong (false positives).
    pub pass_wrong: u32,
    /// Rejected by the verifier.
    pub rejected: u32,
    /// Rejected by the verifier although correct by the truth tests (false negatives).
    pub rejected_correct: u32,
    /// Whether truth (plus tests / `correct`) is known for every sample of this task.
    pub truth: bool,
}

impl TaskCounts {
    /// Correct samples (by the truth tests).
    pub fn correct(&self) -> u32 {
        self.pass_correct + self.rejected_correct
    }
}

/// One model's results, as read from a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsFile {
    /// File name (plus " · model" when a table holds several models).
    pub name: String,
    pub format: ResultsFormat,
    /// Tasks in file order.
    pub tasks: Vec<TaskCounts>,
    /// Problems found; each names where.
    pub warnings: Vec<IngestWarning>,
    /// Tasks or rows skipped because of those problems.
    pub skipped: usize,
}

impl ResultsFile {
    /// Whether any task carries truth (plus results).
    pub fn has_truth(&self) -> bool {
        self.tasks.iter().any(|t| t.truth)
    }
}

/// Why a file could not be read at all (nothing usable in it).
#[derive(Debug, PartialEq)]
pub enum IngestError {
    Empty { name: String },
    Unreadable { name: String, message: Deferred },
}

impl IngestError {
    /// What to tell the visitor (naming the file), worded when shown.
    pub fn message(&self) -> Deferred {
        match self {
            IngestError::Empty { name } => crate::msg!("ingest.empty", name = name),
            IngestError::Unreadable { name, message } => Deferred::new(
                "app.file_message",
                vec![
                    ("name", Deferred::literal(name)),
                    ("message", message.clone()),
                ],
            ),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for IngestError {}

/// Reports progress while reading: `progress(bytes done, bytes total)`.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);
