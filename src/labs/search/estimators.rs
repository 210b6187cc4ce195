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

/// coverage@k for k = 1 ..= kmax: n samples, c correct. C(n − c, k)/C(n, k) by its recurrence
/// in k: one multiply per k.
pub fn coverage(n: usize, c: usize, kmax: usize) -> Vec<f64> {
    let wrong = n - c.min(n);
    let mut miss = 1.0; // C(wrong, k)/C(n, k), from k = 0
    (0..kmax.min(n))
        .map(|k| {
            miss = if k < wrong {
                miss * (wrong - k) as f64 / (n - k) as f64
            } else {
                0.0
            };
            1.0 - miss
        })
        .collect()
}

/// What best-of-k needs of one problem: the samples in descending score order, each weighted
/// by the correct share of its tie group. A tie group of g samples with r scored higher is the
/// top of a k-subset with chance (C(n − r, k) − C(n − r − g, k))/C(n, k) =
/// Σ_{i<g} C(n − 1 − r − i, k − 1)/C(n, k) (hockey stick), so ties split evenly are the same
/// as the samples of the group ranked in any order, each carrying the group's share.
pub fn best_of_k_weights(scored: &[(f64, bool)]) -> Vec<f64> {
    let n = scored.len();
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut w = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        let mut correct = 0;
        while j < n && sorted[j].0.total_cmp(&sorted[i].0).is_eq() {
            correct += usize::from(sorted[j].1);
            j += 1;
        }
        let share = correct as f64 / (j - i) as f64;
        w[i..j].iter_mut().for_each(|x| *x = share);
        i = j;
    }
    w
}

/// best-of-k for k = 1 ..= kmax from [`best_of_k_weights`] — of one problem, or summed over
/// problems with the same number of samples (the chances depend on n and the rank only, so a
/// whole file costs one pass per distinct n). The sample at rank r is the top of a k-subset
/// with chance f_k(r) = C(n − 1 − r, k − 1)/C(n, k): f_1 = 1/n and
/// f_{k+1}(r) = f_k(r) · (n − r − k)(k + 1)/(k (n − k)).
pub fn best_of_k_ranked(weights: &[f64], kmax: usize) -> Vec<f64> {
    let n = weights.len();
    let kmax = kmax.min(n);
    let mut f = vec![1.0 / n as f64; n];
    let mut out = Vec::with_capacity(kmax);
    for k in 1..=kmax {
        if k > 1 {
            let scale = k as f64 / ((k - 1) as f64 * (n + 1 - k) as f64);
            // Ranks r > n − k can no longer be the top: f is 0 there.
            let live = n + 1 - k;
            for (r, x) in f.iter_mut().enumerate().take(live) {
                *x *= (live - r) as f64 * scale;
            }
            f[live..].iter_mut().for_each(|x| *x = 0.0);
        }
        // From +0 (an empty f64 sum is −0, shown as "−0.0 %").
        out.push(weights.iter().zip(&f).fold(0.0, |a, (w, p)| a + w * p));
    }
    out
}

/// Every k up to this is on a curve; above it, [`best_of_k_at`] takes each k on its own.
pub const DENSE_K: usize = 1000;

/// best-of-k at each of `ks` (ascending) from [`best_of_k_weights`]: the k up to [`DENSE_K`]
/// by [`best_of_k_ranked`]'s recurrence in k (n multiply-adds per k), each k above on its own
/// by the recurrence in the rank, f_k(0) = k/n and f_k(r + 1) = f_k(r) · (n − r − k)/(n − 1 − r)
/// — so a curve sampled at a few hundred k of a problem with 10⁵ samples costs a few hundred
/// passes, not 10⁵. 0 for k above n (the problem is not among those averaged there).
pub fn best_of_k_at(weights: &[f64], ks: &[usize]) -> Vec<f64> {
    let n = weights.len();
    let dense_to = ks
        .iter()
        .copied()
        .filter(|&k| k <= DENSE_K)
        .max()
        .unwrap_or(0);
    let dense = best_of_k_ranked(weights, dense_to);
    ks.iter()
        .map(|&k| {
            if k == 0 || k > n {
                return 0.0;
            }
            if let Some(&v) = dense.get(k - 1).filter(|_| k <= DENSE_K) {
                return v;
            }
            let mut f = k as f64 / n as f64;
            let mut sum = 0.0;
            for (r, w) in weights.iter().enumerate().take(n + 1 - k) {
                sum += w * f;
                if r + 1 < n {
                    f *= (n - r - k) as f64 / (n - 1 - r) as f64;
                }
            }
            sum
        })
        .collect()
}

/// best-of-k accuracy for k = 1 ..= kmax from (score, correct) pairs, ties split evenly.
pub fn best_of_k(scored: &[(f64, bool)], kmax: usize) -> Vec<f64> {
    best_of_k_ranked(&best_of_k_weights(scored), kmax)
}

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

/// majority at k = n: the largest groups tie, each equally likely.
pub fn majority_of_all(groups: &[(usize, usize)]) -> f64 {
    let top = groups.iter().map(|g| g.0).max().unwrap_or(0);
    let (mut hits, mut ties) = (0.0, 0usize);
    for &(g, c) in groups.iter().filter(|g| g.0 == top && top > 0) {
        hits += c as f64 / g as f64;
        ties += 1;
    }
    if ties == 0 {
        0.0
    } else {
        hits / ties as f64
    }
}

/// Binomial coefficients C(m, 0..=m) as floats.
fn binomial_row(m: usize) -> Vec<f64> {
    let mut row = vec![1.0; m + 1];
    for x in 1..=m {
        row[x] = row[x - 1] * (m + 1 - x) as f64 / x as f64;
    }
    row
}

