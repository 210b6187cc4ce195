//! Verifier-limited resampling (Stroebl, Kapoor, Narayanan 2024, *Inference Scaling fLaws*):
//! an imperfect verifier's false positives cap what drawing more samples can reach.

pub mod analysis;
pub mod charts;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod evalplus;
pub mod ingest;
pub mod job;
pub mod lesson;
pub mod link;
pub mod play;
pub mod results;
pub mod sim;
pub mod verifier_table;
pub mod view_model;

use crate::labs::spec::{LabSpec, Lesson, PageNumbers, Paper};
use crate::state::{AppState, Lab};
use sim::{ResamplingParams, TaskMix};

/// The lab's entry in the registry.
pub struct Spec;

const PAPERS: &[Paper] = &[Paper {
    authors: "Stroebl, Kapoor, Narayanan (2024)",
    title: "Inference Scaling fLaws: The Limits of LLM Resampling with Imperfect Verifiers.",
    url: "https://arxiv.org/abs/2411.17501",
}];

impl LabSpec for Spec {
    fn lab(&self) -> Lab {
        Lab::Resampling
    }

    fn papers(&self) -> &'static [Paper] {
        PAPERS
    }

    fn control_groups(&self) -> &'static [(&'static str, &'static str)] {
        link::CONTROL_GROUPS
    }

    fn decode_link(&self, d: &mut crate::link::Decoder, state: &mut AppState) {
        state.resampling = link::decode(d);
    }

    fn encode_link(&self, state: &AppState, e: &mut crate::link::Encoder) {
        link::encode(&state.resampling, e);
    }

    fn params_are_default(&self, state: &AppState) -> bool {
        state.resampling == ResamplingParams::default()
    }

    fn lesson(&self) -> Option<Lesson> {
        Some(lesson::lesson())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn golden(&self) -> Vec<(String, AppState)> {
        let base = AppState {
            lab: Lab::Resampling,
            ..AppState::default()
        };
        let mut out = vec![("resampling: defaults".to_string(), base.clone())];
        for lam in [0.7, 1.0, 2.0, 4.0, 10.0] {
            let mut s = base.clone();
            s.resampling.difficulty = sim::DifficultyModel::TwoType;
            s.resampling.lambda = lam;
            out.push((format!("resampling: two-type example, λ = {lam}"), s));
        }
        out
    }

    fn page_numbers(&self, state: &AppState, out: &mut PageNumbers) {
        let p = &state.resampling;
        let mix = TaskMix::from_params(p, None);
        let curve = mix.curve(p.k_max, p.lambda, p.kappa);
        let mut put = |k: &str, v: Option<f64>| {
            out.insert(k.to_string(), v);
        };
        put(
            "sim_single_sample_accuracy",
            Some(mix.single_sample_accuracy()),
        );
        put("sim_ceiling", Some(mix.ceiling()));
        put("sim_accuracy_at_k_max", curve.last().map(|c| c.accuracy));
        put(
            "sim_optimal_k",
            mix.optimal_k(p.lambda, p.kappa).as_k().map(|k| k as f64),
        );
    }

    /// The resampling numbers sit at the top level of `numbers` (the first lab's, kept so).
    #[cfg(not(target_arch = "wasm32"))]
    fn link_numbers(&self, state: &AppState, out: &mut crate::labs::spec::LinkNumbers) {
        let p = &state.resampling;
        let mix = TaskMix::from_params(p, None);
        let curve = mix.curve(p.k_max, p.lambda, p.kappa);
        let last = curve.last().copied();
        let opt = mix.optimal_k(p.lambda, p.kappa);
        let numbers = serde_json::json!({
            "single_sample_accuracy": mix.single_sample_accuracy(),
            "ceiling": mix.ceiling(),
            "optimal_k": opt.as_k(),
            "optimal_k_text": opt.describe(),
            "accuracy_at_k_max": last.map(|c| c.accuracy),
            "utility_at_k_max": last.map(|c| c.utility),
        });
        if let serde_json::Value::Object(map) = numbers {
            out.extend(map);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn cli(&self) -> Option<crate::labs::spec::CliCommand> {
        Some(cli::command())
    }
}
