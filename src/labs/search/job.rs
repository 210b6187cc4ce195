//! The lab's job in the parsing worker: read a search upload and compute its exact curves.
//! Reading is the first half of the progress bar, the curves the rest.

use serde::{Deserialize, Serialize};

use super::analysis::{analyze, FileReport};
use super::ingest::{read_search, Aggregate, Problem};
use crate::protocol::{Progress, WorkerJob};
use crate::state::Lab;
use crate::text::Deferred;

/// Reads a search upload and computes its curves.
pub struct AnalyzeSearch;

/// What the page asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// How step scores become a completion's score.
    pub aggregate: Aggregate,
    /// Seed of the random subsets used where exact counting is too costly.
    pub seed: u64,
}

/// One file (or one model of a file) as read and measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    pub report: FileReport,
    /// The problems and their samples (the table's drill-down).
    pub problems: Vec<Problem>,
}

impl WorkerJob for AnalyzeSearch {
    const LAB: Lab = Lab::Search;
    type Request = Request;
    type Reply = Vec<Measured>;

    fn run(
        name: &str,
        bytes: &[u8],
        req: &Request,
        progress: Progress,
    ) -> Result<Self::Reply, Deferred> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(crate::msg!("ingest.empty", name = name));
        }
        let files = read_search(name, bytes, req.aggregate, &mut |d, total| {
            progress(0.5 * d as f64 / total.max(1) as f64)
        });
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let report = analyze(&file, &[], req.seed);
            out.push(Measured {
                report,
                problems: file.problems,
            });
        }
        progress(1.0);
        if out.iter().all(|m| m.report.problems == 0) {
            let why = out
                .first()
                .and_then(|m| m.report.warnings.first())
                .map(|w| w.deferred())
                .unwrap_or_else(|| crate::msg!("search.ingest.nothing_usable"));
            return Err(Deferred::new(
                "search.ingest.nothing",
                vec![("name", Deferred::literal(name)), ("why", why)],
            ));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{run_job, WorkerMessage};

    #[test]
    fn the_job_gives_the_library_s_report_and_names_a_useless_file() {
        let bytes =
            include_bytes!("../../../tests/fixtures/search_and_learn_beam_math500_first10.jsonl");
        let req = Request {
            aggregate: Aggregate::Stored,
            seed: 3,
        };
        let direct = analyze(
            &read_search("s.jsonl", bytes, Aggregate::Stored, &mut |_, _| {})[0],
            &[],
            3,
        );
        match run_job::<AnalyzeSearch>("s.jsonl", bytes, &req, &mut |_| {}) {
            WorkerMessage::Done { reply, .. } => {
                assert_eq!(reply.len(), 1);
                assert_eq!(reply[0].report, direct);
                assert_eq!(reply[0].problems.len(), 10);
            }
            other => panic!("{other:?}"),
        }
        match run_job::<AnalyzeSearch>("junk.csv", b"a,b\n1,2\n", &req, &mut |_| {}) {
            WorkerMessage::Failed { error } => {
                let text = error.to_string();
                assert!(
                    text.contains("junk.csv") && text.contains("problem_id"),
                    "{text}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
