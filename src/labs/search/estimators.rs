//! Exact selection curves of one problem's samples (search-judges.md §A.2): each value is the
//! expectation over a uniformly random k-subset of the n samples — no random subsets drawn,
//! except where a count would be too costly (weighted vote on large problems), and then said.
//!
//! - coverage@k = 1 − C(n − c, k)/C(n, k) (the Codex estimator);
//! - best-of-k by score: the top-scored sample of the subset (ties among the top split evenly);
//! - majority@k: the most frequent answer of the subset (ties between answers split evenly),
//!   counted with generating functions truncated at the winner's count;
//! - weighted majority@k: the answer with the largest sum of scores (ties split evenly).

use crate::rng::Stream;

/// One sample as the selectors see it: its answer group (`None`: no answer could be read — all
/// such samples form one group that is never correct), whether it is correct, its score.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub group: usize,
    pub correct: bool,
    pub score: Option<f64>,
}

/// `ln C(n, k)`.
fn ln_choose(n: usize, k: usize) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    crate::stats::ln_gamma(n as f64 + 1.0)
        - crate::stats::ln_gamma(k as f64 + 1.0)
        - crate::stats::ln_gamma((n - k) as f64 + 1.0)
}

/// C(a, k)/C(n, k) for a ≤ n: the chance that a random k-subset of n avoids n − a given items.
fn choose_ratio(a: usize, n: usize, k: usize) -> f64 {
    if k > a {
        return 0.0;
    }
    // A product is exact to rounding for the sizes here; logs only for large k.
    if k <= 64 {
        (0..k).map(|i| (a - i) as f64 / (n - i) as f64).product()
    } else {
        libm::exp(ln_choose(a, k) - ln_choose(n, k))
    }
}

/// coverage@k for k = 1 ..= kmax: n samples, c correct.
pub fn coverage(n: usize, c: usize, kmax: usize) -> Vec<f64> {
    (1..=kmax.min(n))
        .map(|k| 1.0 - choose_ratio(n - c.min(n), n, k))
        .collect()
}

/// best-of-k accuracy for k = 1 ..= kmax from (score, correct) pairs. A tie group of g samples
/// with r scored strictly higher is the top of a k-subset with chance
/// (C(n − r, k) − C(n − r − g, k))/C(n, k), and then each of its drawn members equally likely
/// the pick: its correct share counts.
pub fn best_of_k(scored: &[(f64, bool)], kmax: usize) -> Vec<f64> {
    let n = scored.len();
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Tie groups, highest first: (higher, size, correct).
    let mut groups: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i;
        let mut correct = 0;
        while j < n && sorted[j].0.total_cmp(&sorted[i].0).is_eq() {
            correct += usize::from(sorted[j].1);
            j += 1;
        }
        groups.push((i, j - i, correct));
        i = j;
    }
    let mut ratio = vec![0.0; n + 1];
    (1..=kmax.min(n))
        .map(|k| {
            // ratio[a] = C(a, k)/C(n, k), from a = n down: C(a − 1, k)/C(a, k) = (a − k)/a.
            ratio.iter_mut().for_each(|r| *r = 0.0);
            ratio[n] = 1.0;
            for a in (k..n).rev() {
                ratio[a] = ratio[a + 1] * (a + 1 - k) as f64 / (a + 1) as f64;
            }
            groups
                .iter()
                .filter(|(_, _, c)| *c > 0)
                .map(|&(r, g, c)| (ratio[n - r] - ratio[n - r - g]).max(0.0) * c as f64 / g as f64)
                // From +0 (an empty f64 sum is −0, shown as "−0.0 %").
                .fold(0.0, |a, b| a + b)
        })
        .collect()
}

/// Work (multiply-adds) above which [`majority`] is not counted exactly for one problem.
pub const MAJORITY_BUDGET: usize = 40_000_000;

