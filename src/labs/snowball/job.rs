//! The lab's job in the parsing worker: read an answers file and analyse it per category, off
//! the main thread (a file of long responses takes a while to check claim by claim).

use super::analysis::{analyze, SnowballReport};
use super::ingest::read_answers;
use crate::text::Deferred;
use serde::{Deserialize, Serialize};

use crate::ingest::IngestWarning;
use crate::protocol::{Progress, WorkerJob};
use crate::state::Lab;

/// Reads a HALoGEN rationalization CSV or a generic answers table and analyses it.
pub struct AnalyzeAnswers;

/// The analysis, and the reader's warnings kept as data (worded on the page, in its language).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// Per category and overall.
    pub report: SnowballReport,
    /// What the reader skipped or doubted, with where.
    pub warnings: Vec<IngestWarning>,
}

impl WorkerJob for AnalyzeAnswers {
    const LAB: Lab = Lab::Snowball;
    type Request = ();
    type Reply = Reply;

    fn run(name: &str, bytes: &[u8], _: &(), progress: Progress) -> Result<Self::Reply, Deferred> {
        let read = read_answers(bytes);
        progress(0.5);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(crate::msg!("ingest.empty", name = name));
        }
        // A file with no answer row is refused, not reported as "0 rows read".
        if read.rows.is_empty() {
            let why = read
                .warnings
                .first()
                .map(|w| w.deferred())
                .unwrap_or_else(|| crate::msg!("snowball.ingest.no_rows"));
            return Err(Deferred::new(
                "snowball.ingest.nothing",
                vec![("name", Deferred::literal(name)), ("why", why)],
            ));
        }
        let worded = read.warnings.iter().map(|w| w.to_string()).collect();
        Ok(Reply {
            report: analyze(&read.rows, read.skipped, worded),
            warnings: read.warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{run_job, WorkerMessage};

    #[test]
    fn the_job_gives_the_same_report_as_the_library() {
        let bytes = include_bytes!("../../../tests/fixtures/snowball_generic_claims.csv");
        let read = read_answers(bytes);
        let warnings = read.warnings.iter().map(|w| w.to_string()).collect();
        let direct = analyze(&read.rows, read.skipped, warnings);
        match run_job::<AnalyzeAnswers>("a.csv", bytes, &(), &mut |_| {}) {
            WorkerMessage::Done { reply, .. } => {
                assert_eq!(reply.report, direct);
                assert_eq!(reply.warnings, read.warnings);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            run_job::<AnalyzeAnswers>("e.csv", b"", &(), &mut |_| {}),
            WorkerMessage::Failed { .. }
        ));
        // A file of another lab (a Broken Telephone JSONL) holds no answer row: refused, named,
        // never a "0 rows read" report with a Fit button.
        let other = b"{\"chain_id\": \"a\", \"step\": 0, \"text\": \"hello\"}\n";
        match run_job::<AnalyzeAnswers>("chains.jsonl", other, &(), &mut |_| {}) {
            WorkerMessage::Failed { error, .. } => {
                assert!(error.to_string().contains("chains.jsonl"), "{error}")
            }
            other => panic!("{other:?}"),
        }
    }
}
