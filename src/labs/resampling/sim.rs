//! Verifier-limited resampling ("Inference Scaling fLaws", Stroebl, Kapoor & Narayanan 2024).
//!
//! Policy: draw up to k samples, return the first one the verifier accepts, else abstain.
//! Per task a sample is a true positive (accepted and correct) with probability `tp`, a false
//! positive (accepted and wrong) with `fp`, and rejected with `r = 1 − tp − fp`
//! (science.md §3.3). A benchmark is a mixture of task types; every curve here is exact for the
//! mixture, and [`monte_carlo`] draws whole benchmarks beside it.

use serde::Serialize;

use crate::labs::resampling::results::{ResultsFile, ResultsFormat, TaskCounts};
use crate::rng::Stream;
use crate::stats::{inc_beta, mean_interval, wilson, Estimate, LinearFit};

/// How task difficulty (a task's probability of producing a correct sample) is distributed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifficultyModel {
    /// Beta(α, β) over tasks.
    #[default]
    Beta,
    /// The paper's two-type mix: a share p1 of easy tasks (rate r1), the rest hard (rate r2).
    TwoType,
    /// Each task of an uploaded file, with its empirical rates.
    FromFile,
}

/// Ranges the link codec clamps to.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub shape: (f64, f64),
    pub lambda_max: f64,
    pub kappa_max: f64,
    pub k_max: u32,
    pub benchmarks_max: u32,
    pub tasks_max: u32,
    pub model_max: u32,
}

/// Every parameter of the resampling lab (all of it goes into the share link).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResamplingParams {
    pub difficulty: DifficultyModel,
    /// Beta α of per-task correctness.
    pub alpha: f64,
    /// Beta β of per-task correctness.
    pub beta: f64,
    /// Two-type mix: share of easy tasks.
    pub p1: f64,
    /// Two-type mix: P(correct sample) on easy tasks.
    pub r1: f64,
    /// Two-type mix: P(correct sample) on hard tasks.
    pub r2: f64,
    /// Verifier soundness P(reject | incorrect) on the easiest tasks.
    pub soundness: f64,
    /// How much soundness falls on the hardest tasks: s(p) = s − drop·(1 − p).
    pub hard_drop: f64,
    /// Verifier completeness P(accept | correct).
    pub completeness: f64,
    /// Cost of a false positive, in units of a true positive's value.
    pub lambda: f64,
    /// Cost per sample drawn.
    pub kappa: f64,
    /// Largest budget k shown.
    pub k_max: u32,
    /// Monte Carlo benchmarks drawn (0 = none).
    pub benchmarks: u32,
    /// Tasks per Monte Carlo benchmark.
    pub tasks: u32,
    /// Weak model for the comparison: 0 = these settings, i = the i-th HumanEval+ model.
    pub weak: u32,
    /// Strong model for the comparison: the i-th HumanEval+ model (1-based).
    pub strong: u32,
    /// Uploads: drop tasks where a correct sample fails the verifier (false-negative filter).
    pub drop_false_negatives: bool,
}

impl ResamplingParams {
    /// Ranges the link codec and the sliders use.
    pub const LIMITS: Limits = Limits {
        shape: (0.05, 20.0),
        lambda_max: 20.0,
        kappa_max: 0.5,
        k_max: 1000,
        benchmarks_max: 10_000,
        tasks_max: 1000,
        model_max: 17,
    };

    /// The paper's two-type example (r1 = .87, r2 = .13, s = .75, c = 1, p1 = .58), science.md §3.4.
    pub fn two_type_example() -> Self {
        Self {
            difficulty: DifficultyModel::TwoType,
            ..Self::default()
        }
    }
}

impl Default for ResamplingParams {
    fn default() -> Self {
        Self {
            difficulty: DifficultyModel::Beta,
            alpha: 0.6,
            beta: 0.5,
            p1: 0.58,
            r1: 0.87,
            r2: 0.13,
            soundness: 0.75,
            hard_drop: 0.0,
            completeness: 1.0,
            lambda: 1.0,
            kappa: 0.0,
            k_max: 200,
            benchmarks: 0,
            tasks: 164,
            weak: 0,
            strong: 1,
            drop_false_negatives: false,
        }
    }
}

/// One kind of task: its weight in the benchmark and its per-sample outcome probabilities.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TaskType {
    pub weight: f64,
    /// P(correct sample) — the task's single-sample accuracy.
    pub correct: f64,
    /// P(accepted and correct).
    pub tp: f64,
    /// P(accepted and incorrect).
    pub fp: f64,
}

impl TaskType {
    /// A task whose samples are correct with probability `p`, under a verifier with the given
    /// completeness and soundness (soundness lowered on hard tasks by `hard_drop`).
    pub fn from_verifier(
        weight: f64,
        p: f64,
        completeness: f64,
        soundness: f64,
        hard_drop: f64,
    ) -> Self {
        let s = (soundness - hard_drop * (1.0 - p)).clamp(0.0, 1.0);
        Self {
            weight,
            correct: p,
            tp: completeness * p,
            fp: (1.0 - p) * (1.0 - s),
        }
    }

    /// P(rejected).
    pub fn reject(&self) -> f64 {
        (1.0 - self.tp - self.fp).clamp(0.0, 1.0)
    }