/// Work (multiply-adds) above which [`majority`] is not counted exactly for one problem.
pub const MAJORITY_BUDGET: usize = 40_000_000;
/// Other groups at or above the winner's count up to which [`majority`] keeps one polynomial
/// per subset of them (2^B of them), updated as the count grows.
const LATTICE_MAX: usize = 6;

/// Counts stay finite in f64 while C(n, n/2) does: up to 1 029 samples per problem.
fn countable(n: usize) -> bool {
    ln_choose(n, n / 2) < 700.0
}

/// The work [`majority`] would do (multiply-adds), `usize::MAX` where it cannot count.
pub fn majority_cost(groups: &[(usize, usize)], kmax: usize) -> usize {
    let n: usize = groups.iter().map(|g| g.0).sum();
    if !countable(n) {
        return usize::MAX;
    }
    let kmax = kmax.min(n);
    let mut cost = 0usize;
    for (gi, &(g, correct)) in groups.iter().enumerate() {
        if correct == 0 {
            continue;
        }
        let mut segments = 1usize;
        let mut last_big = usize::MAX;
        for c in 1..=g.min(kmax) {
            let big = groups
                .iter()
                .enumerate()
                .filter(|(hi, (h, _))| *hi != gi && *h >= c)
                .count();
            if big != last_big {
                segments += 1;
                last_big = big;
            }
            let degree = (kmax - c).min(big * c) + 1;
            let step = if big <= LATTICE_MAX {
                (1usize << big) * (big + 2) * degree
            } else {
                let ties = big.min((kmax - c) / c) + 1;
                big * degree * ties * c
            };
            cost = cost.saturating_add(step);
        }
        // Each run of c with the same groups below c meets their full rows once.
        cost = cost.saturating_add(segments * (kmax + 1) * (kmax + 1) / 2);
    }
    cost
}

/// majority@k for k = 1 ..= kmax from answer groups (size, correct samples): n = Σ sizes.
///
/// For a group G of size g drawn c times, every other group H must be drawn fewer than c
/// times, or exactly c — a tie, shared evenly among the t + 1 groups at c. With
/// L_c(H) = Σ_{x<c} C(h, x) y^x and a_H = C(h, c), the ways to draw d of the others are
/// [y^d] (1 + y)^{small} ∫₀¹ Π_{H big} (L_c(H) + τ a_H y^c) dτ (since ∫ τ^t dτ = 1/(t + 1)),
/// where the groups smaller than c ("small") are free and the big ones (h ≥ c) are truncated.
/// The product over the big groups has degree at most c per group, so it stays short; the
/// free rows (1 + y)^{small} change only when c passes a group's size, so the counts of a run
/// of c with the same small groups are summed first and meet that row once. While many groups
/// reach c the product is multiplied out with a ties dimension (`ties_product`); once at
/// most `LATTICE_MAX` do, `lattice` keeps U_A = Π_{H∈A} L_c(H) for every subset A of them,
/// so that the integral is Σ_S Π_{H∈S} a_H y^{c|S|} U_{rest}/(|S| + 1) and the step to c + 1 is
/// a shifted add per subset (L_{c+1}(H) = L_c(H) + a_H y^c).
pub fn majority(groups: &[(usize, usize)], kmax: usize) -> Vec<f64> {
    let n: usize = groups.iter().map(|g| g.0).sum();
    let kmax = kmax.min(n);
    // Rows of the group sizes present only (others are never looked up).
    let mut rows: Vec<Vec<f64>> =
        vec![Vec::new(); groups.iter().map(|g| g.0 + 1).max().unwrap_or(0)];
    for &(h, _) in groups {
        if rows[h].is_empty() {
            rows[h] = binomial_row(h);
        }
    }
    // counts[k]: the ways (weighted by the correct share and the tie split) to draw k samples
    // and have a correct answer chosen.
    let mut counts = vec![0.0; kmax + 1];
    for (gi, &(g, correct)) in groups.iter().enumerate() {
        if correct == 0 {
            continue;
        }
        let share = correct as f64 / g as f64;
        let mut others: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(hi, _)| *hi != gi)
            .map(|(_, h)| h.0)
            .collect();
        // Largest first: the groups c passes leave from the end.
        others.sort_unstable_by(|a, b| b.cmp(a));
        let mut run = Run {
            small: 0,
            acc: vec![0.0; kmax + 1],
            counts: &mut counts,
        };
        let cmax = g.min(kmax);
        let mut c = 1;
        loop {
            if c > cmax {
                break;
            }
            let big: Vec<usize> = others.iter().copied().filter(|&h| h >= c).collect();
            let small: usize = others.iter().filter(|&&h| h < c).sum();
            if big.len() <= LATTICE_MAX {
                lattice(&big, &rows, c, cmax, kmax, &mut |c, passed, ways| {
                    run.add(c, small + passed, share * rows[g][c], ways);
                });
                break;
            }
            let top = (kmax - c).min(big.len() * c);
            let ways = ties_product(&big, &rows, c, top);
            run.add(c, small, share * rows[g][c], &ways);
            c += 1;
        }
        run.flush();
    }
    (1..=kmax)
        .map(|k| counts[k] * libm::exp(-ln_choose(n, k)))
        .collect()
}

/// The counts of a run of c with the same free (small) groups, summed by total drawn before
/// they meet the free row (1 + y)^{small} once.
struct Run<'a> {
    small: usize,
    acc: Vec<f64>,
    counts: &'a mut Vec<f64>,
}

