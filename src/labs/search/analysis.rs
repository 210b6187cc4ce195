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
    /// The problems averaged at this k (those with at least k samples).
    #[serde(default)]
    pub problems: usize,
    /// 95 % interval of `majority` where some problem's vote was estimated from random subsets
    /// (too costly to count); `None` where every problem was counted exactly.
    #[serde(default)]
    pub majority_interval: Option<(f64, f64)>,
    /// The same for `weighted_majority`.
    #[serde(default)]
    pub weighted_majority_interval: Option<(f64, f64)>,
}

/// A problem with fewer samples than the curves run to: left out of every k above its count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeftOut {
    pub id: String,
    pub samples: usize,
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
    /// Problems with fewer samples than the curves' largest k, fewest first.
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
    /// The numbers look like completions joined to the wrong problems (see [`misjoined`]).
    #[serde(default)]
    pub suspect_join: bool,
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
    let kmax = curve_reach(&sizes);
    // Problems short of kmax, fewest samples first: each is left out from its count + 1 on.
    let mut left_out: Vec<LeftOut> = problems
        .iter()
        .filter(|p| p.samples.len() < kmax)
        .map(|p| LeftOut {
            id: p.id.clone(),
            samples: p.samples.len(),
        })
        .collect();
    left_out.sort_by_key(|l| l.samples);
    if !left_out.is_empty() {
        let mut named: Vec<String> = left_out
            .iter()
            .take(5)
            .map(|l| format!("{} ({})", l.id, l.samples))
            .collect();
        if left_out.len() > 5 {
            named.push("…".into());
        }
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!(
                "search.report.uneven",
                count = left_out.len(),
                min = samples_min,
                max = samples_max,
                k = kmax,
                problems = named.join(", ")
            ),
        ));
    }
    let mut wanted: Vec<usize> = if ks.is_empty() {
        curve_ks(kmax)
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
    // best-of-k is computed at the curve's k and the grid the plateau is looked for on.
    let mut best_ks = curve_ks(kmax);
    best_ks.extend(&wanted);
    best_ks.sort_unstable();
    best_ks.dedup();
    let scored = file.scored;
    let n_p = problems.len().max(1) as f64;
    let mut cov = vec![0.0; kmax];
    let mut maj = vec![0.0; kmax];
    let mut best = vec![0.0; best_ks.len()];
    let mut wmaj = vec![0.0; kmax];
    // Variances of the sampled values, summed over problems (exact values add 0).
    let mut mvar = vec![0.0; kmax];
    let mut wvar = vec![0.0; kmax];
    let mut majority_sampled = 0usize;
    let mut weighted_sampled_from: Option<usize> = None;
    let mut rows = Vec::with_capacity(problems.len());
    let mut single = 0.0;
    let mut best_by_n: std::collections::BTreeMap<usize, Vec<f64>> = Default::default();
    let budget = estimators::problem_budget(problems.len());
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
            estimators::weighted_majority_within(
                &ones,
                kmax,
                budget,
                estimators::WEIGHTED_DRAWS,
                &mut rng,
            )
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
            let w = estimators::weighted_majority_within(
                &samples,
                kmax,
                budget,
                estimators::WEIGHTED_DRAWS,
                &mut rng,
            );
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
        for (i, v) in estimators::best_of_k_at(weights, &best_ks)
            .into_iter()
            .enumerate()
        {
            best[i] += v;
        }
    }
    // The problems averaged at each k: those with at least k samples.
    let mut at_k = vec![0usize; kmax];
    for &n in &sizes {
        at_k[..n.min(kmax)].iter_mut().for_each(|c| *c += 1);
    }
    let mean = |sum: &[f64], k: usize| sum[k - 1] / at_k[k - 1].max(1) as f64;
    let best_mean = |k: usize| {
        best_ks
            .binary_search(&k)
            .map_or(0.0, |i| best[i] / at_k[k - 1].max(1) as f64)
    };
    // The widest 95 % half-width of a sampled curve, in points.
    let half = |var: &[f64]| {
        let worst = (1..=kmax)
            .map(|k| libm::sqrt(var[k - 1]) / at_k[k - 1].max(1) as f64)
            .fold(0.0, f64::max);
        format!("{:.2}", 100.0 * 1.96 * worst)
    };
    let interval = |value: f64, var: f64, k: usize| {
        (var > 0.0).then(|| {
            let h = 1.96 * libm::sqrt(var) / at_k[k - 1].max(1) as f64;
            ((value - h).max(0.0), (value + h).min(1.0))
        })
    };
    if majority_sampled > 0 {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!(
                "search.report.majority_sampled",
                n = majority_sampled,
                draws = estimators::WEIGHTED_DRAWS,
                half = half(&mvar)
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
                half = half(&wvar)
            ),
        ));
    }
    let curve: Vec<CurvePoint> = wanted
        .iter()
        .map(|&k| {
            let majority = mean(&maj, k);
            let weighted = scored.then(|| mean(&wmaj, k));
            CurvePoint {
                k,
                coverage: mean(&cov, k),
                majority,
                best_of_k: scored.then(|| best_mean(k)),
                weighted_majority: weighted,
                problems: at_k[k - 1],
                majority_interval: interval(majority, mvar[k - 1], k),
                weighted_majority_interval: weighted.and_then(|w| interval(w, wvar[k - 1], k)),
            }
        })
        .collect();
    let misjoin = misjoined(&rows);
    let suspect_join = misjoin.is_some();
    if let Some(spread) = misjoin {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!(
                "search.report.misjoined",
                spread = spread,
                problems = rows.len(),
                accuracy = format!("{:.1}", 100.0 * single / n_p)
            ),
        ));
    }
    let best_of_k_plateau = scored.then(|| {
        let means: Vec<f64> = best_ks.iter().map(|&k| best_mean(k)).collect();
        let top = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        means
            .iter()
            .position(|&b| b >= top - 0.005)
            .map_or(1, |i| best_ks[i])
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
        left_out,
        suspect_join,
        rows,
        warnings,
    }
}