/// Answer groups as (size, correct samples in it).
pub fn groups(samples: &[Sample]) -> Vec<(usize, usize)> {
    let mut by: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for s in samples {
        let e = by.entry(s.group).or_default();
        e.0 += 1;
        e.1 += usize::from(s.correct);
    }
    by.into_values().collect()
}

/// Binomial coefficients C(m, 0..=m) as floats.
fn binomial_row(m: usize) -> Vec<f64> {
    let mut row = vec![1.0; m + 1];
    for x in 1..=m {
        row[x] = row[x - 1] * (m + 1 - x) as f64 / x as f64;
    }
    row
}

/// The work [`majority`] would do, to decide whether to count exactly.
pub fn majority_cost(groups: &[(usize, usize)], kmax: usize) -> usize {
    let mut cost = 0usize;
    for (gi, &(g, correct)) in groups.iter().enumerate() {
        if correct == 0 {
            continue;
        }
        for c in 1..=g.min(kmax) {
            let big = groups
                .iter()
                .enumerate()
                .filter(|(hi, (h, _))| *hi != gi && *h >= c)
                .count();
            let width = kmax.saturating_sub(c) + 1;
            cost = cost.saturating_add(big * width * (big + 1) * (c + 1));
        }
    }
    cost
}

/// majority@k for k = 1 ..= kmax from answer groups (size, correct samples): n = Σ sizes.
///
/// For a group G of size g drawn c times, the other groups must each be drawn fewer than c
/// times, or exactly c (a tie, shared evenly among the t + 1 groups at c). Groups smaller than
/// c are unconstrained: together they contribute one binomial row. The rest multiply
/// polynomials truncated at degree c, in the count drawn and in the number of ties.
pub fn majority(groups: &[(usize, usize)], kmax: usize) -> Vec<f64> {
    let n: usize = groups.iter().map(|g| g.0).sum();
    let kmax = kmax.min(n);
    let mut out = vec![0.0; kmax];
    let rows: Vec<Vec<f64>> = (0..=groups.iter().map(|g| g.0).max().unwrap_or(0))
        .map(binomial_row)
        .collect();
    let ln_total: Vec<f64> = (0..=kmax).map(|k| ln_choose(n, k)).collect();
    for (gi, &(g, correct)) in groups.iter().enumerate() {
        if correct == 0 {
            continue;
        }
        let share = correct as f64 / g as f64;
        for c in 1..=g.min(kmax) {
            let small: usize = groups
                .iter()
                .enumerate()
                .filter(|(hi, (h, _))| *hi != gi && *h < c)
                .map(|(_, (h, _))| h)
                .sum();
            let big: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(hi, (h, _))| *hi != gi && *h >= c)
                .map(|(_, (h, _))| *h)
                .collect();
            let width = kmax - c + 1; // drawn from the others: 0 ..= kmax − c
            let ties = big.len() + 1;
            // poly[d * ties + t]: ways to draw d of the others with t groups tied at c.
            let mut poly = vec![0.0; width * ties];
            for (d, w) in binomial_row(small).into_iter().enumerate().take(width) {
                poly[d * ties] = w;
            }
            let mut top_t = 0usize;
            for &h in &big {
                let row = &rows[h];
                let mut next = vec![0.0; width * ties];
                for d in 0..width {
                    for t in 0..=top_t {
                        let v = poly[d * ties + t];
                        if v == 0.0 {
                            continue;
                        }
                        for x in 0..c.min(width - d) {
                            next[(d + x) * ties + t] += v * row[x];
                        }
                        if d + c < width {
                            next[(d + c) * ties + t + 1] += v * row[c];
                        }
                    }
                }
                top_t += 1;
                poly = next;
            }
            let ln_g = libm::log(rows[g][c]);
            for k in c..=kmax {
                let d = k - c;
                let ways: f64 = (0..ties).map(|t| poly[d * ties + t] / (t + 1) as f64).sum();
                if ways > 0.0 {
                    out[k - 1] += share * libm::exp(ln_g + libm::log(ways) - ln_total[k]);
                }
            }
        }
    }
    out
}