impl Run<'_> {
    /// `lead` · y^c · `ways` (ways[d]: the big groups drawn d times between them).
    fn add(&mut self, c: usize, small: usize, lead: f64, ways: &[f64]) {
        if small != self.small {
            self.flush();
            self.small = small;
        }
        let kmax = self.acc.len() - 1;
        for (a, w) in self.acc[c..].iter_mut().zip(ways) {
            *a += lead * w;
        }
        debug_assert!(c + ways.len() <= kmax + 1);
    }

    fn flush(&mut self) {
        let kmax = self.acc.len() - 1;
        let row = binomial_row(self.small.min(kmax));
        for j in 0..=kmax {
            let v = self.acc[j];
            if v != 0.0 {
                for (out, r) in self.counts[j..].iter_mut().zip(&row) {
                    *out += v * r;
                }
                self.acc[j] = 0.0;
            }
        }
    }
}

/// [y^d] ∫₀¹ Π_H (L_c(H) + τ C(h, c) y^c) dτ for d = 0 ..= `top`, multiplied out with the
/// number of ties t as a second dimension (t ≤ d/c).
fn ties_product(others: &[usize], rows: &[Vec<f64>], c: usize, top: usize) -> Vec<f64> {
    let width = top + 1;
    let small: usize = others.iter().filter(|&&h| h < c).sum();
    let big: Vec<usize> = others.iter().copied().filter(|&h| h >= c).collect();
    let ties = big.len().min(top / c) + 1;
    // poly[d * ties + t]: ways to draw d of the others with t groups tied at c.
    let mut poly = vec![0.0; width * ties];
    for (d, w) in binomial_row(small).into_iter().enumerate().take(width) {
        poly[d * ties] = w;
    }
    let mut next = vec![0.0; width * ties];
    let mut top_t = 0usize;
    for &h in &big {
        let row = &rows[h];
        next.iter_mut().for_each(|x| *x = 0.0);
        for d in 0..width {
            for t in 0..=top_t.min(d / c) {
                let v = poly[d * ties + t];
                if v == 0.0 {
                    continue;
                }
                for (x, r) in row.iter().enumerate().take(c.min(width - d)) {
                    next[(d + x) * ties + t] += v * r;
                }
                if d + c < width && t + 1 < ties {
                    next[(d + c) * ties + t + 1] += v * row[c];
                }
            }
        }
        top_t = (top_t + 1).min(ties - 1);
        std::mem::swap(&mut poly, &mut next);
    }
    (0..width)
        .map(|d| (0..ties).map(|t| poly[d * ties + t] / (t + 1) as f64).sum())
        .collect()
}

/// The ways for c = `from` ..= `cmax` with one polynomial per subset of the big groups (at or
/// above c, see [`majority`]), each handed to `add(c, passed, ways)` with the total size of the
/// big groups c has passed since `from`.
fn lattice(
    big: &[usize],
    rows: &[Vec<f64>],
    from: usize,
    cmax: usize,
    kmax: usize,
    add: &mut dyn FnMut(usize, usize, &[f64]),
) {
    let width = kmax - from + 1;
    let mut big: Vec<usize> = big.to_vec();
    let b = big.len();
    let mut small = 0usize;
    // v[a * width + d]: U_A for subset a (bit i: big[i] in A), built by multiplying out. U_A
    // has degree at most |A| (c − 1).
    let mut v = vec![0.0; (1usize << b) * width];
    v[0] = 1.0;
    for (i, &h) in big.iter().enumerate() {
        let row = &rows[h][..from];
        let (lo, hi) = v.split_at_mut((1usize << i) * width);
        let reach = (i * (from - 1) + 1).min(width);
        for a in 0..(1usize << i) {
            let src = &lo[a * width..a * width + reach];
            let dst = &mut hi[a * width..(a + 1) * width];
            for (d, &s) in src.iter().enumerate() {
                if s != 0.0 {
                    for (x, r) in row.iter().enumerate().take(width - d) {
                        dst[d + x] += s * r;
                    }
                }
            }
        }
    }
    let mut ways = vec![0.0; width];
    for c in from..=cmax {
        let b = big.len();
        // Degrees needed at this c: no more than the others can be drawn below or at c.
        let top = (kmax - c).min(b * c);
        let full = (1usize << b) - 1;
        ways[..=top].iter_mut().for_each(|x| *x = 0.0);
        for s in 0..=full {
            let t = s.count_ones() as usize;
            if c * t > top {
                continue;
            }
            let mut coef = 1.0 / (t + 1) as f64;
            for (i, &h) in big.iter().enumerate() {
                if s >> i & 1 == 1 {
                    coef *= rows[h][c];
                }
            }
            let reach = ((b - t) * (c - 1) + 1).min(top + 1 - c * t);
            let src = &v[(full ^ s) * width..(full ^ s) * width + reach];
            for (w, x) in ways[c * t..].iter_mut().zip(src) {
                *w += coef * x;
            }
        }
        add(c, small, &ways[..=top]);
        if c == cmax {
            break;
        }
        // L_{c+1}(H) = L_c(H) + C(h, c) y^c, one group at a time, for degrees the next c needs.
        let next_top = (kmax - c - 1).min(b * (c + 1));
        for (i, &h) in big.iter().enumerate() {
            let a_h = rows[h][c];
            let bit = 1usize << i;
            for a in (0..=full).filter(|a| a & bit != 0) {
                let (lo, hi) = v.split_at_mut(a * width);
                let rest = (a ^ bit).count_ones() as usize;
                // U_{A∖H} may already hold this step's additions of other groups: degree ≤ |A∖H| c.
                let reach = (rest * c + 1).min(width);
                let src = &lo[(a ^ bit) * width..(a ^ bit) * width + reach];
                let dst = &mut hi[..width];
                if c <= next_top {
                    for (x, s) in dst[c..=next_top].iter_mut().zip(src) {
                        *x += a_h * s;
                    }
                }
            }
        }
        // Groups of exactly c are free rows from c + 1 on: U_{A∪H} = U_A (1 + y)^h, so the
        // subsets without them stay and h joins the free rows.
        while big.last() == Some(&c) {
            let half = 1usize << (big.len() - 1);
            v.truncate(half * width);
            big.pop();
            small += c;
        }
    }
}

