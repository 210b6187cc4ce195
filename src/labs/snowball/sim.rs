//! Hallucination snowballing ("How Language Model Hallucinations Can Snowball", Zhang et al. 2023).
//!
//! A response is a chain of `steps` claims, one of them the Yes/No answer. Two kinds of claim
//! differ in how hard they are:
//!
//! - **the answer decided at once** is a hard decision (the paper's problems need several steps
//!   of reasoning): wrong with probability `e`;
//! - **a small step** (a factor, a flight, a fact, or a step of reasoning) is easy: false with
//!   probability ε while the response is clean.
//!
//! Once a false claim stands, every later claim is false with probability `e_s ≥ ε` (the model
//! stays consistent with its earlier mistake: commitment). Asked about a false claim alone, the
//! model recognises it with probability ρ — a false claim it would reject alone but made anyway
//! is *snowballed*. An optional self-check re-asks each claim alone right after it is written
//! (flags a false claim with ρ, a true one with false-alarm rate φ); a flagged claim is retried
//! with probability d and the retry is correct with probability q′ (science.md §1.6, §6).
//!
//! Answer-first (the paper's setting): claim 1 is the answer, decided at once; the rest justify
//! it. Reason-first ("Let's think step by step"): the hard decision is split into the small
//! steps that come first, and the answer is the last claim — a small step that follows them,
//! false with ε after clean reasoning and with e_s after a false step. So reasoning first helps
//! when (and only as far as) the steps are easier than the whole decision, and a false step
//! still drags the answer with it: accuracy improves while snowballing remains, the direction
//! the paper reports (its CoT effect is qualitative; ε is an assumption, not a measurement).
//! A one-claim response has no steps to reason with: its answer is decided at once either way.
//! Everything here is exact (dynamic programming over the chain), with Monte Carlo beside it.

use serde::Serialize;

use crate::rng::Stream;

/// When the model commits to its answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerOrder {
    /// The first claim is the answer (the paper's setting).
    #[default]
    AnswerFirst,
    /// The answer follows the reasoning.
    ReasonFirst,
}

/// Every parameter of the step model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnowballParams {
    pub order: AnswerOrder,
    /// Claims per response (the answer included).
    pub steps: u32,
    /// P(the answer is wrong when it is decided at once, before any reasoning): e.
    pub base_error: f64,
    /// P(a small step — a justification or reasoning claim — is false while the response is
    /// clean): ε.
    pub step_error: f64,
    /// P(a claim is false once a false claim stands (commitment)): e_s, ≥ ε.
    pub committed_error: f64,
    /// P(the model rejects its own false claim when asked alone): ρ.
    pub recognition: f64,
    /// Self-check pass on.
    pub self_check: bool,
    /// P(flag a true claim) in the self-check: φ.
    pub false_alarm: f64,
    /// P(retry | flagged): d.
    pub detection: f64,
    /// P(the retry is correct): q′.
    pub retry_success: f64,
}

impl SnowballParams {
    /// Longest chain the lab offers.
    pub const MAX_STEPS: u32 = 16;
}

impl Default for SnowballParams {
    fn default() -> Self {
        Self {
            order: AnswerOrder::AnswerFirst,
            steps: 6,
            base_error: 0.3,
            step_error: 0.05,
            committed_error: 0.8,
            recognition: 0.87,
            self_check: false,
            false_alarm: 0.05,
            detection: 1.0,
            retry_success: 0.8,
        }
    }
}

/// What happened at one step of a sampled response (the chain view's cells).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    /// A true claim.
    Correct,
    /// The first false claim that stands.
    FirstError,
    /// A later false claim the model would reject alone: snowballed.
    Snowballed,
    /// A later false claim the model would also accept alone.
    LaterError,
    /// Flagged by the self-check and replaced by a correct retry.
    Retried,
}

impl SnowballParams {
    /// Which claim (0-based) is the answer.
    pub fn answer_index(&self) -> usize {
        match self.order {
            AnswerOrder::AnswerFirst => 0,
            AnswerOrder::ReasonFirst => self.steps.max(1) as usize - 1,
        }
    }

    /// P(claim `i` (0-based) is false before the self-check), given whether a false claim
    /// already stands: e for an answer decided at once (answer-first's first claim, or a
    /// one-claim response), ε for a small step while clean, e_s once committed.
    pub fn claim_error(&self, i: usize, committed: bool) -> f64 {
        if committed {
            self.committed_error
        } else if i == 0 && (self.order == AnswerOrder::AnswerFirst || self.steps <= 1) {
            self.base_error
        } else {
            self.step_error
        }
        .clamp(0.0, 1.0)
    }
}

