//! What the lab's page derives from its parameters, as plain functions the page's memos call
//! and the native tests check: which parameters the task mixture depends on (so that moving a
//! cost does not integrate the Beta distribution again), utility re-weighted from the cost-free
//! curve, the Monte Carlo inputs, and the weak-vs-strong comparison.

use super::analysis::FileAnalysis;
use super::charts as figs;
use super::sim::{crossing, Crossing, CurvePoint, PaperModel, ResamplingParams, TaskMix};
use crate::charts::Figure;
use crate::tr;

/// The parameters the task mixture depends on (difficulty and verifier), the rest at defaults:
/// equal keys give equal mixtures.
pub fn mixture_key(p: &ResamplingParams) -> ResamplingParams {
    ResamplingParams {
        difficulty: p.difficulty,
        alpha: p.alpha,
        beta: p.beta,
        p1: p.p1,
        r1: p.r1,
        r2: p.r2,
        soundness: p.soundness,
        hard_drop: p.hard_drop,
        completeness: p.completeness,
        ..ResamplingParams::default()
    }
}

/// The parameters the Monte Carlo benchmarks depend on: costs and the model pickers left out
/// (utility is re-weighted from the outcomes).
pub fn monte_carlo_key(p: &ResamplingParams) -> ResamplingParams {
    ResamplingParams {
        lambda: 0.0,
        kappa: 0.0,
        weak: 0,
        strong: 0,
        ..p.clone()
    }
}

/// The curve with utility for costs λ and κ, from the curve computed without costs (accuracy,
/// false positives and samples do not depend on them): U = acc − λ·FP − κ·samples.
pub fn with_costs(curve: &[CurvePoint], lambda: f64, kappa: f64) -> Vec<CurvePoint> {
    curve
        .iter()
        .map(|p| CurvePoint {
            utility: p.accuracy - lambda * p.false_positive - kappa * p.samples,
            ..*p
        })
        .collect()
}

/// An uploaded file as a curve (the unbiased estimator's points; samples are not drawn there).
pub fn upload_curve(a: &FileAnalysis) -> Vec<CurvePoint> {
    a.curve
        .iter()
        .map(|c| CurvePoint {
            k: c.k,
            accuracy: c.accuracy.unwrap_or(0.0),
            false_positive: c.false_positive.unwrap_or(0.0),
            abstain: c.abstain,
            samples: 0.0,
            utility: c.utility.unwrap_or(0.0),
        })
        .collect()
}

/// An uploaded file as a model of the scatter: single-sample accuracy and ceiling.
pub fn upload_model(a: &FileAnalysis) -> PaperModel {
    PaperModel {
        name: a.name.clone(),
        pass1: a.single_sample_accuracy.unwrap_or(0.0),
        ceiling: a.ceiling.unwrap_or(0.0),
    }
}

/// The weak side of the comparison: a name, its curve and its ceiling.
#[derive(Clone, Debug, PartialEq)]
pub struct Weak {
    /// Shown in the sentence and the legend.
    pub name: String,
    /// Accuracy against k.
    pub curve: Vec<CurvePoint>,
    /// Its limit as k grows.
    pub ceiling: f64,
}

impl Weak {
    /// A simulated model (the lab's settings or one of the paper's) up to `k_max`.
    pub fn simulated(name: String, mix: &TaskMix, k_max: u32) -> Self {
        Weak {
            name,
            curve: mix.curve(k_max, 0.0, 0.0),
            ceiling: mix.ceiling(),
        }
    }

    /// An uploaded file.
    pub fn uploaded(a: &FileAnalysis) -> Self {
        Weak {
            name: a.name.clone(),
            curve: upload_curve(a),
            ceiling: a.ceiling.unwrap_or(0.0),
        }
    }
}

/// A weak model with many samples against a strong model's single sample (science.md §3.6).
#[derive(Clone, Debug, PartialEq)]
pub struct WeakVsStrong {
    /// The weak side.
    pub weak: Weak,
    /// The strong side.
    pub strong: PaperModel,
    /// Where the weak model's accuracy reaches the strong model's pass@1.
    pub verdict: Crossing,
    /// The largest k drawn.
    pub shown_k: u32,
}

