//! Search: choosing among many samples with an imperfect scorer — coverage, majority vote,
//! best-of-N by score, weighted vote (search-judges.md §A).

pub mod analysis;
pub mod answers;
pub mod charts;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod estimators;
pub mod ingest;
pub mod job;

use crate::labs::spec::{LabSpec, Lesson, PageNumbers, Paper};
use crate::state::{AppState, Lab};

/// The lab's entry in the registry.
pub struct Spec;

const PAPERS: &[Paper] = &[
    Paper {
        authors: "Yu, Li, Wang (2025)",
        title: "Scaling Flaws of Verifier-Guided Search in Mathematical Reasoning.",
        url: "https://arxiv.org/abs/2502.00271",
    },
    Paper {
        authors: "Yu, Gao, Wang (2024)",
        title: "OVM, Outcome-supervised Value Models for Planning in Mathematical Reasoning. NAACL Findings 2024.",
        url: "https://arxiv.org/abs/2311.09724",
    },
    Paper {
        authors: "Chen, Davis, Hanin, Bailis, Stoica, Zaharia, Zou (2024)",
        title: "Are More LLM Calls All You Need? Towards Scaling Laws of Compound Inference Systems.",
        url: "https://arxiv.org/abs/2403.02419",
    },
];

impl LabSpec for Spec {
    fn lab(&self) -> Lab {
        Lab::Search
    }

    fn papers(&self) -> &'static [Paper] {
        PAPERS
    }

    fn params_are_default(&self, _: &AppState) -> bool {
        true
    }

    fn lesson(&self) -> Option<Lesson> {
        None
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn golden(&self) -> Vec<(String, AppState)> {
        Vec::new()
    }

    fn page_numbers(&self, _: &AppState, _: &mut PageNumbers) {}

    #[cfg(not(target_arch = "wasm32"))]
    fn link_numbers(&self, _: &AppState, _: &mut crate::labs::spec::LinkNumbers) {}

    #[cfg(not(target_arch = "wasm32"))]
    fn cli(&self) -> Option<crate::labs::spec::CliCommand> {
        Some(cli::command())
    }
}
