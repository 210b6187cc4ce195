//! The lab's job in the parsing worker: read chains and measure every step against the
//! original and the previous step. Parsing is the first 30 % of the progress bar, scoring the
//! rest.

use crate::text::Deferred;
use serde::{Deserialize, Serialize};

use super::analysis::{score_chains, summarize, TelephoneReport};
use super::ingest::{read_chains_with_progress, ChainFile};
use crate::protocol::{Progress, WorkerJob};
use crate::state::Lab;

/// Chains whose texts the worker sends back to the page (the diff view); the report covers all.
pub const CHAINS_WITH_TEXT: usize = 500;

/// Reads and measures a chain file.
pub struct MeasureChains;

/// What the page asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The metric the plateau is fitted to.
    pub fit: String,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The chains, with the texts of the first [`CHAINS_WITH_TEXT`] only.
    pub file: ChainFile,
    /// The measurements of every chain.
    pub report: TelephoneReport,
}

impl WorkerJob for MeasureChains {
    const LAB: Lab = Lab::Telephone;
    type Request = Request;
    type Reply = Reply;

    fn run(name: &str, bytes: &[u8], req: &Request, progress: Progress) -> Result<Reply, Deferred> {
        let mut chains = read_chains_with_progress(bytes, &mut |d, total| {
            progress(0.3 * d as f64 / total.max(1) as f64)
        });
        if chains.chains.is_empty() {
            let why = chains
                .warnings
                .first()
                .map(|w| w.deferred())
                .unwrap_or_else(|| crate::msg!("telephone.ingest.no_chains"));
            return Err(Deferred::new(
                "telephone.ingest.nothing",
                vec![("name", Deferred::literal(name)), ("why", why)],
            ));
        }
        let per_chain = score_chains(&chains.chains, &mut |d, total| {
            progress(0.3 + 0.7 * d as f64 / total.max(1) as f64)
        });
        let report = summarize(&chains, per_chain, &req.fit);
        chains.chains.truncate(CHAINS_WITH_TEXT);
        Ok(Reply {
            file: chains,
            report,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{run_job, WorkerMessage};

    #[test]
    fn chains_are_measured_and_a_file_without_chains_fails_with_its_name() {
        let bytes = include_bytes!("../../../tests/fixtures/telephone_chains.jsonl");
        let req = Request { fit: "chrf".into() };
        match run_job::<MeasureChains>("c.jsonl", bytes, &req, &mut |_| {}) {
            WorkerMessage::Done { reply, .. } => {
                let direct = super::super::analysis::analyze(
                    &super::super::ingest::read_chains(bytes),
                    "chrf",
                );
                assert_eq!(reply.report, direct);
            }
            other => panic!("{other:?}"),
        }
        match run_job::<MeasureChains>("junk.bin", b"\x00\x01nothing", &req, &mut |_| {}) {
            WorkerMessage::Failed { error } => {
                assert!(error.to_string().contains("junk.bin"), "{error}")
            }
            other => panic!("{other:?}"),
        }
    }
}
