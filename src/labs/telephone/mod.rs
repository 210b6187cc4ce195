//! Broken-telephone chains (Mohamed et al. 2025): a message drifts as models translate and
//! re-translate it.

pub mod analysis;
pub mod charts;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod ingest;
pub mod job;
pub mod lesson;
pub mod link;
pub mod sim;
pub mod view_model;

use crate::labs::spec::{LabSpec, Lesson, PageNumbers, Paper};
use crate::state::{AppState, Lab};
use sim::{exact, fitted_plateau, half_drop, monte_carlo, TelephoneParams};

/// Passages the lab's Monte Carlo numbers use (as on the page).
pub const MC_PASSAGES: u32 = 300;

/// The lab's entry in the registry.
pub struct Spec;

const PAPERS: &[Paper] = &[Paper {
    authors: "Mohamed, Geng, Vazirgiannis, Shang (2025)",
    title: "LLM as a Broken Telephone: Iterative Generation Distorts Information. ACL 2025.",
    url: "https://arxiv.org/abs/2502.20258",
}];

impl LabSpec for Spec {
    fn lab(&self) -> Lab {
        Lab::Telephone
    }

    fn papers(&self) -> &'static [Paper] {
        PAPERS
    }

    fn control_groups(&self) -> &'static [(&'static str, &'static str)] {
        link::CONTROL_GROUPS
    }

    fn decode_link(&self, d: &mut crate::link::Decoder, state: &mut AppState) {
        state.telephone = link::decode(d);
    }

    fn encode_link(&self, state: &AppState, e: &mut crate::link::Encoder) {
        link::encode(&state.telephone, e);
    }

    fn params_are_default(&self, state: &AppState) -> bool {
        state.telephone == TelephoneParams::default()
    }

    fn lesson(&self) -> Option<Lesson> {
        Some(lesson::lesson())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn golden(&self) -> Vec<(String, AppState)> {
        let base = AppState {
            lab: Lab::Telephone,
            ..AppState::default()
        };
        let mut out = vec![("telephone: defaults".to_string(), base.clone())];
        for p in sim::presets() {
            let mut s = base.clone();
            s.telephone = p.params;
            out.push((format!("telephone: {}", p.label), s));
        }
        out
    }

    fn page_numbers(&self, state: &AppState, out: &mut PageNumbers) {
        let c = exact(&state.telephone);
        let fit = fitted_plateau(&c);
        let mc = monte_carlo(&state.telephone, state.seed, MC_PASSAGES);
        let mut put = |k: &str, v: Option<f64>| {
            out.insert(k.to_string(), v);
        };
        put("tel_factscore", c.last().map(|p| p.factscore));
        put("tel_retained", c.last().map(|p| p.retained));
        put("tel_half_drop", half_drop(&c));
        put("tel_plateau", fit.map(|f| f.plateau));
        put("tel_half_life", fit.map(|f| f.half_life));
        put("tel_factscore_mc", mc.last().map(|m| m.factscore));
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn link_numbers(&self, state: &AppState, out: &mut crate::labs::spec::LinkNumbers) {
        let tel = exact(&state.telephone);
        let last = tel.last();
        out.insert(
            "telephone".into(),
            serde_json::json!({
                "tel_factscore": last.map(|p| p.factscore),
                "tel_retained": last.map(|p| p.retained),
                "tel_half_drop": half_drop(&tel),
            }),
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn cli(&self) -> Option<crate::labs::spec::CliCommand> {
        Some(cli::command())
    }
}