/// Per-claim probabilities after the self-check: (P(stand false), P(retried into correct)).
fn step_probs(p: &SnowballParams, i: usize, committed: bool) -> (f64, f64) {
    let e = p.claim_error(i, committed);
    if !p.self_check {
        return (e, 0.0);
    }
    let (rho, phi, d, q) = (p.recognition, p.false_alarm, p.detection, p.retry_success);
    // A false claim is flagged (ρ) and retried (d): the retry is right with q′, else it stands.
    // A true claim is flagged by mistake (φ) and retried (d): the retry can go wrong (1 − q′).
    let false_stands =
        e * (1.0 - rho * d) + e * rho * d * (1.0 - q) + (1.0 - e) * phi * d * (1.0 - q);
    let retried_ok = e * rho * d * q + (1.0 - e) * phi * d * q;
    (false_stands.clamp(0.0, 1.0), retried_ok)
}

/// Exact results of the step model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnowballExact {
    /// P(the final answer is wrong).
    pub wrong_answer: f64,
    /// P(k false claims in a response), k = 0..=steps.
    pub false_claims: Vec<f64>,
    /// E[false claims per response].
    pub mean_false_claims: f64,
    /// Share of false claims the model would reject alone although an earlier false claim led to them.
    pub snowballed_share: f64,
    /// P(false | an earlier false claim stands) / P(false | none stands), pooled over steps ≥ 2.
    pub amplification: f64,
    /// E[index of the first false claim | there is one] (1-based).
    pub steps_to_first_error: f64,
    /// P(no false claim at all).
    pub clean: f64,
    /// P(claim i is false and stands), i = 0 .. steps − 1.
    pub by_position: Vec<f64>,
    /// P(claim i is false and stands | the claims before it are all true), and
    /// P(claim i is false and stands | a false claim stands before it): the jump is snowballing.
    pub by_position_clean: Vec<f64>,
    pub by_position_committed: Vec<f64>,
}

/// Dynamic programming over (committed?, false claims so far), exact for the model above.
pub fn exact(p: &SnowballParams) -> SnowballExact {
    let n = p.steps.max(1) as usize;
    // dist[c][k]: P(state c ∈ {clean, committed}, k false claims) after the steps so far.
    let mut dist = vec![vec![0.0; n + 1]; 2];
    dist[0][0] = 1.0;
    let (mut first_err_index, mut first_err_mass) = (0.0, 0.0);
    let mut answer_wrong = 0.0;
    let answer = p.answer_index();
    // P(claim i stands false), i = 0..n: the chart of errors by position.
    let mut by_position = vec![0.0; n];
    let (mut err_after, mut mass_after, mut err_clean, mut mass_clean) = (0.0, 0.0, 0.0, 0.0);
    let mut snowballed = 0.0;
    let mut total_false = 0.0;
    for step in 1..=n {
        let mut next = vec![vec![0.0; n + 1]; 2];
        for c in 0..2 {
            let (f, _) = step_probs(p, step - 1, c == 1);
            for k in 0..=n {
                let m = dist[c][k];
                if m == 0.0 {
                    continue;
                }
                if k < n {
                    next[1][k + 1] += m * f;
                }
                next[c][k] += m * (1.0 - f);
                total_false += m * f;
                by_position[step - 1] += m * f;
                if c == 0 {
                    first_err_index += step as f64 * m * f;
                    first_err_mass += m * f;
                    if step > 1 {
                        err_clean += m * f;
                        mass_clean += m;
                    }
                } else {
                    snowballed += m * f * p.recognition;
                    err_after += m * f;
                    mass_after += m;
                }
                if step - 1 == answer {
                    answer_wrong += m * f;
                }
            }
        }
        dist = next;
    }
    let false_claims: Vec<f64> = (0..=n).map(|k| dist[0][k] + dist[1][k]).collect();
    let mean_false_claims = false_claims
        .iter()
        .enumerate()
        .map(|(k, q)| k as f64 * q)
        .sum();
    let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { f64::NAN };
    SnowballExact {
        wrong_answer: answer_wrong,
        mean_false_claims,
        snowballed_share: ratio(snowballed, total_false),
        amplification: ratio(ratio(err_after, mass_after), ratio(err_clean, mass_clean)),
        steps_to_first_error: ratio(first_err_index, first_err_mass),
        clean: false_claims[0],
        false_claims,
        by_position,
        by_position_clean: (0..n).map(|i| step_probs(p, i, false).0).collect(),
        by_position_committed: (0..n)
            .map(|i| {
                if i == 0 {
                    f64::NAN
                } else {
                    step_probs(p, i, true).0
                }
            })
            .collect(),
    }
}

