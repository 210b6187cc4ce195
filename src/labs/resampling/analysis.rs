//! Resampling curves measured on real results with the exact unbiased estimator (science.md §3.5).
//!
//! Per task with n samples — a accepted & correct, b accepted & wrong, m rejected — the chance that
//! a uniformly random ordering has its first accepted sample within the first k draws is
//! 1 − C(m,k)/C(n,k), and that sample is correct with probability a/(a+b). Averaging over tasks
//! gives curves for k = 1 … n without random permutations: this is exactly what the authors'
//! 1 000-permutation simulation estimates.

use serde::Serialize;

use crate::labs::resampling::results::{ResultsFile, ResultsFormat, TaskCounts};
use crate::labs::resampling::sim::{TaskMix, TaskType};

/// Analysis options shared by the page and the CLI.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzeOptions {
    /// Cost of a false positive.
    pub lambda: f64,
    /// Cost per sample drawn.
    pub kappa: f64,
    /// Budgets to report; `None` = every k from 1 to the smallest samples per task.
    pub ks: Option<Vec<u32>>,
    /// Drop tasks where a correct sample fails the verifier (the paper's false-negative filter).
    pub drop_false_negatives: bool,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        Self {
            lambda: 1.0,
            kappa: 0.0,
            ks: None,
            drop_false_negatives: false,
        }
    }
}

/// Smallest and largest samples per task.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MinMax {
    pub min: u32,
    pub max: u32,
}

/// One budget of a measured curve. Truth-dependent values are `null` without plus results.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MeasuredPoint {
    pub k: u32,
    pub accuracy: Option<f64>,
    pub false_positive: Option<f64>,
    pub abstain: f64,
    pub utility: Option<f64>,
}

/// Why the optimal k is what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimalKStatus {
    /// Utility peaks inside the measured range.
    Finite,
    /// Utility is still rising at the largest k the file supports.
    StillRising,
    /// No budget beats abstaining (k = 0).
    Abstain,
    /// No truth: utility cannot be measured.
    Unavailable,
}

/// A range of values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    pub lo: f64,
    pub hi: f64,
}

/// One row of the per-task table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskRow {
    pub task_id: String,
    pub n: u32,
    pub pass_correct: u32,
    pub pass_wrong: u32,
    pub rejected: u32,
    /// P(wrong | accepted) = b/(a+b); `None` if nothing was accepted or truth is unknown.
    pub false_positive_rate: Option<f64>,
}

/// Everything the page and `cascade resampling analyze --json` report for one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileAnalysis {
    pub name: String,
    pub format: ResultsFormat,
    pub tasks: usize,
    pub samples: u64,
    pub samples_per_task: MinMax,
    pub single_sample_accuracy: Option<f64>,
    pub verifier_pass_rate: f64,
    pub conditional_accuracy: Option<f64>,
    /// The ceiling: accuracy as k → ∞ (science.md §3.3), mean over tasks of a/(a + b), a task
    /// that never passed in its n samples counted 0 (the estimate that assumes it never will).
    pub ceiling: Option<f64>,
    /// The ceiling's 95 % range: from the estimate above (tasks that never passed stay at 0)
    /// to the one that counts them 1 (they pass, correctly, with more samples), each widened
    /// by 1.96 standard errors over tasks. What n samples per task cannot tell is in its width.
    pub ceiling_range: Option<Range>,
    /// Tasks (with truth) of which no sample passed the verifier.
    pub tasks_never_passed: usize,
    /// Accuracy at k = the fewest samples a task has (the curve's last point): what the file
    /// measures, not a limit.
    pub accuracy_at_n_max: Option<f64>,
    pub optimal_k: Option<u32>,
    pub optimal_k_status: OptimalKStatus,
    pub lambda: f64,
    pub kappa: f64,
    pub curve: Vec<MeasuredPoint>,
    /// Tasks removed by the false-negative filter.
    pub dropped_false_negative_tasks: Vec<String>,
    pub skipped: usize,
    /// Worded when shown (the command line prints them worded).
    #[serde(serialize_with = "crate::text::worded")]
    pub warnings: Vec<crate::text::Deferred>,
    #[serde(skip)]
    pub task_rows: Vec<TaskRow>,
}