    /// P(correct | accepted): this task's ceiling (0 if nothing is ever accepted).
    pub fn ceiling(&self) -> f64 {
        let acc = self.tp + self.fp;
        if acc > 0.0 {
            self.tp / acc
        } else {
            0.0
        }
    }
}

/// A benchmark as a weighted mixture of task types (weights sum to 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TaskMix {
    pub types: Vec<TaskType>,
}

/// Bins used to integrate over a Beta difficulty distribution.
pub const BETA_BINS: usize = 240;

impl TaskMix {
    /// The mixture for the lab's parameters (`file` supplies the tasks for [`DifficultyModel::FromFile`]).
    pub fn from_params(p: &ResamplingParams, file: Option<&TaskMix>) -> Self {
        match p.difficulty {
            DifficultyModel::Beta => {
                Self::beta(p.alpha, p.beta, p.completeness, p.soundness, p.hard_drop)
            }
            DifficultyModel::TwoType => Self {
                types: vec![
                    TaskType::from_verifier(p.p1, p.r1, p.completeness, p.soundness, p.hard_drop),
                    TaskType::from_verifier(
                        1.0 - p.p1,
                        p.r2,
                        p.completeness,
                        p.soundness,
                        p.hard_drop,
                    ),
                ],
            },
            DifficultyModel::FromFile => file.cloned().unwrap_or_default(),
        }
    }

    /// Beta(α, β) difficulty, integrated over Chebyshev-spaced bins (fine near 0 and 1 where
    /// r^k changes fastest); each bin is represented by its conditional mean.
    pub fn beta(alpha: f64, beta: f64, completeness: f64, soundness: f64, hard_drop: f64) -> Self {
        let n = BETA_BINS;
        let edge = |i: usize| 0.5 * (1.0 - libm::cos(std::f64::consts::PI * i as f64 / n as f64));
        let mean = alpha / (alpha + beta);
        let mut types = Vec::with_capacity(n);
        let (mut prev_i, mut prev_i1) = (0.0, 0.0);
        for i in 1..=n {
            let x = edge(i);
            let (ci, ci1) = if i == n {
                (1.0, 1.0)
            } else {
                (inc_beta(x, alpha, beta), inc_beta(x, alpha + 1.0, beta))
            };
            let w = ci - prev_i;
            if w > 0.0 {
                let lo = edge(i - 1);
                let p = (mean * (ci1 - prev_i1) / w).clamp(lo, x);
                types.push(TaskType::from_verifier(
                    w,
                    p,
                    completeness,
                    soundness,
                    hard_drop,
                ));
            }
            prev_i = ci;
            prev_i1 = ci1;
        }
        let total: f64 = types.iter().map(|t| t.weight).sum();
        if total > 0.0 {
            for t in &mut types {
                t.weight /= total;
            }
        }
        Self { types }
    }

    /// Mean single-sample accuracy.
    pub fn single_sample_accuracy(&self) -> f64 {
        self.types.iter().map(|t| t.weight * t.correct).sum()
    }

    /// The ceiling: accuracy as k → ∞, mean of P(correct | accepted) (never-accepted tasks give 0).
    pub fn ceiling(&self) -> f64 {
        self.types.iter().map(|t| t.weight * t.ceiling()).sum()
    }

    /// Exact curves for k = 1..=k_max.
    pub fn curve(&self, k_max: u32, lambda: f64, kappa: f64) -> Vec<CurvePoint> {
        let mut survive: Vec<f64> = vec![1.0; self.types.len()]; // r^k per type
        let mut samples = vec![0.0; self.types.len()]; // Σ_{j<k} r^j
        let mut out = Vec::with_capacity(k_max as usize);
        for k in 1..=k_max {
            let (mut acc, mut fp, mut abstain, mut drawn) = (0.0, 0.0, 0.0, 0.0);
            for (i, t) in self.types.iter().enumerate() {
                samples[i] += survive[i];
                survive[i] *= t.reject();
                let accepted = 1.0 - survive[i];
                let c = t.ceiling();
                let share = if t.tp + t.fp > 0.0 { accepted } else { 0.0 };
                acc += t.weight * share * c;
                fp += t.weight * share * (1.0 - c);
                abstain += t.weight * survive[i];
                drawn += t.weight * samples[i];
            }
            out.push(CurvePoint {
                k,
                accuracy: acc,
                false_positive: fp,
                abstain,
                samples: drawn,
                utility: acc - lambda * fp - kappa * drawn,
            });
        }
        out
    }

    /// Marginal value of the k-th attempt, Δ(k) = Σ w r^{k−1}(tp − λ fp − κ) (science.md §3.3).
    pub fn marginal(&self, k: u32, lambda: f64, kappa: f64) -> f64 {
        self.types
            .iter()
            .map(|t| {
                t.weight * libm::pow(t.reject(), (k - 1) as f64) * (t.tp - lambda * t.fp - kappa)
            })
            .sum()
    }

    /// Exact expected utility at budget k (k = 0 abstains and scores 0).
    pub fn utility(&self, k: u32, lambda: f64, kappa: f64) -> f64 {
        self.types
            .iter()
            .map(|t| {
                let r = t.reject();
                let a = t.tp - lambda * t.fp - kappa;
                // (1 − r^k)/(1 − r) = Σ_{j<k} r^j, which is k when r = 1.
                let geometric = if r < 1.0 {
                    (1.0 - libm::pow(r, k as f64)) / (1.0 - r)
                } else {
                    k as f64
                };
                t.weight * a * geometric
            })
            .sum()
    }

