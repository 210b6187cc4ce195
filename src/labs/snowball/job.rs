//! The lab's job in the parsing worker: read an answers file and analyse it per category, off
//! the main thread (a file of long responses takes a while to check claim by claim).

use super::analysis::{analyze, SnowballReport};
use super::ingest::read_answers;
use crate::protocol::{Progress, WorkerJob};
use crate::state::Lab;
use crate::tr;

/// Reads a HALoGEN rationalization CSV or a generic answers table and analyses it.
pub struct AnalyzeAnswers;

impl WorkerJob for AnalyzeAnswers {
    const LAB: Lab = Lab::Snowball;
    type Request = ();
    type Reply = SnowballReport;

    fn run(name: &str, bytes: &[u8], _: &(), progress: Progress) -> Result<Self::Reply, String> {
        let read = read_answers(bytes);
        progress(0.5);
        if read.rows.is_empty() && bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(tr!("ingest.empty", name = name));
        }
        let warnings = read.warnings.iter().map(|w| w.to_string()).collect();
        Ok(analyze(&read.rows, read.skipped, warnings))
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
            WorkerMessage::Done { reply, .. } => assert_eq!(reply, direct),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            run_job::<AnalyzeAnswers>("e.csv", b"", &(), &mut |_| {}),
            WorkerMessage::Failed { .. }
        ));
    }
}