/// One sampled response: its cells and whether its answer is wrong.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampledResponse {
    pub steps: Vec<StepOutcome>,
    pub wrong_answer: bool,
}

/// Draws one response from `rng` (the same model as [`exact`], step by step).
pub fn sample_response(p: &SnowballParams, rng: &mut Stream) -> SampledResponse {
    let n = p.steps.max(1) as usize;
    let mut steps = Vec::with_capacity(n);
    let mut committed = false;
    let mut answer_wrong = false;
    let answer = p.answer_index();
    for i in 0..n {
        let e = p.claim_error(i, committed);
        let mut wrong = rng.bernoulli(e);
        let mut retried = false;
        if p.self_check {
            let flagged = if wrong {
                rng.bernoulli(p.recognition)
            } else {
                rng.bernoulli(p.false_alarm)
            };
            if flagged && rng.bernoulli(p.detection) {
                retried = true;
                wrong = !rng.bernoulli(p.retry_success);
            }
        }
        let outcome = match (wrong, committed, retried) {
            (false, _, true) => StepOutcome::Retried,
            (false, _, false) => StepOutcome::Correct,
            (true, false, _) => StepOutcome::FirstError,
            (true, true, _) => {
                if rng.bernoulli(p.recognition) {
                    StepOutcome::Snowballed
                } else {
                    StepOutcome::LaterError
                }
            }
        };
        if wrong {
            committed = true;
            if i == answer {
                answer_wrong = true;
            }
        }
        steps.push(outcome);
    }
    SampledResponse {
        steps,
        wrong_answer: answer_wrong,
    }
}

/// Monte Carlo estimates of the headline numbers from `responses` draws of stream "snowball/responses".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnowballMc {
    pub responses: u64,
    /// Share of responses with k false claims, k = 0..=steps.
    pub false_claims: Vec<f64>,
    pub wrong_answer: f64,
    pub mean_false_claims: f64,
    pub snowballed_share: f64,
}

/// Runs the Monte Carlo.
pub fn monte_carlo(p: &SnowballParams, seed: u64, responses: u64) -> SnowballMc {
    let mut rng = Stream::new(seed, "snowball/responses");
    let (mut wrong, mut falses, mut snow) = (0u64, 0u64, 0u64);
    let mut hist = vec![0u64; p.steps.max(1) as usize + 1];
    for _ in 0..responses {
        let r = sample_response(p, &mut rng);
        wrong += r.wrong_answer as u64;
        let k = r
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    StepOutcome::FirstError | StepOutcome::LaterError | StepOutcome::Snowballed
                )
            })
            .count();
        if let Some(h) = hist.get_mut(k) {
            *h += 1;
        }
        for s in &r.steps {
            match s {
                StepOutcome::FirstError | StepOutcome::LaterError => falses += 1,
                StepOutcome::Snowballed => {
                    falses += 1;
                    snow += 1;
                }
                _ => {}
            }
        }
    }
    let n = responses.max(1) as f64;
    SnowballMc {
        responses,
        false_claims: hist.iter().map(|&h| h as f64 / n).collect(),
        wrong_answer: wrong as f64 / n,
        mean_false_claims: falses as f64 / n,
        snowballed_share: if falses > 0 {
            snow as f64 / falses as f64
        } else {
            f64::NAN
        },
    }
}