    /// The best budget, from the sign pattern of Δ(k) (see [`OptimalK`]).
    pub fn optimal_k(&self, lambda: f64, kappa: f64) -> OptimalK {
        optimal_k(self, lambda, kappa)
    }
}

/// One point of an exact curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CurvePoint {
    pub k: u32,
    /// P(the returned sample is correct).
    pub accuracy: f64,
    /// P(the returned sample is wrong) — the false-positive share.
    pub false_positive: f64,
    /// P(no sample accepted within k).
    pub abstain: f64,
    /// Expected samples drawn.
    pub samples: f64,
    /// accuracy − λ·false_positive − κ·samples.
    pub utility: f64,
}

/// The best budget k.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OptimalK {
    /// Δ(1) ≤ 0 and no later budget beats abstaining: the best policy never answers.
    Abstain,
    /// The utility peaks at this finite k.
    Finite { k: u32, utility: f64 },
    /// Δ(k) stays positive: utility rises for ever toward `limit`.
    KeepSampling { limit: f64 },
}

impl OptimalK {
    /// The budget as a number: 0 for abstain, `None` for "keep sampling".
    pub fn as_k(&self) -> Option<u32> {
        match *self {
            OptimalK::Abstain => Some(0),
            OptimalK::Finite { k, .. } => Some(k),
            OptimalK::KeepSampling { .. } => None,
        }
    }

    /// The result in words, as the page shows it.
    pub fn describe(&self) -> String {
        match *self {
            OptimalK::Abstain => crate::text::t("sim.resampling.optimum.abstain").into(),
            OptimalK::Finite { k, utility } => crate::tr!(
                "sim.resampling.optimum.finite",
                k = k,
                utility = format!("{utility:.3}")
            ),
            OptimalK::KeepSampling { limit } => crate::tr!(
                "sim.resampling.optimum.keep_sampling",
                limit = format!("{limit:.3}")
            ),
        }
    }
}

/// Budgets scanned exactly before switching to the asymptotic argument.
const SCAN_EXACT: u32 = 4000;

