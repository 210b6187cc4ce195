//! The lab's job in the parsing worker: read one upload into per-task counts.

use super::ingest::read_results_with_progress;
use super::results::ResultsFile;
use crate::protocol::{Progress, WorkerJob};
use crate::state::Lab;
use crate::text::Deferred;

/// Reads an EvalPlus results file or a verifier table (one [`ResultsFile`] per model).
pub struct ReadResults;

impl WorkerJob for ReadResults {
    const LAB: Lab = Lab::Resampling;
    type Request = ();
    type Reply = Vec<ResultsFile>;

    fn run(name: &str, bytes: &[u8], _: &(), progress: Progress) -> Result<Self::Reply, Deferred> {
        read_results_with_progress(name, bytes, &mut |done, total| {
            progress(done as f64 / total.max(1) as f64)
        })
        .map_err(|e| e.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{run_job, WorkerMessage};

    #[test]
    fn a_table_is_read_and_an_empty_file_fails_with_its_name() {
        let table = b"task_id,verifier_pass,correct\nt1,1,1\nt1,0,0\nt2,1,0\n";
        let mut shares = Vec::new();
        match run_job::<ReadResults>("t.csv", table, &(), &mut |s| shares.push(s)) {
            WorkerMessage::Done { reply, hash, .. } => {
                assert_eq!(reply.len(), 1);
                assert_eq!(reply[0].tasks.len(), 2);
                assert_eq!(hash, crate::ingest::short_hash(table));
            }
            other => panic!("{other:?}"),
        }
        assert!(shares.iter().all(|s| (0.0..=1.0).contains(s)));
        match run_job::<ReadResults>("empty.json", b"  ", &(), &mut |_| {}) {
            WorkerMessage::Failed { error } => {
                assert!(error.to_string().contains("empty.json"), "{error}")
            }
            other => panic!("{other:?}"),
        }
    }
}