/// The k a curve is given at: every k up to [`estimators::DENSE_K`], then one every 1 % (about
/// 230 a decade, finer than a pixel on the page's log axis) and `kmax` itself — so a problem
/// of 10⁵ samples gives a curve of 1 460 points, not 10⁵.
pub fn curve_ks(kmax: usize) -> Vec<usize> {
    let mut ks: Vec<usize> = (1..=kmax.min(estimators::DENSE_K)).collect();
    let mut k = estimators::DENSE_K;
    while k < kmax {
        k = (k + 1).max((k as f64 * 1.01).ceil() as usize).min(kmax);
        ks.push(k);
    }
    ks
}

/// The largest k the curves run to: the most samples that at least 90 % of the problems have
/// (so one short problem does not cut every curve to its count; the short ones are left out
/// of the k above theirs).
pub fn curve_reach(sizes: &[usize]) -> usize {
    let mut sorted = sizes.to_vec();
    sorted.sort_unstable();
    // The largest k with #(n ≥ k) ≥ 0.9 · problems: the size at rank ⌊0.1 · problems⌋.
    sorted.get(sorted.len() / 10).copied().unwrap_or(0)
}

/// Numbers that look like completions joined to the wrong problems rather than a hard test: at
/// least ten problems, at least 80 % of them with nearly every sample a different answer (at
/// least three in four distinct, four samples or more) and not one right, and under 5 % of all
/// samples right. A weak model on hard free-form problems can look the same: the report says so.
/// The number of such problems when the file looks so.
pub fn misjoined(rows: &[ProblemRow]) -> Option<usize> {
    let spread = rows
        .iter()
        .filter(|r| r.samples >= 4 && r.distinct_answers * 4 >= r.samples * 3 && r.correct == 0)
        .count();
    let samples: usize = rows.iter().map(|r| r.samples).sum();
    let correct: usize = rows.iter().map(|r| r.correct).sum();
    (rows.len() >= 10 && spread * 5 >= rows.len() * 4 && correct * 20 < samples).then_some(spread)
}