/// P(first j draws all rejected) = C(m,j)/C(n,j) for j = 0..=k_max, computed as a running product.
fn all_rejected(m: u32, n: u32, k_max: u32) -> Vec<f64> {
    let mut out = Vec::with_capacity(k_max as usize + 1);
    let mut ratio = 1.0;
    out.push(ratio);
    for j in 1..=k_max {
        if j > m || j > n {
            ratio = 0.0;
        } else {
            ratio *= (m - j + 1) as f64 / (n - j + 1) as f64;
        }
        out.push(ratio);
    }
    out
}

/// Estimated per-task utility, accuracy and FP share at budget k from the counts (exported for tests).
pub fn task_estimate(t: &TaskCounts, k: u32, lambda: f64) -> (f64, f64) {
    let accepted = t.pass_correct + t.pass_wrong;
    if accepted == 0 || t.n == 0 {
        return (0.0, 0.0);
    }
    let none = all_rejected(t.rejected, t.n, k)[k as usize];
    let cover = 1.0 - none;
    let a = t.pass_correct as f64;
    let b = t.pass_wrong as f64;
    (cover * (a - lambda * b) / (a + b), cover)
}

/// Analyses one file.
pub fn analyze(file: &ResultsFile, opts: &AnalyzeOptions) -> FileAnalysis {
    let mut dropped = Vec::new();
    let tasks: Vec<&TaskCounts> = file
        .tasks
        .iter()
        .filter(|t| {
            let fn_task = opts.drop_false_negatives && t.truth && t.rejected_correct > 0;
            if fn_task {
                dropped.push(t.task_id.clone());
            }
            !fn_task
        })
        .collect();
    let n_tasks = tasks.len();
    let samples: u64 = tasks.iter().map(|t| t.n as u64).sum();
    let min = tasks.iter().map(|t| t.n).min().unwrap_or(0);
    let max = tasks.iter().map(|t| t.n).max().unwrap_or(0);
    let truth_tasks: Vec<&TaskCounts> = tasks.iter().copied().filter(|t| t.truth).collect();
    let has_truth = !truth_tasks.is_empty();
    let mean = |xs: &mut dyn Iterator<Item = f64>, n: usize| {
        if n == 0 {
            0.0
        } else {
            xs.sum::<f64>() / n as f64
        }
    };

    let verifier_pass_rate = mean(
        &mut tasks
            .iter()
            .map(|t| (t.pass_correct + t.pass_wrong) as f64 / t.n as f64),
        n_tasks,
    );
    let single_sample_accuracy = has_truth.then(|| {
        mean(
            &mut truth_tasks
                .iter()
                .map(|t| t.pass_correct as f64 / t.n as f64),
            truth_tasks.len(),
        )
    });
    let ceiling_of = |t: &TaskCounts| {
        let acc = t.pass_correct + t.pass_wrong;
        (acc > 0).then(|| t.pass_correct as f64 / acc as f64)
    };
    let with_pass: Vec<f64> = truth_tasks.iter().filter_map(|t| ceiling_of(t)).collect();
    let conditional_accuracy = (has_truth && !with_pass.is_empty())
        .then(|| with_pass.iter().sum::<f64>() / with_pass.len() as f64);
    // fold from +0.0: an empty f64 sum is −0.0, which would print as "-0.0 %".
    let ceiling =
        has_truth.then(|| with_pass.iter().fold(0.0, |s, x| s + x) / truth_tasks.len() as f64);
    let tasks_never_passed = truth_tasks.len() - with_pass.len();
    let ceiling_range = ceiling.map(|lo_mean| {
        let nt = truth_tasks.len() as f64;
        // Standard error of a mean over tasks whose never-passed tasks count `fill`.
        let se = |fill: f64| {
            let m = lo_mean + fill * tasks_never_passed as f64 / nt;
            let ss = with_pass.iter().map(|x| (x - m) * (x - m)).sum::<f64>()
                + tasks_never_passed as f64 * (fill - m) * (fill - m);
            (ss / (nt - 1.0).max(1.0) / nt).sqrt()
        };
        let hi_mean = lo_mean + tasks_never_passed as f64 / nt;
        Range {
            lo: (lo_mean - 1.96 * se(0.0)).max(0.0),
            hi: (hi_mean + 1.96 * se(1.0)).min(1.0),
        }
    });

    // Curves over every k up to the smallest samples per task.
    let k_top = min;
    let nt = truth_tasks.len().max(1) as f64;
    let mut acc = vec![0.0; k_top as usize + 1];
    let mut fp = vec![0.0; k_top as usize + 1];
    let mut abstain = vec![0.0; k_top as usize + 1];
    let mut drawn = vec![0.0; k_top as usize + 1];
    for t in &tasks {
        let none = all_rejected(t.rejected, t.n, k_top);
        let accepted = (t.pass_correct + t.pass_wrong) as f64;
        let mut expected_draws = 0.0;
        for k in 1..=k_top as usize {
            // E[draws within k] = Σ_{j<k} P(first j all rejected).
            expected_draws += none[k - 1];
            abstain[k] += none[k] / n_tasks.max(1) as f64;
            if t.truth {
                drawn[k] += expected_draws / nt;
                if accepted > 0.0 {
                    let cover = 1.0 - none[k];
                    acc[k] += cover * t.pass_correct as f64 / accepted / nt;
                    fp[k] += cover * t.pass_wrong as f64 / accepted / nt;
                }
            }
        }
    }
    let utility = |k: usize| acc[k] - opts.lambda * fp[k] - opts.kappa * drawn[k];
    let (optimal_k, optimal_k_status) = if !has_truth || k_top == 0 {
        (None, OptimalKStatus::Unavailable)
    } else {
        let mut best = (0usize, 0.0f64);
        for k in 1..=k_top as usize {
            let u = utility(k);
            if u > best.1 {
                best = (k, u);
            }
        }
        let status = if best.0 == 0 {
            OptimalKStatus::Abstain
        } else if best.0 == k_top as usize && (k_top == 1 || utility(best.0) > utility(best.0 - 1))
        {
            OptimalKStatus::StillRising
        } else {
            OptimalKStatus::Finite
        };
        (Some(best.0 as u32), status)
    };
    let ks: Vec<u32> = match &opts.ks {
        Some(list) => list.clone(),
        None => (1..=k_top).collect(),
    };
    let curve = ks
        .iter()
        .filter(|&&k| k >= 1 && k <= k_top)
        .map(|&k| {
            let i = k as usize;
            MeasuredPoint {
                k,
                accuracy: has_truth.then(|| acc[i]),
                false_positive: has_truth.then(|| fp[i]),
                abstain: abstain[i],
                utility: has_truth.then(|| utility(i)),
            }
        })
        .collect();
    let mut warnings: Vec<crate::text::Deferred> =
        file.warnings.iter().map(|w| w.deferred()).collect();
    // Not one sample passes: a file that says nothing about the model, most likely a run whose
    // code was never extracted from the replies, or one where every test run failed to start.
    if samples > 0 && tasks.iter().all(|t| t.pass_correct + t.pass_wrong == 0) {
        warnings.insert(
            0,
            crate::msg!("resampling.analysis.nothing_passes", samples = samples),
        );
    }
    if let Some(list) = &opts.ks {
        let beyond: Vec<String> = list
            .iter()
            .filter(|&&k| k < 1 || k > k_top)
            .map(|k| k.to_string())
            .collect();
        if !beyond.is_empty() {
            warnings.push(crate::msg!(
                "resampling.analysis.k_outside",
                k = beyond.join(", "),
                top = k_top
            ));
        }
    }
    let task_rows = tasks
        .iter()
        .map(|t| TaskRow {
            task_id: t.task_id.clone(),
            n: t.n,
            pass_correct: t.pass_correct,
            pass_wrong: t.pass_wrong,
            rejected: t.rejected,
            false_positive_rate: if t.truth {
                ceiling_of(t).map(|c| 1.0 - c)
            } else {
                None
            },
        })
        .collect();
    FileAnalysis {
        name: file.name.clone(),
        format: file.format,
        tasks: n_tasks,
        samples,
        samples_per_task: MinMax { min, max },
        single_sample_accuracy,
        verifier_pass_rate,
        conditional_accuracy,
        ceiling,
        ceiling_range,
        tasks_never_passed,
        accuracy_at_n_max: (has_truth && k_top >= 1).then(|| acc[k_top as usize]),
        optimal_k,
        optimal_k_status,
        lambda: opts.lambda,
        kappa: opts.kappa,
        curve,
        dropped_false_negative_tasks: dropped,
        skipped: file.skipped,
        warnings,
        task_rows,
    }
}