/// Random orderings [`weighted_majority`] draws per problem where it samples.
pub const WEIGHTED_DRAWS: usize = 64;
/// Work (about one multiply-add or one subset step each) [`weighted_majority`] may do per
/// problem to count exactly when the caller sets no budget.
pub const ENUMERATE_BUDGET: usize = 1 << 21;
/// Work a file's weighted votes may do to count exactly, shared among its problems (each gets
/// at least 2¹⁶): about 0.2 s natively at worst.
pub const FILE_BUDGET: usize = 200_000_000;

/// The budget of each of `problems` problems out of [`FILE_BUDGET`].
pub fn problem_budget(problems: usize) -> usize {
    (FILE_BUDGET / problems.max(1)).max(1 << 16)
}

/// Scores as integers in units of 10⁻⁹ (coarser, by powers of ten, where the sums of n scores
/// would not fit): the sums are exact, so two answers whose scores add up to the same total tie
/// in whatever order they were added (0.1 + 0.2 ties 0.3). Missing or non-finite scores count 0.
pub fn score_units(samples: &[Sample]) -> Vec<i64> {
    let finite = |s: &Sample| s.score.filter(|v| v.is_finite()).unwrap_or(0.0);
    let largest = samples.iter().map(|s| finite(s).abs()).fold(0.0, f64::max);
    let total = largest * samples.len().max(1) as f64;
    // 2⁶² / 10⁹ ≈ 4.6·10⁹: beyond that, a coarser unit.
    let mut exponent = -9.0;
    while total / libm::pow(10.0, exponent) > 4.0e18 {
        exponent += 1.0;
    }
    let unit = libm::pow(10.0, exponent);
    samples
        .iter()
        .map(|s| libm::round(finite(s) / unit) as i64)
        .collect()
}

/// Answer sums of the samples in a subset, and who leads: kept as samples come and go, so that
/// a step costs O(1) except when a leading answer falls (then the answers are scanned).
struct Tally<'a> {
    group: &'a [usize],
    units: &'a [i64],
    /// The correct share of each answer.
    correct: &'a [f64],
    sum: Vec<i64>,
    count: Vec<u32>,
    leader: Vec<bool>,
    best: i64,
    leaders: u32,
    lead_correct: f64,
}

impl<'a> Tally<'a> {
    fn new(group: &'a [usize], units: &'a [i64], correct: &'a [f64]) -> Self {
        let g = correct.len();
        Self {
            group,
            units,
            correct,
            sum: vec![0; g],
            count: vec![0; g],
            leader: vec![false; g],
            best: i64::MIN,
            leaders: 0,
            lead_correct: 0.0,
        }
    }

    fn clear(&mut self) {
        self.sum.iter_mut().for_each(|x| *x = 0);
        self.count.iter_mut().for_each(|x| *x = 0);
        self.leader.iter_mut().for_each(|x| *x = false);
        self.best = i64::MIN;
        self.leaders = 0;
        self.lead_correct = 0.0;
    }

    /// The vote's chance of a right answer (ties split evenly).
    #[inline]
    fn share(&self) -> f64 {
        if self.leaders == 0 {
            0.0
        } else {
            self.lead_correct / f64::from(self.leaders)
        }
    }

    #[inline]
    fn add(&mut self, i: usize) {
        let (g, v) = (self.group[i], self.units[i]);
        self.count[g] += 1;
        self.sum[g] += v;
        if self.count[g] == 1 || v >= 0 {
            self.rose(g);
        } else if self.leader[g] {
            self.rescan();
        }
    }

    /// Empties the tally after the samples `drawn` (only their answers hold anything).
    fn clear_after(&mut self, drawn: &[usize]) {
        for &i in drawn {
            let g = self.group[i];
            self.sum[g] = 0;
            self.count[g] = 0;
            self.leader[g] = false;
        }
        self.best = i64::MIN;
        self.leaders = 0;
        self.lead_correct = 0.0;
    }

    /// Answer g's sum went up (or g appeared).
    #[inline]
    fn rose(&mut self, g: usize) {
        let now = self.sum[g];
        if now > self.best {
            if !(self.leaders == 1 && self.leader[g]) {
                self.leader.iter_mut().for_each(|x| *x = false);
                self.leader[g] = true;
                self.leaders = 1;
                self.lead_correct = self.correct[g];
            }
            self.best = now;
        } else if now == self.best && !self.leader[g] {
            self.leader[g] = true;
            self.leaders += 1;
            self.lead_correct += self.correct[g];
        }
    }

    fn rescan(&mut self) {
        self.best = i64::MIN;
        for (g, (&s, &c)) in self.sum.iter().zip(&self.count).enumerate() {
            if c > 0 && s > self.best {
                self.best = s;
            }
            self.leader[g] = false;
        }
        self.leaders = 0;
        self.lead_correct = 0.0;
        for g in 0..self.sum.len() {
            if self.count[g] > 0 && self.sum[g] == self.best {
                self.leader[g] = true;
                self.leaders += 1;
                self.lead_correct += self.correct[g];
            }
        }
    }
}