/// Subsets [`weighted_majority`] enumerates for one k before it samples instead.
pub const ENUMERATE_MAX: f64 = 3_000.0;
/// Random orderings [`weighted_majority`] draws per problem where it samples.
pub const WEIGHTED_DRAWS: usize = 200;

/// The answer a subset's weighted vote picks, as the expected correct share (ties split).
fn weighted_pick(
    samples: &[Sample],
    subset: impl Iterator<Item = usize>,
    sums: &mut [f64],
    correct: &[f64],
) -> f64 {
    sums.iter_mut().for_each(|s| *s = f64::NAN);
    for i in subset {
        let s = &samples[i];
        let v = s.score.unwrap_or(0.0);
        let e = &mut sums[s.group];
        *e = if e.is_nan() { v } else { *e + v };
    }
    best_share(sums, correct)
}

fn best_share(sums: &[f64], correct: &[f64]) -> f64 {
    let best = sums
        .iter()
        .filter(|v| !v.is_nan())
        .fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let (mut hits, mut ties) = (0.0, 0usize);
    for (g, &v) in sums.iter().enumerate() {
        if !v.is_nan() && v == best {
            hits += correct[g];
            ties += 1;
        }
    }
    if ties == 0 {
        0.0
    } else {
        hits / ties as f64
    }
}