impl WeakVsStrong {
    /// Compares the two; `k_max` is the budget when the weak curve is empty.
    pub fn new(weak: Weak, strong: PaperModel, k_max: u32) -> Self {
        let verdict = crossing(&weak.curve, weak.ceiling, strong.pass1);
        let shown_k = weak.curve.last().map(|c| c.k).unwrap_or(k_max);
        WeakVsStrong {
            weak,
            strong,
            verdict,
            shown_k,
        }
    }

    /// The `data-value` of `weak_strong_crossing`: k, `beyond` or `never`.
    pub fn value(&self) -> String {
        match self.verdict {
            Crossing::At { k } => k.to_string(),
            Crossing::BeyondBudget => "beyond".into(),
            Crossing::Never { .. } => "never".into(),
        }
    }

    /// The verdict in words.
    pub fn sentence(&self) -> String {
        let (weak, strong) = (&self.weak.name, &self.strong.name);
        let pass1 = format!("{:.1}", 100.0 * self.strong.pass1);
        match self.verdict {
            Crossing::At { k } => tr!(
                "resampling.crossing.at",
                weak = weak,
                strong = strong,
                pass1 = pass1,
                k = k
            ),
            Crossing::BeyondBudget => tr!(
                "resampling.crossing.beyond",
                weak = weak,
                strong = strong,
                pass1 = pass1,
                k = self.shown_k
            ),
            Crossing::Never { ceiling } => tr!(
                "resampling.crossing.never",
                weak = weak,
                strong = strong,
                pass1 = pass1,
                ceiling = format!("{:.1}", 100.0 * ceiling)
            ),
        }
    }

    /// The chart.
    pub fn figure(&self) -> Figure {
        figs::weak_vs_strong(
            &self.weak.name,
            &self.weak.curve,
            self.weak.ceiling,
            &self.strong,
            &self.sentence(),
            self.shown_k.max(2),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::resampling::sim::{humaneval_models, DifficultyModel};

    #[test]
    fn costs_reweight_the_cost_free_curve_to_the_exact_utility() {
        let p = ResamplingParams::two_type_example();
        let mix = TaskMix::from_params(&mixture_key(&p), None);
        let free = mix.curve(50, 0.0, 0.0);
        for (lambda, kappa) in [(0.0, 0.0), (2.0, 0.0), (0.7, 0.01)] {
            let exact = mix.curve(50, lambda, kappa);
            for (a, b) in with_costs(&free, lambda, kappa).iter().zip(&exact) {
                assert!((a.utility - b.utility).abs() < 1e-12, "k = {}", a.k);
                assert_eq!(a.accuracy, b.accuracy);
            }
        }
    }

    #[test]
    fn keys_ignore_what_they_do_not_depend_on() {
        let mut p = ResamplingParams::default();
        let (m, c) = (mixture_key(&p), monte_carlo_key(&p));
        p.lambda = 3.0;
        p.kappa = 0.1;
        p.strong = 4;
        assert_eq!(mixture_key(&p), m);
        assert_eq!(monte_carlo_key(&p), c);
        p.k_max = 17;
        assert_eq!(
            mixture_key(&p),
            m,
            "the mixture does not depend on the budget"
        );
        assert_ne!(monte_carlo_key(&p), c, "the benchmarks do");
        p.difficulty = DifficultyModel::TwoType;
        assert_ne!(mixture_key(&p), m);
    }

    #[test]
    fn a_weak_model_with_a_low_ceiling_never_reaches_a_strong_one() {
        let models = humaneval_models();
        let best = models
            .iter()
            .max_by(|a, b| a.pass1.total_cmp(&b.pass1))
            .unwrap()
            .clone();
        let low = TaskMix::from_params(&ResamplingParams::two_type_example(), None);
        let w = WeakVsStrong::new(Weak::simulated("low".into(), &low, 100), best.clone(), 100);
        assert!(low.ceiling() < best.pass1);
        assert_eq!(w.value(), "never");
        assert!(w.sentence().contains("low"));
        // Against itself, the strong model's simulated curve reaches its pass@1 at once (the
        // simulation is calibrated to it, so k = 1 or 2).
        let own = WeakVsStrong::new(Weak::simulated("self".into(), &best.mix(), 100), best, 100);
        assert!(
            matches!(own.verdict, Crossing::At { k } if k <= 2),
            "{:?}",
            own.verdict
        );
    }
}