/// The work [`weighted_by_answer_subsets`] does for these answer sizes (`usize::MAX` where an
/// answer has too many subsets to list).
fn answer_subsets_cost(sizes: &[usize], correct: &[f64], kmax: usize) -> usize {
    // One answer wins every subset: nothing to list.
    if sizes.iter().filter(|&&h| h > 0).count() <= 1 {
        return sizes.len();
    }
    if sizes.iter().any(|&h| h >= 40) {
        return usize::MAX;
    }
    let listed: usize = sizes.iter().map(|&h| 1usize << h).sum();
    let groups = sizes.len();
    let mut cost = listed.saturating_mul(8);
    for (g, &size) in sizes.iter().enumerate() {
        if correct[g] == 0.0 || size == 0 {
            continue;
        }
        let others = listed - (1 << size);
        let changes = (1usize << size).min(2 * others + 2);
        let product: usize = sizes
            .iter()
            .enumerate()
            .filter(|&(h, _)| h != g)
            .map(|(_, &h)| (kmax + 1) * groups * (h + 1))
            .sum::<usize>()
            + kmax * kmax;
        cost = cost.saturating_add(changes.saturating_mul(product));
    }
    cost
}

/// weighted majority@k for k = 1 ..= kmax, exact, from every subset of each answer's samples
/// (not every subset of all the samples), or `None` when that is over `budget`.
///
/// The vote picks answer G when G's drawn samples sum to s and every other answer H is absent
/// or sums below s — or exactly s, a tie shared evenly among the t + 1 answers at s. With
/// B_H(s) = Σ y^{|T|} over nonempty subsets T of H summing below s and E_H(s) those summing to
/// s, the ways to draw d samples of the others are
/// [y^d] ∫₀¹ Π_{H ≠ G} (1 + B_H(s) + τ E_H(s)) dτ (∫ τ^t dτ = 1/(t + 1)), a polynomial that
/// changes only where s passes a subset sum of another answer: G's subsets are walked in order
/// of their sums and the product is formed again only there.
fn weighted_by_answer_subsets(
    group: &[usize],
    units: &[i64],
    correct: &[f64],
    kmax: usize,
    budget: usize,
) -> Option<Vec<f64>> {
    let n = group.len();
    let n_groups = correct.len();
    let mut members: Vec<Vec<i64>> = vec![Vec::new(); n_groups];
    for (&g, &u) in group.iter().zip(units) {
        members[g].push(u);
    }
    let sizes: Vec<usize> = members.iter().map(Vec::len).collect();
    if answer_subsets_cost(&sizes, correct, kmax) > budget {
        return None;
    }
    // A single answer (every sample the same) is the vote of every subset.
    if let [only] = sizes
        .iter()
        .enumerate()
        .filter(|(_, &h)| h > 0)
        .map(|(g, _)| g)
        .collect::<Vec<_>>()[..]
    {
        return Some(vec![correct[only]; kmax]);
    }
    // Every nonempty subset of each answer as (sum, size), in order of sums (Gray code: one
    // sample in or out per step).
    let subsets: Vec<Vec<(i64, usize)>> = members
        .iter()
        .map(|m| {
            let mut list = Vec::with_capacity((1usize << m.len()).saturating_sub(1));
            let (mut sum, mut size, mut inside) = (0i64, 0usize, 0u64);
            for step in 1u64..(1u64 << m.len()) {
                let i = step.trailing_zeros() as usize;
                if inside >> i & 1 == 0 {
                    sum += m[i];
                    size += 1;
                } else {
                    sum -= m[i];
                    size -= 1;
                }
                inside ^= 1 << i;
                list.push((sum, size));
            }
            list.sort_unstable();
            list
        })
        .collect();
    // counts[k]: the ways, weighted by the chosen answer's correct share and the tie split.
    let mut counts = vec![0.0; kmax + 1];
    let top = kmax.saturating_sub(1);
    for g in 0..n_groups {
        if correct[g] == 0.0 || subsets[g].is_empty() {
            continue;
        }
        let others: Vec<usize> = (0..n_groups)
            .filter(|&h| h != g && !subsets[h].is_empty())
            .collect();
        let ties = others.len() + 1;
        // Per other answer: how many of its subsets lie below s, and how many equal s.
        let mut below = vec![0usize; others.len()];
        let mut equal = vec![0usize; others.len()];
        let mut ways = vec![0.0; top + 1];
        let mut held = vec![0.0; kmax + 1]; // G's subsets by size since `ways` was formed
        let mut formed = false;
        let list = &subsets[g];
        let mut i = 0;
        while i < list.len() {
            let s = list[i].0;
            let mut changed = !formed;
            for (o, &h) in others.iter().enumerate() {
                let sub = &subsets[h];
                let mut b = below[o];
                while b < sub.len() && sub[b].0 < s {
                    b += 1;
                }
                let mut e = b;
                while e < sub.len() && sub[e].0 == s {
                    e += 1;
                }
                if b != below[o] || e - b != equal[o] {
                    changed = true;
                }
                below[o] = b;
                equal[o] = e - b;
            }
            if changed {
                flush_answer(&mut held, &ways, &mut counts, correct[g]);
                // poly[d * ties + t]: d samples of the others drawn, t answers tied at s.
                let mut poly = vec![0.0; (top + 1) * ties];
                poly[0] = 1.0;
                let mut next = poly.clone();
                for (o, &h) in others.iter().enumerate() {
                    let sub = &subsets[h];
                    let mut lo = vec![0.0; sizes[h] + 1];
                    let mut at = vec![0.0; sizes[h] + 1];
                    sub[..below[o]].iter().for_each(|&(_, z)| lo[z] += 1.0);
                    sub[below[o]..below[o] + equal[o]]
                        .iter()
                        .for_each(|&(_, z)| at[z] += 1.0);
                    next.iter_mut().for_each(|x| *x = 0.0);
                    for d in 0..=top {
                        for t in 0..ties {
                            let v = poly[d * ties + t];
                            if v == 0.0 {
                                continue;
                            }
                            next[d * ties + t] += v;
                            for z in 1..=sizes[h].min(top - d) {
                                next[(d + z) * ties + t] += v * lo[z];
                                if t + 1 < ties {
                                    next[(d + z) * ties + t + 1] += v * at[z];
                                }
                            }
                        }
                    }
                    std::mem::swap(&mut poly, &mut next);
                }
                for (d, w) in ways.iter_mut().enumerate() {
                    *w = (0..ties).map(|t| poly[d * ties + t] / (t + 1) as f64).sum();
                }
                formed = true;
            }
            while i < list.len() && list[i].0 == s {
                if list[i].1 <= kmax {
                    held[list[i].1] += 1.0;
                }
                i += 1;
            }
        }
        flush_answer(&mut held, &ways, &mut counts, correct[g]);
    }
    Some(
        (1..=kmax)
            .map(|k| counts[k] * libm::exp(-ln_choose(n, k)))
            .collect(),
    )
}