/// The file's tasks as a simulator mixture (each task weighted equally, its empirical rates as truth).
pub fn as_task_mix(file: &ResultsFile) -> TaskMix {
    let tasks: Vec<&TaskCounts> = file.tasks.iter().filter(|t| t.truth && t.n > 0).collect();
    let w = 1.0 / tasks.len().max(1) as f64;
    TaskMix {
        types: tasks
            .iter()
            .map(|t| {
                let n = t.n as f64;
                TaskType {
                    weight: w,
                    correct: t.correct() as f64 / n,
                    tp: t.pass_correct as f64 / n,
                    fp: t.pass_wrong as f64 / n,
                }
            })
            .collect(),
    }
}

/// The authors' method (science.md §3.5): `perms` random orderings per task, first accepted
/// sample within k. Kept for the benchmark that compares it with the closed form.
pub fn permutation_curve(
    file: &ResultsFile,
    k_max: u32,
    lambda: f64,
    perms: u32,
    seed: u64,
) -> Vec<f64> {
    let mut rng = crate::rng::Stream::new(seed, "resampling/permutations");
    let tasks: Vec<&TaskCounts> = file.tasks.iter().filter(|t| t.truth).collect();
    let mut sum = vec![0.0; k_max as usize + 1];
    let mut order: Vec<u8> = Vec::new();
    for t in &tasks {
        order.clear();
        order.extend(std::iter::repeat_n(0u8, t.pass_correct as usize));
        order.extend(std::iter::repeat_n(1u8, t.pass_wrong as usize));
        order.extend(std::iter::repeat_n(2u8, t.rejected as usize));
        for _ in 0..perms {
            // Fisher–Yates.
            for i in (1..order.len()).rev() {
                let j = rng.below(i as u64 + 1) as usize;
                order.swap(i, j);
            }
            let first = order.iter().position(|&o| o != 2);
            for (k, s) in sum.iter_mut().enumerate().skip(1) {
                if let Some(f) = first {
                    if f < k {
                        *s += if order[f] == 0 { 1.0 } else { -lambda };
                    }
                }
            }
        }
    }
    let denom = (tasks.len().max(1) as f64) * perms as f64;
    sum.iter().skip(1).map(|s| s / denom).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(a: u32, b: u32, m: u32) -> TaskCounts {
        TaskCounts {
            task_id: "t".into(),
            n: a + b + m,
            pass_correct: a,
            pass_wrong: b,
            rejected: m,
            rejected_correct: 0,
            truth: true,
        }
    }

    #[test]
    fn estimator_is_exactly_unbiased_by_enumeration() {
        // For every small (a, b, m) the estimator equals the average over all orderings of the
        // outcome "first accepted sample within k".
        fn permutations(items: &mut Vec<u8>, start: usize, out: &mut Vec<Vec<u8>>) {
            if start == items.len() {
                out.push(items.clone());
                return;
            }
            for i in start..items.len() {
                items.swap(start, i);
                permutations(items, start + 1, out);
                items.swap(start, i);
            }
        }
        for (a, b, m) in [(1, 1, 2), (2, 0, 3), (0, 2, 2), (1, 2, 3), (3, 1, 1)] {
            let mut items: Vec<u8> = [
                vec![0u8; a as usize],
                vec![1u8; b as usize],
                vec![2u8; m as usize],
            ]
            .concat();
            let mut all = Vec::new();
            permutations(&mut items, 0, &mut all);
            let lambda = 1.5;
            for k in 1..=(a + b + m) {
                let truth: f64 = all
                    .iter()
                    .map(|o| match o.iter().take(k as usize).find(|&&x| x != 2) {
                        Some(0) => 1.0,
                        Some(_) => -lambda,
                        None => 0.0,
                    })
                    .sum::<f64>()
                    / all.len() as f64;
                let (est, _) = task_estimate(&counts(a, b, m), k, lambda);
                assert!(
                    (est - truth).abs() < 1e-12,
                    "a={a} b={b} m={m} k={k}: {est} vs {truth}"
                );
            }
        }
    }

    #[test]
    fn published_test_vectors() {
        let v: serde_json::Value = serde_json::from_str(include_str!(
            "../../../tests/data/resampling_test_vectors.json"
        ))
        .unwrap();
        for case in v["estimator_cases"].as_array().unwrap() {
            let g = |k: &str| case[k].as_f64().unwrap();
            let t = counts(
                g("a_correct_pass") as u32,
                g("b_incorrect_pass") as u32,
                g("m_fail") as u32,
            );
            let (r, cover) = task_estimate(&t, g("k") as u32, g("lambda"));
            assert!((r - g("R_hat")).abs() < 1e-12, "{case}");
            assert!((cover - g("coverage_hat")).abs() < 1e-12, "{case}");
        }
    }
}