fn optimal_k(mix: &TaskMix, lambda: f64, kappa: f64) -> OptimalK {
    // Δ(k) = Σ_j A_j r_j^{k−1}: a sum of exponentials. Its sign for large k is the sign of the
    // aggregate A over the largest r with A ≠ 0; we scale every term by that r^{k−1} so the sign
    // is computed without underflow, never by comparing utilities that differ below float
    // resolution (the notebooks' artefact, science.md §3.4).
    let mut terms: Vec<(f64, f64)> = mix
        .types
        .iter()
        .map(|t| (t.reject(), t.weight * (t.tp - lambda * t.fp - kappa)))
        .filter(|(_, a)| *a != 0.0)
        .collect();
    if terms.is_empty() {
        return OptimalK::Abstain;
    }
    terms.sort_by(|x, y| y.0.total_cmp(&x.0));
    let r_top = terms[0].0;
    let top_sum: f64 = terms
        .iter()
        .filter(|(r, _)| *r == r_top)
        .map(|(_, a)| a)
        .sum();
    let scaled = |k: u32| -> f64 {
        if r_top == 0.0 {
            // Only k = 1 has non-zero terms (0^0 = 1).
            return if k == 1 {
                terms.iter().map(|(_, a)| a).sum()
            } else {
                0.0
            };
        }
        terms
            .iter()
            .map(|(r, a)| a * libm::pow(r / r_top, (k - 1) as f64))
            .sum()
    };
    // Beyond this k the top group dominates: |rest| · ρ^{k−1} < |top_sum|.
    let rest: f64 = terms
        .iter()
        .filter(|(r, _)| *r != r_top)
        .map(|(_, a)| a.abs())
        .sum();
    let rho = terms
        .iter()
        .find(|(r, _)| *r != r_top)
        .map(|(r, _)| r / r_top)
        .unwrap_or(0.0);
    let settle = if rest == 0.0 || rho == 0.0 || top_sum == 0.0 {
        1.0
    } else {
        1.0 + (libm::log(top_sum.abs() / rest) / libm::log(rho)).max(0.0)
    };
    let horizon = if settle.is_finite() && settle < SCAN_EXACT as f64 {
        settle as u32 + 1
    } else {
        SCAN_EXACT
    };
    let eventually_positive = top_sum > 0.0;

    // Local maxima of U within the horizon: Δ(k) > 0 ≥ Δ(k+1).
    let mut best = OptimalK::Abstain;
    let mut best_u = 0.0;
    // Scan with running powers (one multiply per term and step, no pow): this runs on every
    // slider move, so it must stay well inside a frame.
    let ratios: Vec<f64> = terms
        .iter()
        .map(|(r, _)| if r_top > 0.0 { r / r_top } else { 0.0 })
        .collect();
    let mut powers = vec![1.0; terms.len()]; // (r/r_top)^(k−1), starting at k = 1
    let delta = |powers: &[f64]| -> f64 { terms.iter().zip(powers).map(|((_, a), p)| a * p).sum() };
    let mut prev_positive = delta(&powers) > 0.0;
    for k in 1..=horizon {
        for (p, q) in powers.iter_mut().zip(&ratios) {
            *p *= q;
        }
        let next_positive = delta(&powers) > 0.0;
        if prev_positive && !next_positive {
            let u = mix.utility(k, lambda, kappa);
            if u > best_u {
                best_u = u;
                best = OptimalK::Finite { k, utility: u };
            }
        }
        prev_positive = next_positive;
    }
    if eventually_positive {
        let limit: f64 = mix
            .types
            .iter()
            .map(|t| {
                let r = t.reject();
                let a = t.tp - lambda * t.fp - kappa;
                if r < 1.0 {
                    t.weight * a / (1.0 - r)
                } else if a == 0.0 {
                    0.0
                } else {
                    f64::NEG_INFINITY
                }
            })
            .sum();
        if limit > best_u {
            return OptimalK::KeepSampling { limit };
        }
    } else if horizon == SCAN_EXACT && prev_positive {
        // Still positive at the end of the exact scan although it must turn negative later:
        // the peak lies further out; find the sign change by doubling then bisection.
        let (mut lo, mut hi) = (horizon, horizon.saturating_mul(2));
        while scaled(hi) > 0.0 && hi < u32::MAX / 2 {
            lo = hi;
            hi = hi.saturating_mul(2);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if scaled(mid) > 0.0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let u = mix.utility(lo, lambda, kappa);
        if u > best_u {
            best = OptimalK::Finite { k: lo, utility: u };
        }
    }
    best
}

/// The two-type closed form of science.md §3.4, kept to check [`TaskMix::optimal_k`] against.
pub fn two_type_closed_form(p: &ResamplingParams) -> OptimalK {
    let t1 = TaskType::from_verifier(p.p1, p.r1, p.completeness, p.soundness, p.hard_drop);
    let t2 = TaskType::from_verifier(1.0 - p.p1, p.r2, p.completeness, p.soundness, p.hard_drop);
    let (b1, b2) = (t1.reject(), t2.reject());
    let a1 = t1.tp - p.lambda * t1.fp;
    let a2 = t2.tp - p.lambda * t2.fp;
    if a2 >= 0.0 && a1 > 0.0 {
        return OptimalK::KeepSampling {
            limit: p.p1 * a1 / (1.0 - b1) + (1.0 - p.p1) * a2 / (1.0 - b2),
        };
    }
    if a1 <= 0.0 {
        return OptimalK::Abstain;
    }
    let x = libm::log(p.p1 * a1 / (-(1.0 - p.p1) * a2)) / libm::log(b2 / b1);
    if x > 0.0 {
        let k = libm::ceil(x) as u32;
        let mix = TaskMix {
            types: vec![t1, t2],
        };
        OptimalK::Finite {
            k,
            utility: mix.utility(k, p.lambda, 0.0),
        }
    } else {
        OptimalK::Abstain
    }
}

/// The authors' notebook utility (science.md §3.4), which weights survival by the posterior
/// instead of the prior — shown to explain why their curves differ from the exact ones.
pub fn authors_notebook_utility(mix: &TaskMix, k_max: u32, lambda: f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(k_max as usize);
    let mut total = 0.0;
    for k in 1..=k_max {
        let pw: Vec<f64> = mix
            .types
            .iter()
            .map(|t| t.weight * libm::pow(t.reject(), (k - 1) as f64))
            .collect();
        let z: f64 = pw.iter().sum();
        if z > 0.0 {
            let post_a: f64 = mix
                .types
                .iter()
                .zip(&pw)
                .map(|(t, w)| w / z * (t.tp - lambda * t.fp))
                .sum();
            let post_surv: f64 = mix
                .types
                .iter()
                .zip(&pw)
                .map(|(t, w)| w / z * libm::pow(t.reject(), (k - 1) as f64))
                .sum();
            total += post_a * post_surv;
        }
        out.push(total);
    }
    out
}

/// Budgets at which Monte Carlo dots are drawn: 1, 2, 3, 5, 10, 20, 30, 50, … up to `k_max`.
pub fn dot_budgets(k_max: u32) -> Vec<u32> {
    let mut ks = Vec::new();
    let mut decade = 1u32;
    'outer: loop {
        for m in [1, 2, 3, 5] {
            let k = m * decade;
            if k > k_max {
                break 'outer;
            }
            ks.push(k);
        }
        decade = match decade.checked_mul(10) {
            Some(d) => d,
            None => break,
        };
    }
    if ks.last() != Some(&k_max) {
        ks.push(k_max);
    }
    ks
}

/// Monte Carlo estimate at one budget, each with a 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct McPoint {
    pub k: u32,
    pub accuracy: Estimate,
    pub false_positive: Estimate,
    pub abstain: Estimate,
    pub samples: Estimate,
    pub utility: Estimate,
}

/// Running sums at one budget, enough to give every interval for any λ and κ afterwards
/// (so dragging a cost slider never re-runs the simulation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct McSums {
    pub k: u32,
    /// Tasks answered correctly, wrongly, and not at all.
    pub correct: f64,
    pub wrong: f64,
    pub abstained: f64,
    /// Σ d and Σ d² of samples drawn, Σ d over correct and over wrong tasks.
    pub drawn: f64,
    pub drawn_sq: f64,
    pub drawn_correct: f64,
    pub drawn_wrong: f64,
}