/// Adds the held subsets of the chosen answer (by size a), each met by `ways` of the others
/// (by their size d), to `counts[a + d]`, and empties `held`.
fn flush_answer(held: &mut [f64], ways: &[f64], counts: &mut [f64], share: f64) {
    let kmax = counts.len() - 1;
    for a in 1..held.len() {
        let h = held[a];
        if h == 0.0 {
            continue;
        }
        for (d, w) in ways.iter().enumerate().take(kmax + 1 - a) {
            counts[a + d] += share * h * w;
        }
        held[a] = 0.0;
    }
}

/// One value of [`weighted_majority`]: exact (all subsets counted) or a seeded estimate with
/// the variance of that estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub exact: bool,
    pub variance: f64,
}

/// weighted majority@k for k = 1 ..= kmax with the default budget and draws.
pub fn weighted_majority(samples: &[Sample], kmax: usize, rng: &mut Stream) -> Vec<Estimate> {
    weighted_majority_within(samples, kmax, ENUMERATE_BUDGET, WEIGHTED_DRAWS, rng)
}

/// weighted majority@k for k = 1 ..= kmax. Exact while the subsets fit `budget` steps: every
/// subset at once in Gray-code order (one sample in or out per step, each subset's vote added
/// to its size) when 2ⁿ fits, else the k-subsets of each k in turn (k steps each) while they
/// fit. Beyond, the mean over `draws` random orderings of the samples (every prefix of a
/// uniformly random ordering is a uniformly random k-subset) with the variance of that mean.
/// (Steadying it with the exact count vote on the same orderings as a control variate was
/// tried on a 500 × 256 file: the error against 3 000 draws did not shrink, so it is not done.)
pub fn weighted_majority_within(
    samples: &[Sample],
    kmax: usize,
    budget: usize,
    draws: usize,
    rng: &mut Stream,
) -> Vec<Estimate> {
    let n_draws = draws.max(2);
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
    let group: Vec<usize> = samples.iter().map(|s| s.group).collect();
    let units = score_units(samples);
    let mut tally = Tally::new(&group, &units, &correct);
    let mut out = vec![
        Estimate {
            value: 0.0,
            exact: true,
            variance: 0.0,
        };
        kmax
    ];
    if kmax == 0 {
        return out;
    }
    if let Some(values) = weighted_by_answer_subsets(&group, &units, &correct, kmax, budget) {
        for (o, v) in out.iter_mut().zip(values) {
            o.value = v;
        }
        return out;
    }
    let mut spent = 0usize;
    let mut sampled_from = kmax + 1;
    for k in 1..=kmax {
        // About eight units of work per sample added to a subset's tally.
        let cost = libm::exp(ln_choose(n, k)) * (8 * k + 8) as f64;
        if spent as f64 + cost > budget as f64 {
            sampled_from = k;
            break;
        }
        spent += cost as usize;
        // Every k-subset, in lexicographic order.
        let mut idx: Vec<usize> = (0..k).collect();
        let (mut sum, mut count) = (0.0, 0usize);
        loop {
            idx.iter().for_each(|&i| tally.add(i));
            sum += tally.share();
            tally.clear_after(&idx);
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
        out[k - 1].value = sum / count as f64;
    }
    if sampled_from <= kmax {
        let mut sum = vec![0.0; kmax + 1];
        let mut sum_sq = vec![0.0; kmax + 1];
        let mut order: Vec<usize> = (0..n).collect();
        for _ in 0..n_draws {
            tally.clear();
            // The first kmax places of a uniformly random ordering (Fisher–Yates from the front).
            for pos in 0..kmax {
                let j = pos + rng.below((n - pos) as u64) as usize;
                order.swap(pos, j);
                tally.add(order[pos]);
                let k = pos + 1;
                if k >= sampled_from {
                    let w = tally.share();
                    sum[k] += w;
                    sum_sq[k] += w * w;
                }
            }
        }
        let draws = n_draws as f64;
        for k in sampled_from..=kmax {
            let mean = sum[k] / draws;
            let spread = (sum_sq[k] - draws * mean * mean).max(0.0) / (draws - 1.0);
            out[k - 1] = Estimate {
                value: mean,
                exact: false,
                // Never below one disagreement in the draws: the same pick in every draw does
                // not make another pick impossible.
                variance: spread.max(1.0 / draws) / draws,
            };
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
            let mut samples = random_problem(&mut rng, n);
            if trial % 3 == 0 {
                // Negative scores too: a sample can lower its answer's sum.
                samples
                    .iter_mut()
                    .for_each(|s| s.score = s.score.map(|v| v - 0.5));
            }
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
                assert!(weighted[k - 1].exact, "small problems are enumerated");
                assert!((weighted[k - 1].value - e_w).abs() < 1e-12, "weighted {at}");
            }
        }
    }

    #[test]
    fn many_answers_are_counted_exactly_too() {
        // Up to 12 answers in 14 samples: more groups reach the count than the lattice keeps,
        // so the product with a ties dimension runs first — against all subsets.
        let mut rng = Stream::new(11, "test/search-majority");
        for trial in 0..12 {
            let n = 9 + trial % 6;
            let answers = 8 + rng.below(5) as usize;
            let samples: Vec<Sample> = (0..n)
                .map(|i| {
                    // The first eight samples on eight answers, so that eight groups exist.
                    let group = if i < 8 {
                        i
                    } else {
                        rng.below(answers as u64) as usize
                    };
                    Sample {
                        group,
                        correct: group == 0 || (group == 1 && i % 2 == 0),
                        score: None,
                    }
                })
                .collect();
            let maj = majority(&groups(&samples), n);
            for k in 1..=n {
                let e = by_enumeration(&samples, k, &|s| vote(&samples, s, &|_| 1.0));
                assert!(
                    (maj[k - 1] - e).abs() < 1e-9,
                    "trial {trial} k {k}: {} vs {e}",
                    maj[k - 1]
                );
            }
        }
        // Large: the lattice against the ties product alone, every count.
        for trial in 0..6 {
            let sizes: Vec<usize> = (0..3 + trial).map(|_| 1 + rng.below(60) as usize).collect();
            let n: usize = sizes.iter().sum();
            let kmax = n.min(200);
            let groups: Vec<(usize, usize)> = sizes
                .iter()
                .enumerate()
                .map(|(i, &h)| (h, if i == 0 { h } else { 0 }))
                .collect();
            let fast = majority(&groups, kmax);
            let rows: Vec<Vec<f64>> = (0..=n).map(binomial_row).collect();
            let others: Vec<usize> = sizes[1..].to_vec();
            let mut slow = vec![0.0; kmax];
            for c in 1..=sizes[0].min(kmax) {
                let ways = ties_product(&others, &rows, c, kmax - c);
                for (d, w) in ways.iter().enumerate() {
                    let k = c + d;
                    slow[k - 1] += rows[sizes[0]][c] * w * libm::exp(-ln_choose(n, k));
                }
            }
            for k in 0..kmax {
                assert!(
                    (fast[k] - slow[k]).abs() < 1e-9,
                    "sizes {sizes:?} k {}: {} vs {}",
                    k + 1,
                    fast[k],
                    slow[k]
                );
            }
            assert!(
                (fast[n.min(200) - 1]
                    - if n <= 200 {
                        majority_of_all(&groups)
                    } else {
                        fast[199]
                    })
                .abs()
                    < 1e-9
            );
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
        // A budget too small for the answers' subsets or k = 2.
        let w = weighted_majority_within(&samples, 40, 1_000, WEIGHTED_DRAWS, &mut rng);
        assert!(w[0].exact, "k = 1 is enumerated");
        assert!(
            !w[39].exact,
            "k = 40 of 40 is one subset, but k = 20 is not counted"
        );
        // The last value is the vote over all samples: every ordering agrees — also with
        // negative scores and ties, where leaders fall and are found again.
        let all: Vec<usize> = (0..40).collect();
        let exact = vote(&samples, &all, &|x| x.score.unwrap_or(0.0));
        assert!((w[39].value - exact).abs() < 1e-12);
        for trial in 0..50 {
            let mut samples = random_problem(&mut rng, 30);
            for s in &mut samples {
                s.score = Some(rng.below(5) as f64 / 2.0 - 1.0);
            }
            let w = weighted_majority_within(&samples, 30, 1_000, WEIGHTED_DRAWS, &mut rng);
            // Sampled, unless every sample gives one answer (then exact without listing).
            let answers = groups(&samples).len();
            assert_eq!(w[29].exact, answers == 1, "{answers} answers");
            let all: Vec<usize> = (0..30).collect();
            let exact = vote(&samples, &all, &|x| x.score.unwrap_or(0.0));
            assert!(
                (w[29].value - exact).abs() < 1e-12,
                "trial {trial}: {} vs {exact}",
                w[29].value
            );
        }
    }

    #[test]
    fn sixteen_samples_with_tied_scores_are_counted_exactly_at_every_k() {
        // The shape of a search-and-learn run (16 completions, a few answers, scores that tie,
        // some missing answers): every selector against all 65 536 subsets.
        let mut rng = Stream::new(3, "test/search-sixteen");
        for trial in 0..4 {
            let n = 16;
            let samples: Vec<Sample> = (0..n)
                .map(|_| {
                    let group = rng.below(5) as usize;
                    Sample {
                        group,
                        correct: group == 0,
                        // Tenths: sums of different answers tie often (0.1 + 0.2 = 0.3 here).
                        score: Some(rng.below(6) as f64 / 10.0),
                    }
                })
                .collect();
            let w = weighted_majority(&samples, n, &mut rng);
            let maj = majority(&groups(&samples), n);
            let scored: Vec<(f64, bool)> = samples
                .iter()
                .map(|s| (s.score.unwrap_or(0.0), s.correct))
                .collect();
            let best = best_of_k(&scored, n);
            let c = samples.iter().filter(|s| s.correct).count();
            let cov = coverage(n, c, n);
            // Exact sums, so that tenths tie as they do on paper.
            let tenths = |x: &Sample| (x.score.unwrap_or(0.0) * 10.0).round();
            for k in 1..=n {
                let at = format!("trial {trial} k {k}");
                assert!(w[k - 1].exact, "{at}");
                let e_w = by_enumeration(&samples, k, &|s| vote(&samples, s, &tenths));
                assert!((w[k - 1].value - e_w).abs() < 1e-9, "weighted {at}");
                let e_m = by_enumeration(&samples, k, &|s| vote(&samples, s, &|_| 1.0));
                assert!((maj[k - 1] - e_m).abs() < 1e-9, "majority {at}");
                let e_c = by_enumeration(&samples, k, &|s| {
                    f64::from(u8::from(s.iter().any(|&i| samples[i].correct)))
                });
                assert!((cov[k - 1] - e_c).abs() < 1e-9, "coverage {at}");
                let e_b = by_enumeration(&samples, k, &|s| {
                    let top = s
                        .iter()
                        .map(|&i| tenths(&samples[i]))
                        .fold(f64::MIN, f64::max);
                    let tied: Vec<usize> = s
                        .iter()
                        .copied()
                        .filter(|&i| tenths(&samples[i]) == top)
                        .collect();
                    tied.iter().filter(|&&i| scored[i].1).count() as f64 / tied.len() as f64
                });
                assert!((best[k - 1] - e_b).abs() < 1e-9, "best-of-k {at}");
            }
            // One k at a time (a budget under what the answers' subsets cost) gives the same
            // values.
            let one_by_one = weighted_majority_within(&samples, 5, 8 * 37_000, 2, &mut rng);
            for k in 1..=5 {
                assert!(one_by_one[k - 1].exact);
                assert!((one_by_one[k - 1].value - w[k - 1].value).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn one_answer_is_counted_whatever_its_size() {
        // 300 samples, one answer (some unscored): exact at every k without listing subsets.
        let samples: Vec<Sample> = (0..300)
            .map(|i| Sample {
                group: 0,
                correct: true,
                score: (i % 7 != 0).then_some(i as f64 / 300.0),
            })
            .collect();
        let w = weighted_majority_within(
            &samples,
            300,
            1_000,
            WEIGHTED_DRAWS,
            &mut Stream::new(1, "t"),
        );
        assert!(w.iter().all(|e| e.exact && e.value == 1.0), "{:?}", &w[..3]);
    }

    #[test]
    fn sums_that_are_equal_on_paper_tie() {
        // 0.1 + 0.2 is not 0.3 in binary floating point; in score units it is.
        let s = |group, correct, score| Sample {
            group,
            correct,
            score: Some(score),
        };
        let samples = [s(0, true, 0.1), s(0, true, 0.2), s(1, false, 0.3)];
        let w = weighted_majority(&samples, 3, &mut Stream::new(1, "test"));
        // k = 3: a tie between the two answers, split evenly.
        assert!((w[2].value - 0.5).abs() < 1e-15, "{:?}", w[2]);
        let u = score_units(&[s(0, true, 1e12), s(0, true, -3.5)]);
        // Sums of two such scores would overflow in units of 10⁻⁹: the unit is 10⁻⁶.
        assert_eq!(u, [1_000_000_000_000_000_000, -3_500_000]);
    }

    #[test]
    fn the_sampled_weighted_vote_is_within_its_interval() {
        // n = 16 with a small budget: sampled from k = 4 on — and still enumerable here, to
        // check the estimates against.
        let mut rng = Stream::new(5, "test/search-sampled");
        let mut sampled = 0;
        for trial in 0..8 {
            let n = 16;
            let samples: Vec<Sample> = (0..n)
                .map(|_| {
                    // One answer holds most samples (the right one on even trials, a wrong one
                    // on odd), and the scorer leans to the right one.
                    let group = if rng.below(10) < 6 {
                        0
                    } else {
                        1 + rng.below(3) as usize
                    };
                    let correct = (group == 0) == (trial % 2 == 0);
                    let noise = rng.below(1000) as f64 / 1000.0;
                    Sample {
                        group,
                        correct,
                        score: Some(0.3 * f64::from(u8::from(correct)) + 0.7 * noise),
                    }
                })
                .collect();
            // A budget of 32 000: k = 1 … 3 counted one k at a time
            // (8 · (16 · 2 + 120 · 3 + 560 · 4)), the rest sampled (the answers' subsets cost
            // more).
            let w = weighted_majority_within(&samples, n, 32_000, WEIGHTED_DRAWS, &mut rng);
            // The answers as the estimator numbers them (group ids, empty ones included).
            let ids = samples.iter().map(|s| s.group + 1).max().unwrap_or(0);
            let mut sizes = vec![0usize; ids];
            let mut share = vec![0.0; ids];
            for s in &samples {
                sizes[s.group] += 1;
                share[s.group] += f64::from(u8::from(s.correct));
            }
            share
                .iter_mut()
                .zip(&sizes)
                .for_each(|(c, &h)| *c /= h.max(1) as f64);
            let subsets_fit = answer_subsets_cost(&sizes, &share, n) <= 32_000;
            sampled += usize::from(!subsets_fit);
            for k in 1..=n {
                let exact = by_enumeration(&samples, k, &|s| {
                    vote(&samples, s, &|x| x.score.unwrap_or(0.0))
                });
                let e = w[k - 1];
                assert_eq!(e.exact, k < 4 || subsets_fit, "k {k}");
                if e.exact {
                    assert!((e.value - exact).abs() < 1e-12, "k {k}");
                }
                assert_eq!(e.variance == 0.0, e.exact, "k {k}");
                // Within 4 standard errors (seeded: the same draws every run).
                assert!(
                    (e.value - exact).abs() <= 4.0 * e.variance.sqrt() + 1e-12,
                    "trial {trial} k {k}: {} vs {exact} (sd {})",
                    e.value,
                    e.variance.sqrt()
                );
            }
        }
        assert!(
            sampled >= 4,
            "the budget leaves most trials to sampling: {sampled}"
        );
    }
}
