//! The resampling lab's link keys: mix, a, b, p1, r1, r2, s, sd, c, lam, kap, k, mc, tasks, weak,
//! strong, fnf (README, "Share links"), and the control groups a lesson link can hide.

use super::sim::{DifficultyModel, ResamplingParams};
use crate::link::{Decoder, Encoder, Keyed};

impl Keyed for DifficultyModel {
    const ALL: &'static [Self] = &[
        DifficultyModel::Beta,
        DifficultyModel::TwoType,
        DifficultyModel::FromFile,
    ];
    fn key(self) -> &'static str {
        match self {
            DifficultyModel::Beta => "beta",
            DifficultyModel::TwoType => "two",
            DifficultyModel::FromFile => "file",
        }
    }
}

/// The control groups a lesson link can hide (`hide=`), with the ids of their labels in `text/`.
pub const CONTROL_GROUPS: &[(&str, &str)] = &[
    ("presets", "group.presets"),
    ("difficulty", "group.difficulty"),
    ("verifier", "group.verifier"),
    ("costs", "group.costs"),
    ("monte-carlo", "group.monte-carlo"),
    ("weak-strong", "group.weak-strong"),
    ("models", "group.models"),
];

/// Reads the lab's parameters from a link.
pub fn decode(d: &mut Decoder) -> ResamplingParams {
    let def = ResamplingParams::default();
    let lim = ResamplingParams::LIMITS;
    ResamplingParams {
        difficulty: d.keyed("mix", def.difficulty),
        alpha: d.f64("a", def.alpha, lim.shape.0, lim.shape.1),
        beta: d.f64("b", def.beta, lim.shape.0, lim.shape.1),
        p1: d.f64("p1", def.p1, 0.0, 1.0),
        r1: d.f64("r1", def.r1, 0.0, 1.0),
        r2: d.f64("r2", def.r2, 0.0, 1.0),
        soundness: d.f64("s", def.soundness, 0.0, 1.0),
        hard_drop: d.f64("sd", def.hard_drop, 0.0, 1.0),
        completeness: d.f64("c", def.completeness, 0.0, 1.0),
        lambda: d.f64("lam", def.lambda, 0.0, lim.lambda_max),
        kappa: d.f64("kap", def.kappa, 0.0, lim.kappa_max),
        k_max: d.u64("k", def.k_max as u64, 1, lim.k_max as u64) as u32,
        benchmarks: d.u64("mc", def.benchmarks as u64, 0, lim.benchmarks_max as u64) as u32,
        tasks: d.u64("tasks", def.tasks as u64, 1, lim.tasks_max as u64) as u32,
        weak: d.u64("weak", def.weak as u64, 0, lim.model_max as u64) as u32,
        strong: d.u64("strong", def.strong as u64, 1, lim.model_max as u64) as u32,
        drop_false_negatives: d.flag("fnf", def.drop_false_negatives),
    }
}

/// Writes the parameters that differ from the defaults.
pub fn encode(p: &ResamplingParams, e: &mut Encoder) {
    let def = ResamplingParams::default();
    e.keyed("mix", p.difficulty, def.difficulty);
    e.f64("a", p.alpha, def.alpha);
    e.f64("b", p.beta, def.beta);
    e.f64("p1", p.p1, def.p1);
    e.f64("r1", p.r1, def.r1);
    e.f64("r2", p.r2, def.r2);
    e.f64("s", p.soundness, def.soundness);
    e.f64("sd", p.hard_drop, def.hard_drop);
    e.f64("c", p.completeness, def.completeness);
    e.f64("lam", p.lambda, def.lambda);
    e.f64("kap", p.kappa, def.kappa);
    e.u64("k", p.k_max as u64, def.k_max as u64);
    e.u64("mc", p.benchmarks as u64, def.benchmarks as u64);
    e.u64("tasks", p.tasks as u64, def.tasks as u64);
    e.u64("weak", p.weak as u64, def.weak as u64);
    e.u64("strong", p.strong as u64, def.strong as u64);
    e.flag("fnf", p.drop_false_negatives, def.drop_false_negatives);
}
