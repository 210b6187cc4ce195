//! The headline numbers of a share link under the names the page shows them by (`data-metric`),
//! computed natively exactly as the page computes them in wasm: what `cascade link --json`
//! prints as `page`, and what the golden links (`tests/golden_links.json`) pin, one link per
//! preset of every lab.

use std::collections::BTreeMap;

use crate::share::{AppState, Lab};
use crate::sims::resampling::TaskMix;

/// Responses and passages the labs' Monte Carlo numbers use (as on the page).
pub const SNOWBALL_MC_RESPONSES: u64 = 10_000;
pub const TELEPHONE_MC_PASSAGES: u32 = 300;

/// `data-metric` name → value (`None` where the page shows "n/a").
pub type PageNumbers = BTreeMap<String, Option<f64>>;

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The numbers the page shows for `state` (its lab's headline metrics).
pub fn page_numbers(state: &AppState) -> PageNumbers {
    let mut out = PageNumbers::new();
    let mut put = |k: &str, v: Option<f64>| {
        out.insert(k.to_string(), v);
    };
    match state.lab {
        Lab::Resampling => {
            let p = &state.resampling;
            let mix = TaskMix::from_params(p, None);
            let curve = mix.curve(p.k_max, p.lambda, p.kappa);
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
        Lab::Snowball => {
            use crate::sims::snowball::{exact, monte_carlo};
            let x = exact(&state.snowball);
            put("sb_wrong_answer", Some(x.wrong_answer));
            put("sb_mean_false_claims", Some(x.mean_false_claims));
            put("sb_snowballed_share", finite(x.snowballed_share));
            put("sb_amplification", finite(x.amplification));
            put("sb_steps_to_first_error", finite(x.steps_to_first_error));
            let mc = monte_carlo(&state.snowball, state.seed, SNOWBALL_MC_RESPONSES);
            put("sb_wrong_answer_mc", Some(mc.wrong_answer));
        }
        Lab::Telephone => {
            use crate::sims::telephone::{exact, fitted_plateau, half_drop, monte_carlo};
            let c = exact(&state.telephone);
            put("tel_factscore", c.last().map(|p| p.factscore));
            put("tel_retained", c.last().map(|p| p.retained));
            put("tel_half_drop", half_drop(&c));
            let fit = fitted_plateau(&c);
            put("tel_plateau", fit.map(|f| f.plateau));
            put("tel_half_life", fit.map(|f| f.half_life));
            let mc = monte_carlo(&state.telephone, state.seed, TELEPHONE_MC_PASSAGES);
            put("tel_factscore_mc", mc.last().map(|m| m.factscore));
        }
        _ => {}
    }
    out
}

/// The golden links: (name, query) — the defaults of each lab, and one per preset.
pub fn golden_links() -> Vec<(String, String)> {
    use crate::share::AppState as S;
    let mut out = Vec::new();
    let mut add = |name: String, s: S| out.push((name, s.encode()));
    let base = |lab: Lab| S {
        lab,
        ..S::default()
    };
    add("resampling: defaults".into(), base(Lab::Resampling));
    for lam in [0.7, 1.0, 2.0, 4.0, 10.0] {
        let mut s = base(Lab::Resampling);
        s.resampling.difficulty = crate::sims::resampling::DifficultyModel::TwoType;
        s.resampling.lambda = lam;
        add(format!("resampling: two-type example, λ = {lam}"), s);
    }
    add("snowball: defaults".into(), base(Lab::Snowball));
    for (name, rho) in crate::sims::snowball::model_presets() {
        let mut s = base(Lab::Snowball);
        s.snowball.recognition = rho;
        add(format!("snowball: {name}"), s);
    }
    let mut s = base(Lab::Snowball);
    s.snowball.order = crate::sims::snowball::AnswerOrder::ReasonFirst;
    add("snowball: let's think step by step".into(), s);
    let mut s = base(Lab::Snowball);
    s.snowball.self_check = true;
    add("snowball: self-check on".into(), s);
    add("telephone: defaults".into(), base(Lab::Telephone));
    for p in crate::sims::telephone::presets() {
        let mut s = base(Lab::Telephone);
        s.telephone = p.params;
        add(format!("telephone: {}", p.label), s);
    }
    for lab in crate::lessons::lesson_labs() {
        let Some(l) = crate::lessons::lesson(lab) else {
            continue;
        };
        for (i, st) in l.stages.iter().enumerate() {
            if let Some(s) = crate::lessons::stage_state(&S::default(), lab, i as u32 + 1) {
                add(
                    format!("lesson {}, stage {}: {}", lab.key(), i + 1, st.title),
                    s,
                );
            }
        }
    }
    out
}