/// One problem of 200 scored samples in three answers (the first right): too big to count the
/// weighted vote beyond k = 3, so it is estimated (tests of the report and its chart).
#[cfg(test)]
pub(crate) fn one_big_problem() -> SearchFile {
    use crate::labs::search::ingest::{read_search, Aggregate};
    let mut text = String::from("problem_id,answer,correct,score\n");
    for j in 0..200 {
        let a = j % 3;
        text.push_str(&format!(
            "p0,{a},{},{}\n",
            u8::from(a == 0),
            (j * 7 % 11) as f64 / 10.0
        ));
    }
    read_search("e.csv", text.as_bytes(), Aggregate::Stored, &mut |_, _| {})
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the file reads"))
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

    /// A generic CSV: `problems` of (id, samples), sample j of a problem right when j % 3 == 0,
    /// answers "a" (right) or "b{j % 2}", scores j / 10.
    fn csv(problems: &[(&str, usize)]) -> Vec<u8> {
        let mut out = String::from("problem_id,answer,correct,score\n");
        for (id, n) in problems {
            for j in 0..*n {
                let right = j % 3 == 0;
                let answer = if right {
                    "a".to_string()
                } else {
                    format!("b{}", j % 2)
                };
                out.push_str(&format!(
                    "{id},{answer},{},{}\n",
                    u8::from(right),
                    j as f64 / 10.0
                ));
            }
        }
        out.into_bytes()
    }

    #[test]
    fn one_short_problem_leaves_the_curves_to_the_others() {
        let mut rows: Vec<(String, usize)> = (1..10).map(|i| (format!("p{i}"), 6)).collect();
        let others: Vec<(&str, usize)> = rows.iter().map(|(i, n)| (i.as_str(), *n)).collect();
        let alone = analyze(
            &read_search("o.csv", &csv(&others), Aggregate::Stored, &mut |_, _| {})[0],
            &[],
            1,
        );
        rows.insert(0, ("short".into(), 1));
        let all: Vec<(&str, usize)> = rows.iter().map(|(i, n)| (i.as_str(), *n)).collect();
        let f = &read_search("t.csv", &csv(&all), Aggregate::Stored, &mut |_, _| {})[0];
        let r = analyze(f, &[], 1);
        // The curves run to 6, not to the short problem's 1.
        assert_eq!(r.curve.len(), 6);
        assert_eq!(
            r.left_out,
            [LeftOut {
                id: "short".into(),
                samples: 1
            }]
        );
        assert_eq!(r.curve[0].problems, 10);
        // From k = 2 on, the other nine alone: the same numbers as a file without it.
        for k in 2..=6 {
            let (a, b) = (&r.curve[k - 1], &alone.curve[k - 1]);
            assert_eq!(a.problems, 9);
            assert!((a.coverage - b.coverage).abs() < 1e-12, "k {k}");
            assert!((a.majority - b.majority).abs() < 1e-12, "k {k}");
            let d = a.best_of_k.zip(b.best_of_k).map(|(x, y)| (x - y).abs());
            assert!(d.is_some_and(|d| d < 1e-12), "k {k}");
            let d = a
                .weighted_majority
                .zip(b.weighted_majority)
                .map(|(x, y)| (x - y).abs());
            assert!(d.is_some_and(|d| d < 1e-12), "k {k}");
        }
        // The report names it and where it stops counting.
        let said: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
        assert!(said.iter().any(|w| w.contains("short (1)")), "{said:?}");
        assert!(!r.suspect_join);
        // Counted exactly: no interval.
        assert!(r
            .curve
            .iter()
            .all(|p| p.weighted_majority_interval.is_none()));
    }

    #[test]
    fn completions_joined_to_the_wrong_problems_are_flagged() {
        // Twelve problems of eight samples, every sample a different wrong answer.
        let mut text = String::from("problem_id,answer,correct\n");
        for p in 0..12 {
            for j in 0..8 {
                text.push_str(&format!("p{p},{},0\n", 100 * p + j));
            }
        }
        let f = &read_search("j.csv", text.as_bytes(), Aggregate::Stored, &mut |_, _| {})[0];
        let r = analyze(f, &[], 1);
        assert!(r.suspect_join);
        let said: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            said.iter()
                .any(|w| w.contains("12 of 12 problems") && w.contains("joined")),
            "{said:?}"
        );
        // The same shape with one right answer per problem (12.5 % right) is a hard test, not a
        // broken join.
        let mut text = String::from("problem_id,answer,correct\n");
        for p in 0..12 {
            for j in 0..8 {
                text.push_str(&format!("p{p},{},{}\n", 100 * p + j, u8::from(j == 0)));
            }
        }
        let f = &read_search("h.csv", text.as_bytes(), Aggregate::Stored, &mut |_, _| {})[0];
        assert!(!analyze(f, &[], 1).suspect_join);
    }

    #[test]
    fn estimated_values_carry_their_interval() {
        // One problem of 200 samples in 3 answers: far too many subsets of each answer to list,
        // so the small k are counted one k at a time (to k = 3 within the file's budget) and
        // the rest estimated.
        let r = analyze(&one_big_problem(), &[1, 2, 50, 200], 1);
        let at = |k: usize| r.curve.iter().find(|p| p.k == k).cloned();
        // k = 1 and 2 are counted; k = 50 is estimated, with an interval around its value.
        assert!(at(1).is_some_and(|p| p.weighted_majority_interval.is_none()));
        let p = at(50).unwrap_or_else(|| panic!("k = 50 missing"));
        let (lo, hi) = p.weighted_majority_interval.unwrap_or((2.0, -1.0));
        let w = p.weighted_majority.unwrap_or(-1.0);
        assert!(
            lo <= w && w <= hi && hi - lo > 0.0 && hi - lo < 0.5,
            "{p:?}"
        );
        assert_eq!(r.weighted_sampled_from, Some(4));
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