/// Presets: ρ of the three models in the paper's abstract.
pub fn model_presets() -> [(&'static str, f64); 3] {
    [
        ("GPT-3.5", 0.67),
        ("GPT-4", 0.87),
        ("LLaMA2-70B-chat", 0.94),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::wilson;

    fn within_interval(successes: f64, n: f64, truth: f64) -> bool {
        let e = wilson(successes, n);
        // 99.9 % would be wider; use the 95 % interval widened ×1.7 to keep the test stable.
        let half = (e.hi - e.lo) / 2.0 * 1.7;
        (e.mean - truth).abs() <= half
    }

    #[test]
    fn distribution_sums_to_one_and_matches_simple_cases() {
        let p = SnowballParams {
            steps: 1,
            base_error: 0.3,
            ..Default::default()
        };
        let x = exact(&p);
        assert!((x.false_claims.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((x.wrong_answer - 0.3).abs() < 1e-12);
        // Without commitment or a harder answer (e = ε = e_s) errors are independent:
        // binomial counts, amplification 1.
        let p = SnowballParams {
            steps: 5,
            base_error: 0.2,
            step_error: 0.2,
            committed_error: 0.2,
            ..Default::default()
        };
        let x = exact(&p);
        let binom = |k: u32| {
            let c = (0..k).fold(1.0, |a, i| a * (5 - i) as f64 / (i + 1) as f64);
            c * 0.2f64.powi(k as i32) * 0.8f64.powi(5 - k as i32)
        };
        for k in 0..=5 {
            assert!((x.false_claims[k as usize] - binom(k)).abs() < 1e-12);
        }
        assert!((x.amplification - 1.0).abs() < 1e-12);
        let sum: f64 = x.by_position.iter().sum();
        assert!((sum - x.mean_false_claims).abs() < 1e-12);
        // Independent claims: the answer is one claim, wherever it stands.
        let r = exact(&SnowballParams {
            order: AnswerOrder::ReasonFirst,
            ..p
        });
        assert!((r.wrong_answer - 0.2).abs() < 1e-12);
    }

    #[test]
    fn commitment_amplifies_errors() {
        let x = exact(&SnowballParams::default());
        assert!((x.amplification - 0.8 / 0.05).abs() < 1e-12);
        assert!(x.snowballed_share > 0.5 && x.snowballed_share < 0.87);
        // By position: the answer (claim 1) at e, then a jump once it is wrong.
        assert!((x.by_position[0] - 0.3).abs() < 1e-12);
        assert!((x.by_position_clean[1] - 0.05).abs() < 1e-12);
        assert!((x.by_position_committed[1] - 0.8).abs() < 1e-12);
        assert!(
            x.by_position_committed[0].is_nan(),
            "nothing stands before the first claim"
        );
        assert!((x.by_position[1] - (0.3 * 0.8 + 0.7 * 0.05)).abs() < 1e-12);
    }

    /// Zhang et al.: zero-shot CoT improves accuracy while snowballing remains. With the
    /// defaults, reasoning first has fewer wrong answers, and most of those that remain follow
    /// a false step.
    #[test]
    fn reasoning_first_helps_and_snowballing_remains() {
        let af = exact(&SnowballParams::default());
        let p = SnowballParams {
            order: AnswerOrder::ReasonFirst,
            ..Default::default()
        };
        let rf = exact(&p);
        assert!(
            rf.wrong_answer < af.wrong_answer,
            "{} vs {}",
            rf.wrong_answer,
            af.wrong_answer
        );
        // Five clean steps, then the answer: ε after clean reasoning, e_s after a false step.
        let clean = 0.95f64.powi(5);
        let want = clean * 0.05 + (1.0 - clean) * 0.8;
        assert!(
            (rf.wrong_answer - want).abs() < 1e-12,
            "{}",
            rf.wrong_answer
        );
        // Of the wrong answers, the share that followed a false step: most of them.
        let after_false_step = (1.0 - clean) * 0.8 / rf.wrong_answer;
        assert!(after_false_step > 0.8, "{after_false_step}");
        assert!(rf.snowballed_share > 0.3);
        // Steps as hard as the decision: reasoning first is no help (worse: more chances).
        let hard = exact(&SnowballParams {
            step_error: 0.3,
            ..p.clone()
        });
        assert!(hard.wrong_answer > af.wrong_answer);
        // One claim: nothing to reason with, the answer is decided at once either way.
        let one = |order| {
            exact(&SnowballParams {
                order,
                steps: 1,
                ..Default::default()
            })
            .wrong_answer
        };
        assert_eq!(one(AnswerOrder::ReasonFirst), one(AnswerOrder::AnswerFirst));
    }

    #[test]
    fn exact_agrees_with_a_million_monte_carlo_responses() {
        for p in [
            SnowballParams::default(),
            SnowballParams {
                self_check: true,
                ..Default::default()
            },
            SnowballParams {
                order: AnswerOrder::ReasonFirst,
                self_check: true,
                false_alarm: 0.2,
                ..Default::default()
            },
        ] {
            let x = exact(&p);
            let n = 1_000_000u64;
            let mc = monte_carlo(&p, 11, n);
            assert!(
                within_interval(mc.wrong_answer * n as f64, n as f64, x.wrong_answer),
                "{p:?}: {} vs {}",
                mc.wrong_answer,
                x.wrong_answer
            );
            assert!(
                (mc.mean_false_claims - x.mean_false_claims).abs() < 0.01,
                "{p:?}"
            );
            assert!(
                (mc.snowballed_share - x.snowballed_share).abs() < 0.005,
                "{p:?}"
            );
        }
    }

    #[test]
    fn self_check_with_perfect_recognition_and_retries_removes_errors() {
        let p = SnowballParams {
            self_check: true,
            recognition: 1.0,
            false_alarm: 0.0,
            detection: 1.0,
            retry_success: 1.0,
            ..Default::default()
        };
        let x = exact(&p);
        assert!(x.wrong_answer.abs() < 1e-15);
        assert!((x.clean - 1.0).abs() < 1e-12);
    }
}
