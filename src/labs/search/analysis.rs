//! A search upload's report: problems, samples, single-sample accuracy and the exact selection
//! curves of §A.2 averaged over problems, for k = 1 … the smallest number of samples per
//! problem; the selection gap; a row per problem for the table and its drill-down.

use serde::{Deserialize, Serialize};

use super::estimators::{self, Sample};
use super::ingest::{Problem, SearchFile};
use crate::ingest::IngestWarning;
use crate::msg;
use crate::rng::Stream;

/// One k of the curves (mean over problems).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub k: usize,
    pub coverage: f64,
    pub majority: f64,
    /// `None` without scores.
    pub best_of_k: Option<f64>,
    /// `None` without scores.
    pub weighted_majority: Option<f64>,
}

/// One problem's row in the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProblemRow {
    pub id: String,
    pub samples: usize,
    pub correct: usize,
    pub distinct_answers: usize,
    /// Share of the samples that give the most frequent answer.
    pub top_share: f64,
    /// Chance that best-of-n (all samples) picks a right one (ties split); `None` unscored.
    pub best_of_n: Option<f64>,
    /// Chance that the vote over all samples is right (ties split).
    pub majority_of_n: f64,
}

/// Everything the page and the command line show about one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub name: String,
    pub format: String,
    pub problems: usize,
    pub samples: usize,
    pub samples_min: usize,
    pub samples_max: usize,
    pub single_sample_accuracy: f64,
    pub unextracted_answers: usize,
    pub curve: Vec<CurvePoint>,
    /// The smallest k at which best-of-k is within half a point of its best (where it stops
    /// improving); `None` without scores.
    pub best_of_k_plateau: Option<usize>,
    /// Problems whose majority vote was estimated from random subsets (too costly to count).
    pub majority_sampled: usize,
    /// The smallest k from which some problem's weighted vote was estimated from random subsets.
    pub weighted_sampled_from: Option<usize>,
    pub rows: Vec<ProblemRow>,
    pub warnings: Vec<IngestWarning>,
}

/// A problem's samples as the selectors see them: answers numbered in order of first
/// appearance, `<none>` (no answer) one group that is never right.
pub fn samples_of(p: &Problem) -> Vec<Sample> {
    let mut names: Vec<Option<&str>> = Vec::new();
    p.samples
        .iter()
        .map(|s| {
            let key = s.answer.as_deref();
            let group = names.iter().position(|n| *n == key).unwrap_or_else(|| {
                names.push(key);
                names.len() - 1
            });
            Sample {
                group,
                correct: s.correct && key.is_some(),
                score: s.score,
            }
        })
        .collect()
}

/// The widest 95 % interval of a sampled curve (the file's mean over `problems`), in
/// percentage points to two decimals.
fn half_width(variances: &[f64], problems: f64) -> String {
    let worst = variances.iter().copied().fold(0.0, f64::max);
    format!("{:.2}", 100.0 * 1.96 * worst.sqrt() / problems)
}