/// The raw result of a Monte Carlo run: tasks simulated and sums per budget.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct McRun {
    pub tasks: f64,
    pub budgets: Vec<McSums>,
}

impl McRun {
    /// Estimates with 95 % intervals (Wilson for shares, normal for means) for costs λ, κ.
    pub fn points(&self, lambda: f64, kappa: f64) -> Vec<McPoint> {
        let n = self.tasks;
        self.budgets
            .iter()
            .map(|s| {
                // u = a − λ f − κ d with a·f = 0, a² = a, f² = f.
                let sum_u = s.correct - lambda * s.wrong - kappa * s.drawn;
                let sum_u2 = s.correct + lambda * lambda * s.wrong + kappa * kappa * s.drawn_sq
                    - 2.0 * kappa * s.drawn_correct
                    + 2.0 * lambda * kappa * s.drawn_wrong;
                McPoint {
                    k: s.k,
                    accuracy: wilson(s.correct, n),
                    false_positive: wilson(s.wrong, n),
                    abstain: wilson(s.abstained, n),
                    samples: mean_interval(s.drawn, s.drawn_sq, n),
                    utility: mean_interval(sum_u, sum_u2, n),
                }
            })
            .collect()
    }
}

/// Benchmarks per Monte Carlo chunk. Runs are always summed chunk by chunk in this order, so a
/// run computed in one go (CLI, tests) and one computed chunk by chunk between browser frames
/// (the page, with a progress bar) give bit-identical numbers.
pub const MC_CHUNK: u32 = 100;

impl McRun {
    /// Adds another run's sums to this one (the budgets must match).
    pub fn merge(&mut self, other: &McRun) {
        if other.tasks == 0.0 {
            return;
        }
        if self.budgets.is_empty() {
            *self = other.clone();
            return;
        }
        self.tasks += other.tasks;
        for (a, b) in self.budgets.iter_mut().zip(&other.budgets) {
            a.correct += b.correct;
            a.wrong += b.wrong;
            a.abstained += b.abstained;
            a.drawn += b.drawn;
            a.drawn_sq += b.drawn_sq;
            a.drawn_correct += b.drawn_correct;
            a.drawn_wrong += b.drawn_wrong;
        }
    }
}

/// Number of chunks a run of `params.benchmarks` benchmarks takes.
pub fn monte_carlo_chunks(params: &ResamplingParams) -> u32 {
    params.benchmarks.div_ceil(MC_CHUNK)
}

/// Draws `params.benchmarks` benchmarks of `params.tasks` tasks from the stream
/// "resampling/monte-carlo", summed chunk by chunk (see [`MC_CHUNK`]).
pub fn monte_carlo(params: &ResamplingParams, file: Option<&TaskMix>, seed: u64) -> McRun {
    let mut run = McRun::default();
    for chunk in 0..monte_carlo_chunks(params) {
        run.merge(&monte_carlo_chunk(params, file, seed, chunk));
    }
    run
}

/// One chunk of a Monte Carlo run: benchmarks `chunk·MC_CHUNK ..` up to `params.benchmarks`.
///
/// Each task draws its difficulty, then the index of the first accepted sample by inversion
/// (one uniform whatever k is) and whether that sample is correct, so one draw serves every
/// budget. Benchmark b uses sub-stream b, so the first 100 of 10 000 benchmarks are the same
/// benchmarks as a run of 100.
pub fn monte_carlo_chunk(
    params: &ResamplingParams,
    file: Option<&TaskMix>,
    seed: u64,
    chunk: u32,
) -> McRun {
    let ks = dot_budgets(params.k_max);
    let mut sums: Vec<McSums> = ks
        .iter()
        .map(|&k| McSums {
            k,
            ..Default::default()
        })
        .collect();
    let file_types: &[TaskType] = file.map(|m| m.types.as_slice()).unwrap_or(&[]);
    if params.difficulty == DifficultyModel::FromFile && file_types.is_empty() {
        return McRun::default();
    }
    let first_benchmark = chunk.saturating_mul(MC_CHUNK);
    let last_benchmark = first_benchmark
        .saturating_add(MC_CHUNK)
        .min(params.benchmarks);
    let mut n = 0.0;
    for b in first_benchmark..last_benchmark {
        let mut rng = Stream::indexed(seed, "resampling/monte-carlo", b as u64);
        for _ in 0..params.tasks {
            let task = draw_task(params, file_types, &mut rng);
            let first = rng.geometric(task.tp + task.fp);
            let correct = rng.uniform() * (task.tp + task.fp) < task.tp;
            n += 1.0;
            for s in sums.iter_mut() {
                let accepted = first <= s.k as u64;
                let d = if accepted { first as f64 } else { s.k as f64 };
                s.drawn += d;
                s.drawn_sq += d * d;
                match (accepted, correct) {
                    (true, true) => {
                        s.correct += 1.0;
                        s.drawn_correct += d;
                    }
                    (true, false) => {
                        s.wrong += 1.0;
                        s.drawn_wrong += d;
                    }
                    _ => s.abstained += 1.0,
                }
            }
        }
    }
    McRun {
        tasks: n,
        budgets: if n > 0.0 { sums } else { Vec::new() },
    }
}