/// weighted majority@k for k = 1 ..= kmax, and whether each value is exact (all subsets
/// enumerated) or the mean over [`WEIGHTED_DRAWS`] random orderings of the samples (every
/// prefix of a uniformly random ordering is a uniformly random k-subset).
pub fn weighted_majority(samples: &[Sample], kmax: usize, rng: &mut Stream) -> Vec<(f64, bool)> {
    let n = samples.len();
    let kmax = kmax.min(n);
    let n_groups = samples.iter().map(|s| s.group + 1).max().unwrap_or(0);
    let mut correct = vec![0.0; n_groups];
    let mut size = vec![0.0; n_groups];
    for s in samples {
        size[s.group] += 1.0;
        correct[s.group] += f64::from(u8::from(s.correct));
    }
    for g in 0..n_groups {
        if size[g] > 0.0 {
            correct[g] /= size[g];
        }
    }
    let mut sums = vec![f64::NAN; n_groups];
    let mut out = vec![(0.0, true); kmax];
    let mut sampled_from = kmax + 1;
    for k in 1..=kmax {
        if libm::exp(ln_choose(n, k)) > ENUMERATE_MAX {
            sampled_from = k;
            break;
        }
        // Every k-subset, in lexicographic order.
        let mut idx: Vec<usize> = (0..k).collect();
        let (mut total, mut count) = (0.0, 0usize);
        loop {
            total += weighted_pick(samples, idx.iter().copied(), &mut sums, &correct);
            count += 1;
            let mut i = k;
            while i > 0 && idx[i - 1] == n - k + i - 1 {
                i -= 1;
            }
            if i == 0 {
                break;
            }
            idx[i - 1] += 1;
            for j in i..k {
                idx[j] = idx[j - 1] + 1;
            }
        }
        out[k - 1] = (total / count as f64, true);
    }
    if sampled_from <= kmax {
        let mut acc = vec![0.0; kmax + 1];
        let mut order: Vec<usize> = (0..n).collect();
        // The leaders (groups with the largest sum) change only through the group just drawn:
        // a rise is checked against the best; only a leader falling (a negative score) needs
        // the groups scanned again.
        let mut leaders: Vec<usize> = Vec::new();
        for _ in 0..WEIGHTED_DRAWS {
            // The first kmax places of a uniformly random ordering (Fisher–Yates from the front).
            for i in 0..kmax {
                let j = i + rng.below((n - i) as u64) as usize;
                order.swap(i, j);
            }
            sums.iter_mut().for_each(|s| *s = f64::NAN);
            leaders.clear();
            let (mut best, mut lead_correct) = (f64::NEG_INFINITY, 0.0);
            for (pos, &i) in order.iter().enumerate().take(kmax) {
                let s = &samples[i];
                let v = s.score.unwrap_or(0.0);
                let e = &mut sums[s.group];
                *e = if e.is_nan() { v } else { *e + v };
                let now = *e;
                if v < 0.0 && leaders.contains(&s.group) {
                    best = sums
                        .iter()
                        .filter(|x| !x.is_nan())
                        .fold(f64::NEG_INFINITY, |a, &b| a.max(b));
                    leaders.clear();
                    lead_correct = 0.0;
                    for (g, &x) in sums.iter().enumerate() {
                        if x == best {
                            leaders.push(g);
                            lead_correct += correct[g];
                        }
                    }
                } else if now > best {
                    best = now;
                    leaders.clear();
                    leaders.push(s.group);
                    lead_correct = correct[s.group];
                } else if now == best && !leaders.contains(&s.group) {
                    leaders.push(s.group);
                    lead_correct += correct[s.group];
                }
                let k = pos + 1;
                if k >= sampled_from {
                    acc[k] += lead_correct / leaders.len() as f64;
                }
            }
        }
        for k in sampled_from..=kmax {
            out[k - 1] = (acc[k] / WEIGHTED_DRAWS as f64, false);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every k-subset of 0..n.
    fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
        (0u32..(1 << n))
            .filter(|m| m.count_ones() as usize == k)
            .map(|m| (0..n).filter(|i| m & (1 << i) != 0).collect())
            .collect()
    }

    /// A subset's pick by `key` per group (counts or score sums), ties split: correct share.
    fn by_enumeration(samples: &[Sample], k: usize, pick: &dyn Fn(&[usize]) -> f64) -> f64 {
        let all = subsets(samples.len(), k);
        all.iter().map(|s| pick(s)).sum::<f64>() / all.len() as f64
    }

    fn vote(samples: &[Sample], subset: &[usize], weight: &dyn Fn(&Sample) -> f64) -> f64 {
        let n_groups = samples.iter().map(|s| s.group + 1).max().unwrap_or(0);
        let mut sums = vec![f64::NAN; n_groups];
        for &i in subset {
            let e = &mut sums[samples[i].group];
            let w = weight(&samples[i]);
            *e = if e.is_nan() { w } else { *e + w };
        }
        let best = sums
            .iter()
            .filter(|v| !v.is_nan())
            .fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let tied: Vec<usize> = (0..n_groups).filter(|&g| sums[g] == best).collect();
        tied.iter()
            .map(|&g| {
                let members: Vec<&Sample> = samples.iter().filter(|s| s.group == g).collect();
                members.iter().filter(|s| s.correct).count() as f64 / members.len() as f64
            })
            .sum::<f64>()
            / tied.len() as f64
    }

    fn random_problem(rng: &mut Stream, n: usize) -> Vec<Sample> {
        let groups = 1 + rng.below(4) as usize;
        (0..n)
            .map(|_| {
                let group = rng.below(groups as u64) as usize;
                Sample {
                    group,
                    // Group 0 is the right answer; the others wrong.
                    correct: group == 0,
                    // Few distinct scores, so ties happen.
                    score: Some(rng.below(4) as f64 / 4.0),
                }
            })
            .collect()
    }

    #[test]
    fn every_estimator_equals_the_enumeration_of_all_subsets() {
        let mut rng = Stream::new(7, "test/search-estimators");
        for trial in 0..60 {
            let n = 1 + trial % 10;
            let samples = random_problem(&mut rng, n);
            let c = samples.iter().filter(|s| s.correct).count();
            let cov = coverage(n, c, n);
            let scored: Vec<(f64, bool)> = samples
                .iter()
                .map(|s| (s.score.unwrap_or(0.0), s.correct))
                .collect();
            let best = best_of_k(&scored, n);
            let maj = majority(&groups(&samples), n);
            let weighted = weighted_majority(&samples, n, &mut rng);
            for k in 1..=n {
                let e_cov = by_enumeration(&samples, k, &|s| {
                    f64::from(u8::from(s.iter().any(|&i| samples[i].correct)))
                });
                let e_best = by_enumeration(&samples, k, &|s| {
                    let top = s
                        .iter()
                        .map(|&i| scored[i].0)
                        .fold(f64::NEG_INFINITY, f64::max);
                    let tied: Vec<usize> =
                        s.iter().copied().filter(|&i| scored[i].0 == top).collect();
                    tied.iter().filter(|&&i| scored[i].1).count() as f64 / tied.len() as f64
                });
                let e_maj = by_enumeration(&samples, k, &|s| vote(&samples, s, &|_| 1.0));
                let e_w = by_enumeration(&samples, k, &|s| {
                    vote(&samples, s, &|x| x.score.unwrap_or(0.0))
                });
                let at = format!("trial {trial}, n {n}, k {k}: {samples:?}");
                assert!((cov[k - 1] - e_cov).abs() < 1e-12, "coverage {at}");
                assert!((best[k - 1] - e_best).abs() < 1e-12, "best-of-k {at}");
                assert!(
                    (maj[k - 1] - e_maj).abs() < 1e-9,
                    "majority {} vs {e_maj} {at}",
                    maj[k - 1]
                );
                assert!(weighted[k - 1].1, "small problems are enumerated");
                assert!((weighted[k - 1].0 - e_w).abs() < 1e-12, "weighted {at}");
            }
        }
    }

    #[test]
    fn coverage_is_the_codex_estimator_and_large_k_is_stable() {
        // 1 − C(n − c, k)/C(n, k) for n = 200, c = 3, k = 100: 1 − (100·99·98)/(200·199·198).
        let cov = coverage(200, 3, 100);
        let want = 1.0 - (100.0 * 99.0 * 98.0) / (200.0 * 199.0 * 198.0);
        assert!((cov[99] - want).abs() < 1e-12, "{} vs {want}", cov[99]);
        assert_eq!(coverage(10, 0, 10), vec![0.0; 10]);
        // No right sample: exactly +0 everywhere (not −0).
        let none = best_of_k(&[(0.5, false), (0.1, false)], 2);
        assert!(
            none.iter().all(|v| *v == 0.0 && v.is_sign_positive()),
            "{none:?}"
        );
        assert!((coverage(10, 10, 10)[0] - 1.0).abs() < 1e-15);
        // Majority and best-of-k at k = n are the full-sample choice.
        let groups = [(150usize, 150usize), (106, 0)];
        let m = majority(&groups, 256);
        assert!((m[255] - 1.0).abs() < 1e-9, "{}", m[255]);
        assert!(m
            .iter()
            .all(|v| v.is_finite() && (-1e-12..=1.0 + 1e-9).contains(v)));
    }

    #[test]
    fn large_problems_are_sampled_and_say_so() {
        let mut rng = Stream::new(1, "test/search-estimators");
        let samples = random_problem(&mut rng, 40);
        let w = weighted_majority(&samples, 40, &mut rng);
        assert!(w[0].1, "k = 1 is enumerated");
        assert!(
            !w[39].1,
            "k = 40 of 40 is one subset, but k = 20 is not counted"
        );
        // The last value is the vote over all samples: every ordering agrees — also with
        // negative scores and ties, where leaders fall and are found again.
        let all: Vec<usize> = (0..40).collect();
        let exact = vote(&samples, &all, &|x| x.score.unwrap_or(0.0));
        assert!((w[39].0 - exact).abs() < 1e-12);
        for trial in 0..50 {
            let mut samples = random_problem(&mut rng, 30);
            for s in &mut samples {
                s.score = Some(rng.below(5) as f64 / 2.0 - 1.0);
            }
            let w = weighted_majority(&samples, 30, &mut rng);
            let all: Vec<usize> = (0..30).collect();
            let exact = vote(&samples, &all, &|x| x.score.unwrap_or(0.0));
            assert!(
                (w[29].0 - exact).abs() < 1e-12,
                "trial {trial}: {} vs {exact}",
                w[29].0
            );
        }
    }
}