/// The file's report: curves at `ks` (every k from 1 to the smallest number of samples per
/// problem when empty; larger k are left out with a warning). `seed` drives the random subsets
/// used where exact counting is too costly.
pub fn analyze(file: &SearchFile, ks: &[usize], seed: u64) -> FileReport {
    let mut warnings = file.warnings.clone();
    let problems: Vec<&Problem> = file
        .problems
        .iter()
        .filter(|p| !p.samples.is_empty())
        .collect();
    let sizes: Vec<usize> = problems.iter().map(|p| p.samples.len()).collect();
    let samples_min = sizes.iter().copied().min().unwrap_or(0);
    let samples_max = sizes.iter().copied().max().unwrap_or(0);
    if samples_min > 0 && samples_min < samples_max {
        let few: Vec<&str> = problems
            .iter()
            .filter(|p| p.samples.len() == samples_min)
            .take(5)
            .map(|p| p.id.as_str())
            .collect();
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!(
                "search.report.uneven",
                min = samples_min,
                max = samples_max,
                problems = few.join(", ")
            ),
        ));
    }
    let kmax = samples_min;
    let mut wanted: Vec<usize> = if ks.is_empty() {
        (1..=kmax).collect()
    } else {
        let mut v: Vec<usize> = ks
            .iter()
            .copied()
            .filter(|&k| k >= 1 && k <= kmax)
            .collect();
        v.sort_unstable();
        v.dedup();
        let over: Vec<String> = ks
            .iter()
            .filter(|&&k| k > kmax || k == 0)
            .map(|k| k.to_string())
            .collect();
        if !over.is_empty() {
            warnings.push(IngestWarning::new(
                msg!("ingest.at.file"),
                None,
                msg!("search.report.k_out", ks = over.join(", "), max = kmax),
            ));
        }
        v
    };
    wanted.retain(|&k| k <= kmax);
    let scored = file.scored;
    let n_p = problems.len().max(1) as f64;
    let mut cov = vec![0.0; kmax];
    let mut maj = vec![0.0; kmax];
    let mut best = vec![0.0; kmax];
    let mut wmaj = vec![0.0; kmax];
    // Variances of the sampled values, summed over problems (exact values add 0).
    let mut mvar = vec![0.0; kmax];
    let mut wvar = vec![0.0; kmax];
    let mut majority_sampled = 0usize;
    let mut weighted_sampled_from: Option<usize> = None;
    let mut rows = Vec::with_capacity(problems.len());
    let mut single = 0.0;
    let mut best_by_n: std::collections::BTreeMap<usize, Vec<f64>> = Default::default();
    for (i, p) in problems.iter().enumerate() {
        let samples = samples_of(p);
        let n = samples.len();
        let c = samples.iter().filter(|s| s.correct).count();
        single += c as f64 / n as f64;
        let groups = estimators::groups(&samples);
        for (k, v) in estimators::coverage(n, c, kmax).into_iter().enumerate() {
            cov[k] += v;
        }
        let m = if estimators::majority_cost(&groups, kmax) <= estimators::MAJORITY_BUDGET {
            estimators::majority(&groups, kmax)
        } else {
            majority_sampled += 1;
            let ones: Vec<Sample> = samples
                .iter()
                .map(|s| Sample {
                    score: Some(1.0),
                    ..s.clone()
                })
                .collect();
            let mut rng = Stream::indexed(seed, "search/majority-subsets", i as u64);
            estimators::weighted_majority(&ones, kmax, &mut rng)
                .into_iter()
                .enumerate()
                .map(|(k, e)| {
                    mvar[k] += e.variance;
                    e.value
                })
                .collect()
        };

        for (k, v) in m.iter().enumerate() {
            maj[k] += v;
        }
        let mut best_of_n = None;
        if scored {
            let pairs: Vec<(f64, bool)> = samples
                .iter()
                .map(|s| (s.score.unwrap_or(f64::NEG_INFINITY), s.correct))
                .collect();
            // best-of-k depends on the ranks only: problems with the same n are summed and
            // counted once below.
            let w = estimators::best_of_k_weights(&pairs);
            best_of_n = w.first().copied();
            let sum = best_by_n.entry(n).or_insert_with(|| vec![0.0; n]);
            sum.iter_mut().zip(&w).for_each(|(a, b)| *a += b);
            let mut rng = Stream::indexed(seed, "search/weighted-subsets", i as u64);
            let w = estimators::weighted_majority(&samples, kmax, &mut rng);
            for (k, e) in w.into_iter().enumerate() {
                wmaj[k] += e.value;
                wvar[k] += e.variance;
                if !e.exact && weighted_sampled_from.is_none_or(|f| k + 1 < f) {
                    weighted_sampled_from = Some(k + 1);
                }
            }
        }
        let top = groups.iter().map(|g| g.0).max().unwrap_or(0);
        rows.push(ProblemRow {
            id: p.id.clone(),
            samples: n,
            correct: c,
            distinct_answers: groups.len(),
            top_share: top as f64 / n as f64,
            best_of_n,
            majority_of_n: estimators::majority_of_all(&groups),
        });
    }
    for weights in best_by_n.values() {
        for (k, v) in estimators::best_of_k_ranked(weights, kmax)
            .into_iter()
            .enumerate()
        {
            best[k] += v;
        }
    }
    if majority_sampled > 0 {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!(
                "search.report.majority_sampled",
                n = majority_sampled,
                draws = estimators::WEIGHTED_DRAWS,
                half = half_width(&mvar, n_p)
            ),
        ));
    }
    if let Some(k) = weighted_sampled_from {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!(
                "search.report.weighted_sampled",
                k = k,
                draws = estimators::WEIGHTED_DRAWS,
                half = half_width(&wvar, n_p)
            ),
        ));
    }
    let curve: Vec<CurvePoint> = wanted
        .iter()
        .map(|&k| CurvePoint {
            k,
            coverage: cov[k - 1] / n_p,
            majority: maj[k - 1] / n_p,
            best_of_k: scored.then(|| best[k - 1] / n_p),
            weighted_majority: scored.then(|| wmaj[k - 1] / n_p),
        })
        .collect();
    let best_of_k_plateau = scored.then(|| {
        let top = best.iter().copied().fold(f64::NEG_INFINITY, f64::max) / n_p;
        best.iter()
            .position(|&b| b / n_p >= top - 0.005)
            .map_or(1, |i| i + 1)
    });
    FileReport {
        name: file.name.clone(),
        format: file.format.clone(),
        problems: problems.len(),
        samples: sizes.iter().sum(),
        samples_min,
        samples_max,
        single_sample_accuracy: if problems.is_empty() {
            f64::NAN
        } else {
            single / n_p
        },
        unextracted_answers: file.unextracted,
        curve,
        best_of_k_plateau: if kmax == 0 { None } else { best_of_k_plateau },
        majority_sampled,
        weighted_sampled_from,
        rows,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::search::ingest::{read_search, Aggregate};

    #[test]
    fn a_small_file_by_hand() {
        // p1: answers 4 (right, 0.9), 5 (0.2), 4 (0.3); p2: 7 (wrong, 0.8), 8 (right, 0.1), 7 (0.5).
        let csv = b"problem_id,answer,correct,score\np1,4,1,0.9\np1,5,0,0.2\np1,4,1,0.3\np2,7,0,0.8\np2,8,1,0.1\np2,7,0,0.5\n";
        let f = &read_search("t.csv", csv, Aggregate::Stored, &mut |_, _| {})[0];
        let r = analyze(f, &[], 1);
        assert_eq!(
            (r.problems, r.samples, r.samples_min, r.samples_max),
            (2, 6, 3, 3)
        );
        assert!((r.single_sample_accuracy - 0.5).abs() < 1e-12);
        let at = |k: usize| &r.curve[k - 1];
        // k = 1: every selector is one random sample.
        assert!((at(1).coverage - 0.5).abs() < 1e-12);
        assert!((at(1).majority - 0.5).abs() < 1e-12);
        assert_eq!(
            at(1).best_of_k.map(|v| (v * 1e12).round() / 1e12),
            Some(0.5)
        );
        // k = 3: p1 covered, voted and best-scored right; p2 covered, voted wrong, best wrong.
        assert!((at(3).coverage - 1.0).abs() < 1e-12);
        assert!((at(3).majority - 0.5).abs() < 1e-12);
        assert_eq!(at(3).best_of_k, Some(0.5));
        // Weighted vote at k = 3: p1 4 (1.2) beats 5 (0.2); p2 7 (1.3) beats 8 (0.1).
        assert_eq!(at(3).weighted_majority, Some(0.5));
        assert_eq!(r.rows[1].distinct_answers, 2);
        assert!((r.rows[1].top_share - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.best_of_k_plateau, Some(1));
        // Chosen k only, out-of-range ones named.
        let some = analyze(f, &[2, 9], 1);
        assert_eq!(some.curve.iter().map(|p| p.k).collect::<Vec<_>>(), [2]);
        assert!(some.warnings.iter().any(|w| w.to_string().contains('9')));
    }

    #[test]
    fn the_real_search_and_learn_file() {
        let bytes =
            include_bytes!("../../../tests/fixtures/search_and_learn_beam_math500_first10.jsonl");
        let f = &read_search("sal.jsonl", bytes, Aggregate::Stored, &mut |_, _| {})[0];
        let r = analyze(f, &[], 1);
        assert_eq!(r.format, "search-and-learn");
        assert_eq!((r.problems, r.samples_min, r.samples_max), (10, 16, 16));
        assert!(r.curve.len() == 16 && r.best_of_k_plateau.is_some());
        for p in &r.curve {
            for v in [
                p.coverage,
                p.majority,
                p.best_of_k.unwrap_or(0.0),
                p.weighted_majority.unwrap_or(0.0),
            ] {
                assert!((0.0..=1.0 + 1e-9).contains(&v), "{p:?}");
            }
        }
        // Coverage never falls and ends at the share of problems with a right completion.
        assert!(r
            .curve
            .windows(2)
            .all(|w| w[1].coverage >= w[0].coverage - 1e-12));
        let solved = r.rows.iter().filter(|row| row.correct > 0).count() as f64 / 10.0;
        assert!((r.curve[15].coverage - solved).abs() < 1e-12);
    }
}
