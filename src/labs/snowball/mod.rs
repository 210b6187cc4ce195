//! Hallucination snowballing (Zhang et al. 2023): a wrong first commitment breeds more false
//! claims to justify it.

pub mod analysis;
pub mod charts;
pub mod claims;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod data;
pub mod ingest;
pub mod job;
pub mod lesson;
pub mod link;
pub mod play;
pub mod sim;

use crate::labs::spec::{LabSpec, Lesson, PageNumbers, Paper};
use crate::state::{AppState, Lab};
use sim::{exact, monte_carlo, SnowballParams};

/// Responses the lab's Monte Carlo number uses (as on the page).
pub const MC_RESPONSES: u64 = 10_000;

/// The lab's entry in the registry.
pub struct Spec;

const PAPERS: &[Paper] = &[Paper {
    authors: "Zhang, Press, Merrill, Liu, Smith (2023/2024)",
    title: "How Language Model Hallucinations Can Snowball. ICML 2024.",
    url: "https://arxiv.org/abs/2305.13534",
}];

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

impl LabSpec for Spec {
    fn lab(&self) -> Lab {
        Lab::Snowball
    }

    fn papers(&self) -> &'static [Paper] {
        PAPERS
    }

    fn control_groups(&self) -> &'static [(&'static str, &'static str)] {
        link::CONTROL_GROUPS
    }

    fn decode_link(&self, d: &mut crate::link::Decoder, state: &mut AppState) {
        state.snowball = link::decode(d);
    }

    fn encode_link(&self, state: &AppState, e: &mut crate::link::Encoder) {
        link::encode(&state.snowball, e);
    }

    fn params_are_default(&self, state: &AppState) -> bool {
        state.snowball == SnowballParams::default()
    }

    fn lesson(&self) -> Option<Lesson> {
        Some(lesson::lesson())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn golden(&self) -> Vec<(String, AppState)> {
        let base = AppState {
            lab: Lab::Snowball,
            ..AppState::default()
        };
        let mut out = vec![("snowball: defaults".to_string(), base.clone())];
        for (name, rho) in sim::model_presets() {
            let mut s = base.clone();
            s.snowball.recognition = rho;
            out.push((format!("snowball: {name}"), s));
        }
        let mut s = base.clone();
        s.snowball.order = sim::AnswerOrder::ReasonFirst;
        out.push(("snowball: let's think step by step".into(), s));
        let mut s = base;
        s.snowball.self_check = true;
        out.push(("snowball: self-check on".into(), s));
        out
    }

    fn page_numbers(&self, state: &AppState, out: &mut PageNumbers) {
        let x = exact(&state.snowball);
        let mc = monte_carlo(&state.snowball, state.seed, MC_RESPONSES);
        let mut put = |k: &str, v: Option<f64>| {
            out.insert(k.to_string(), v);
        };
        put("sb_wrong_answer", Some(x.wrong_answer));
        put("sb_mean_false_claims", Some(x.mean_false_claims));
        put("sb_snowballed_share", finite(x.snowballed_share));
        put("sb_amplification", finite(x.amplification));
        put("sb_steps_to_first_error", finite(x.steps_to_first_error));
        put("sb_wrong_answer_mc", Some(mc.wrong_answer));
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn link_numbers(&self, state: &AppState, out: &mut crate::labs::spec::LinkNumbers) {
        let sb = exact(&state.snowball);
        out.insert(
            "snowball".into(),
            serde_json::json!({
                "sb_wrong_answer": sb.wrong_answer,
                "sb_mean_false_claims": sb.mean_false_claims,
                "sb_snowballed_share": sb.snowballed_share,
                "sb_amplification": sb.amplification,
                "sb_steps_to_first_error": sb.steps_to_first_error,
            }),
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn cli(&self) -> Option<crate::labs::spec::CliCommand> {
        Some(cli::command())
    }
}