/// One task of a simulated benchmark, drawn from the difficulty model (`file_types` are the
/// uploaded file's tasks; the caller makes sure they are not empty for
/// [`DifficultyModel::FromFile`]; an empty list gives a task that never succeeds).
pub fn draw_task(params: &ResamplingParams, file_types: &[TaskType], rng: &mut Stream) -> TaskType {
    let from = |p| {
        TaskType::from_verifier(
            1.0,
            p,
            params.completeness,
            params.soundness,
            params.hard_drop,
        )
    };
    match params.difficulty {
        DifficultyModel::Beta => from(rng.beta(params.alpha, params.beta)),
        DifficultyModel::TwoType => from(if rng.bernoulli(params.p1) {
            params.r1
        } else {
            params.r2
        }),
        DifficultyModel::FromFile => {
            let n = file_types.len() as u64;
            match n {
                0 => from(0.0),
                n => file_types
                    .get(rng.below(n) as usize)
                    .copied()
                    .unwrap_or_else(|| from(0.0)),
            }
        }
    }
}

/// One of the paper's HumanEval+ models (science.md §3.6a), as published.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PaperModel {
    pub name: String,
    /// Single-sample accuracy (pass@1 on the plus tests).
    pub pass1: f64,
    /// P(correct | passes the base tests): the resampling ceiling.
    pub ceiling: f64,
}

/// The 17 HumanEval+ models from the authors' notebook output, sorted by pass@1 descending.
pub fn humaneval_models() -> Vec<PaperModel> {
    let mut models: Vec<PaperModel> = include_str!("../../../data/humaneval_models.csv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.split(',');
            let name = cells.next()?.to_string();
            let pass1 = cells.next()?.parse().ok()?;
            let ceiling = cells.next()?.parse().ok()?;
            Some(PaperModel {
                name,
                pass1,
                ceiling,
            })
        })
        .collect();
    models.sort_by(|a, b| b.pass1.total_cmp(&a.pass1));
    models
}

/// The least-squares line of ceiling on pass@1 (Fig. 1a: slope ≈ 0.218, intercept ≈ 0.725).
pub fn ceiling_fit(points: &[(f64, f64)]) -> Option<LinearFit> {
    crate::stats::linear_fit(points)
}

