//! Search: choosing among many samples with an imperfect scorer — coverage, majority vote,
//! best-of-N by score, weighted vote (search-judges.md §A).

pub mod analysis;
pub mod answers;
pub mod beam;
pub mod charts;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod estimators;
pub mod ingest;
pub mod job;
pub mod lesson;
pub mod link;
pub mod sim;

use crate::labs::spec::{LabSpec, Lesson, PageNumbers, Paper};
use crate::state::{AppState, Lab};
use sim::{exact, headline, monte_carlo, vote_table, SearchParams};

/// Problems the lab's Monte Carlo draws (as on the page).
pub const MC_PROBLEMS: u32 = 2_000;

/// The lab's headline numbers for `state` (the page shows them under these names).
pub fn numbers(p: &SearchParams, seed: u64) -> Vec<(&'static str, Option<f64>)> {
    let x = exact(p, &vote_table(p));
    let mc = monte_carlo(p, seed, MC_PROBLEMS);
    let Some(h) = headline(&x, &mc) else {
        return Vec::new();
    };
    vec![
        ("search_sim_coverage", Some(h.coverage)),
        ("search_sim_majority", h.majority),
        ("search_sim_majority_mc", Some(h.majority_mc)),
        ("search_sim_best", Some(h.best_of_n)),
        ("search_sim_best_mc", Some(h.best_of_n_mc)),
        ("search_sim_weighted_mc", Some(h.weighted_mc)),
        ("search_sim_gap", Some(h.gap)),
        ("search_sim_kl", Some(h.kl)),
        ("search_sim_best_stops", h.best_stops.map(f64::from)),
        ("search_sim_majority_stops", h.majority_stops.map(f64::from)),
    ]
    .into_iter()
    .chain(beam_numbers(p, seed, &x))
    .collect()
}

/// The beam-search numbers (at the largest budget; the lead where it is largest).
pub fn beam_numbers(
    p: &SearchParams,
    seed: u64,
    x: &[sim::ExactPoint],
) -> Vec<(&'static str, Option<f64>)> {
    let pts = beam::monte_carlo(p, seed, beam::BEAM_PROBLEMS);
    let Some(h) = beam::headline(&pts, p.beams, x) else {
        return Vec::new();
    };
    vec![
        ("search_beam_any", Some(h.any_final)),
        ("search_beam_top", Some(h.top_final)),
        ("search_beam_lead", Some(h.lead)),
        ("search_beam_lead_n", Some(f64::from(h.lead_at))),
        ("search_beam_behind", h.behind_from.map(f64::from)),
    ]
}

/// The lab's entry in the registry.
pub struct Spec;

const PAPERS: &[Paper] = &[
    Paper {
        authors: "Brown, Juravsky, Ehrlich, Clark, Le, Ré, Mirhoseini (2024)",
        title: "Large Language Monkeys: Scaling Inference Compute with Repeated Sampling.",
        url: "https://arxiv.org/abs/2407.21787",
    },
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

    fn control_groups(&self) -> &'static [(&'static str, &'static str)] {
        link::CONTROL_GROUPS
    }

    fn decode_link(&self, d: &mut crate::link::Decoder, state: &mut AppState) {
        state.search = link::decode(d);
    }

    fn encode_link(&self, state: &AppState, e: &mut crate::link::Encoder) {
        link::encode(&state.search, e);
    }

    fn params_are_default(&self, state: &AppState) -> bool {
        state.search == SearchParams::default()
    }

    fn lesson(&self) -> Option<Lesson> {
        Some(lesson::lesson())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn golden(&self) -> Vec<(String, AppState)> {
        let base = AppState {
            lab: Lab::Search,
            ..AppState::default()
        };
        let mut out = vec![("search: defaults".to_string(), base.clone())];
        for (key, _, p) in sim::presets() {
            let mut s = base.clone();
            s.search = p;
            out.push((format!("search: {key}"), s));
        }
        out
    }

    fn page_numbers(&self, state: &AppState, out: &mut PageNumbers) {
        for (k, v) in numbers(&state.search, state.seed) {
            out.insert(k.to_string(), v);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn link_numbers(&self, state: &AppState, out: &mut crate::labs::spec::LinkNumbers) {
        let map: serde_json::Map<String, serde_json::Value> = numbers(&state.search, state.seed)
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
            .collect();
        out.insert("search".into(), serde_json::Value::Object(map));
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn cli(&self) -> Option<crate::labs::spec::CliCommand> {
        Some(cli::command())
    }
}