impl PaperModel {
    /// A simulator model that reproduces this model's pass@1 and ceiling: U-shaped difficulty
    /// Beta(pass@1, 1 − pass@1) (mean = pass@1; most tasks near 0 or 1, as in the paper's
    /// difficulty histograms), complete verifier, and the soundness that gives the published
    /// ceiling, solved by bisection (the ceiling rises monotonically with soundness).
    pub fn calibrated(&self) -> (f64, f64, f64) {
        let (a, b) = (
            self.pass1.clamp(0.05, 0.95),
            (1.0 - self.pass1).clamp(0.05, 0.95),
        );
        let ceiling_at = |s: f64| TaskMix::beta(a, b, 1.0, s, 0.0).ceiling();
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..50 {
            let mid = 0.5 * (lo + hi);
            if ceiling_at(mid) < self.ceiling {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (a, b, 0.5 * (lo + hi))
    }

    /// The simulator mixture for this model (see [`PaperModel::calibrated`]).
    pub fn mix(&self) -> TaskMix {
        let (a, b, s) = self.calibrated();
        TaskMix::beta(a, b, 1.0, s, 0.0)
    }
}

/// Where a weak model's accuracy curve first reaches a strong model's single-sample accuracy.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Crossing {
    /// Reached at budget k.
    At { k: u32 },
    /// Not within the budgets shown, though the ceiling is above the target.
    BeyondBudget,
    /// Never: the weak model's ceiling is below the strong model's single-sample accuracy.
    Never { ceiling: f64 },
}

/// The first k at which `weak` accuracy reaches `target`.
pub fn crossing(weak: &[CurvePoint], weak_ceiling: f64, target: f64) -> Crossing {
    if weak_ceiling < target {
        return Crossing::Never {
            ceiling: weak_ceiling,
        };
    }
    match weak.iter().find(|p| p.accuracy >= target) {
        Some(p) => Crossing::At { k: p.k },
        None => Crossing::BeyondBudget,
    }
}

/// A simulated results file: `tasks` tasks × `samples` samples drawn from the lab's parameters
/// (stream "resampling/example"), so visitors without EvalPlus results can try the analysis.
pub fn simulated_results(
    params: &ResamplingParams,
    seed: u64,
    tasks: u32,
    samples: u32,
) -> ResultsFile {
    let mut rng = Stream::new(seed, "resampling/example");
    let mut out = Vec::with_capacity(tasks as usize);
    for t in 0..tasks {
        let p = match params.difficulty {
            DifficultyModel::TwoType => {
                if rng.bernoulli(params.p1) {
                    params.r1
                } else {
                    params.r2
                }
            }
            _ => rng.beta(params.alpha, params.beta),
        };
        let s = (params.soundness - params.hard_drop * (1.0 - p)).clamp(0.0, 1.0);
        let mut c = TaskCounts {
            task_id: format!("Sim/{t}"),
            n: samples,
            truth: true,
            ..Default::default()
        };
        for _ in 0..samples {
            let correct = rng.bernoulli(p);
            let accepted = if correct {
                rng.bernoulli(params.completeness)
            } else {
                !rng.bernoulli(s)
            };
            match (accepted, correct) {
                (true, true) => c.pass_correct += 1,
                (true, false) => c.pass_wrong += 1,
                (false, correct) => {
                    c.rejected += 1;
                    if correct {
                        c.rejected_correct += 1;
                    }
                }
            }
        }
        out.push(c);
    }
    let shape = match params.difficulty {
        DifficultyModel::TwoType => crate::tr!(
            "sim.resampling.simulated.two_types",
            p1 = params.p1,
            r1 = params.r1,
            r2 = params.r2
        ),
        _ => format!("Beta({}, {})", params.alpha, params.beta),
    };
    ResultsFile {
        name: crate::tr!(
            "sim.resampling.simulated.name",
            tasks = tasks,
            samples = samples,
            shape = shape,
            soundness = params.soundness,
            seed = seed
        ),
        format: ResultsFormat::Simulated,
        tasks: out,
        warnings: Vec::new(),
        skipped: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(lambda: f64) -> ResamplingParams {
        ResamplingParams {
            lambda,
            ..ResamplingParams::two_type_example()
        }
    }

    #[test]
    fn two_type_optimal_k_table() {
        // science.md §3.4: K* = 3, 2, 1, 1, 0 for λ = 0.7, 1, 2, 4, 10.
        for (lambda, want) in [(0.7, 3), (1.0, 2), (2.0, 1), (4.0, 1), (10.0, 0)] {
            let p = example(lambda);
            let mix = TaskMix::from_params(&p, None);
            assert_eq!(
                mix.optimal_k(lambda, 0.0).as_k(),
                Some(want),
                "λ = {lambda}"
            );
            assert_eq!(
                two_type_closed_form(&p).as_k(),
                Some(want),
                "closed form λ = {lambda}"
            );
        }
    }

    #[test]
    fn two_type_keep_sampling_below_threshold() {
        // a_hard = .13 − λ·.2175 ≥ 0 ⇔ λ ≤ 0.5977.
        for lambda in [0.0, 0.3, 0.5, 0.597] {
            let mix = TaskMix::from_params(&example(lambda), None);
            assert!(
                matches!(mix.optimal_k(lambda, 0.0), OptimalK::KeepSampling { .. }),
                "λ = {lambda}"
            );
        }
        let mix = TaskMix::from_params(&example(0.598), None);
        assert!(matches!(mix.optimal_k(0.598, 0.0), OptimalK::Finite { .. }));
    }

    #[test]
    fn curve_matches_closed_form_utility_and_vectors() {
        let p = example(1.0);
        let mix = TaskMix::from_params(&p, None);
        let curve = mix.curve(4, 1.0, 0.0);
        let want = [0.449, 0.472381, 0.461352, 0.451593];
        for (pt, w) in curve.iter().zip(want) {
            assert!((pt.utility - w).abs() < 5e-6, "{} vs {w}", pt.utility);
            assert!((pt.utility - mix.utility(pt.k, 1.0, 0.0)).abs() < 1e-12);
        }
    }

    #[test]
    fn beta_mix_integrates_to_the_beta_moments() {
        let mix = TaskMix::beta(0.6, 0.5, 1.0, 0.75, 0.0);
        let w: f64 = mix.types.iter().map(|t| t.weight).sum();
        assert!((w - 1.0).abs() < 1e-12);
        assert!((mix.single_sample_accuracy() - 0.6 / 1.1).abs() < 1e-9);
        // E[p^2] = a(a+1)/((a+b)(a+b+1)); check through a curve-free moment.
        let m2: f64 = mix
            .types
            .iter()
            .map(|t| t.weight * t.correct * t.correct)
            .sum();
        let want = 0.6 * 1.6 / (1.1 * 2.1);
        assert!((m2 - want).abs() < 2e-4, "{m2} vs {want}");
    }

    #[test]
    fn accuracy_rises_to_the_ceiling_and_never_past_it() {
        let mix = TaskMix::beta(0.6, 0.5, 1.0, 0.75, 0.0);
        let curve = mix.curve(1000, 1.0, 0.0);
        let ceiling = mix.ceiling();
        for w in curve.windows(2) {
            assert!(w[1].accuracy >= w[0].accuracy - 1e-15);
        }
        assert!(curve.iter().all(|p| p.accuracy <= ceiling + 1e-12));
        assert!(
            (curve[0].accuracy - mix.single_sample_accuracy()).abs() < 1e-12,
            "c = 1 ⇒ acc(1) = pass@1"
        );
    }

    #[test]
    fn monte_carlo_agrees_with_exact_curves() {
        let p = ResamplingParams {
            benchmarks: 400,
            k_max: 50,
            ..example(1.0)
        };
        let mix = TaskMix::from_params(&p, None);
        let exact = mix.curve(p.k_max, p.lambda, p.kappa);
        let run = monte_carlo(&p, None, 42);
        let mc = run.points(p.lambda, p.kappa);
        assert_eq!(mc.len(), dot_budgets(50).len());
        let mut inside = 0;
        for d in &mc {
            let e = exact[(d.k - 1) as usize];
            for (est, truth) in [
                (d.accuracy, e.accuracy),
                (d.false_positive, e.false_positive),
                (d.utility, e.utility),
            ] {
                if est.lo <= truth && truth <= est.hi {
                    inside += 1;
                }
                assert!(
                    (est.mean - truth).abs() < 0.02,
                    "k={} {est:?} vs {truth}",
                    d.k
                );
            }
        }
        assert!(inside as f64 >= 0.8 * (3 * mc.len()) as f64, "{inside}");
        // Reproducible: the same seed gives the same dots; the first benchmarks are shared.
        assert_eq!(run, monte_carlo(&p, None, 42));
        // Chunk by chunk (as the page does) is bit-identical to one go.
        let big = ResamplingParams {
            benchmarks: 2 * MC_CHUNK + 7,
            tasks: 10,
            ..p.clone()
        };
        let mut chunked = McRun::default();
        for c in 0..monte_carlo_chunks(&big) {
            chunked.merge(&monte_carlo_chunk(&big, None, 42, c));
        }
        assert_eq!(chunked, monte_carlo(&big, None, 42));
        assert_eq!(chunked.tasks, (big.benchmarks * big.tasks) as f64);
        assert_ne!(run, monte_carlo(&p, None, 43));
        // Utility intervals from the sums equal those of a direct per-task computation.
        let with_cost = run.points(2.0, 0.01);
        for (d, e) in with_cost.iter().zip(mc.iter()) {
            assert!((d.accuracy.mean - e.accuracy.mean).abs() < 1e-15);
            let direct = d.accuracy.mean - 2.0 * d.false_positive.mean - 0.01 * d.samples.mean;
            assert!((d.utility.mean - direct).abs() < 1e-12);
            assert!(d.utility.hi > d.utility.lo);
        }
    }

    #[test]
    fn paper_models_fit_and_calibration() {
        let models = humaneval_models();
        assert_eq!(models.len(), 17);
        assert_eq!(models[0].name, "GPT-4o");
        let pts: Vec<(f64, f64)> = models.iter().map(|m| (m.pass1, m.ceiling)).collect();
        let fit = ceiling_fit(&pts).unwrap();
        assert!((fit.slope - 0.218).abs() < 0.0005, "{fit:?}");
        assert!((fit.intercept - 0.725).abs() < 0.0005, "{fit:?}");
        assert!((fit.r_squared - 0.892).abs() < 0.0005, "{fit:?}");
        for m in &models {
            let mix = m.mix();
            assert!(
                (mix.single_sample_accuracy() - m.pass1).abs() < 1e-3,
                "{}",
                m.name
            );
            assert!((mix.ceiling() - m.ceiling).abs() < 1e-6, "{}", m.name);
        }
    }

    #[test]
    fn weak_model_never_reaches_gpt4o() {
        let models = humaneval_models();
        let strong = &models[0];
        let weak = models.iter().find(|m| m.name == "Llama 3.1 8B").unwrap();
        let mix = weak.mix();
        let c = crossing(&mix.curve(1000, 0.0, 0.0), mix.ceiling(), strong.pass1);
        assert!(matches!(c, Crossing::Never { .. }));
        let target = 0.8;
        let c = crossing(&mix.curve(1000, 0.0, 0.0), mix.ceiling(), target);
        assert!(matches!(c, Crossing::At { .. }), "{c:?}");
    }

    #[test]
    fn simulated_results_match_the_simulator_in_expectation() {
        let p = ResamplingParams::two_type_example();
        let f = simulated_results(&p, 5, 400, 200);
        assert_eq!(f.tasks.len(), 400);
        let a = crate::labs::resampling::analysis::analyze(&f, &Default::default());
        let mix = TaskMix::from_params(&p, None);
        assert!((a.single_sample_accuracy.unwrap() - mix.single_sample_accuracy()).abs() < 0.03);
        assert!((a.conditional_accuracy.unwrap() - mix.ceiling()).abs() < 0.03);
        assert_eq!(
            simulated_results(&p, 5, 10, 10),
            simulated_results(&p, 5, 10, 10)
        );
    }

    #[test]
    fn dot_budgets_are_log_spaced() {
        assert_eq!(dot_budgets(200), vec![1, 2, 3, 5, 10, 20, 30, 50, 100, 200]);
        assert_eq!(dot_budgets(7), vec![1, 2, 3, 5, 7]);
        assert_eq!(dot_budgets(1), vec![1]);
    }

    #[test]
    fn beta_difficulty_with_cost_gives_a_finite_optimum() {
        // The hardest tasks (p → 0) only yield false positives, so any λ > 0 eventually makes
        // Δ(k) negative: the optimum is finite, found without scanning float plateaus.
        let mix = TaskMix::beta(0.6, 0.5, 1.0, 0.75, 0.0);
        match mix.optimal_k(1.0, 0.0) {
            OptimalK::Finite { k, .. } => assert!(k >= 1),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            mix.optimal_k(0.0, 0.0),
            OptimalK::KeepSampling { .. }
        ));
        assert_eq!(mix.optimal_k(50.0, 0.0), OptimalK::Abstain);
    }
}
