//! The search simulator (search-judges.md §A.3). Problems have a chance p of a right sample,
//! from Beta(α, β) or two types; a wrong sample takes one of m wrong answers with Zipf weights
//! (exponent z: large z, one dominant wrong answer — where voting fails); a scorer gives a
//! right sample N(d′, 1) and a wrong one N(b, 1), with b = bias × (1 − p): the harder the
//! problem, the more the scorer likes its wrong answers (reward hacking when b passes d′).
//!
//! Exact curves against the budget N: coverage 1 − E[(1 − p)^N] (closed form); majority
//! Σ_c P(c right) · W(N, c), where W — the chance that c right samples out-vote every wrong
//! answer of the other N − c (ties split) — does not depend on the difficulty (one binomial
//! threshold for m = 1, a dynamic programme over the wrong answers otherwise, up to
//! [`MAJORITY_EXACT_MAX`]); best-of-N as E_p ∫ N p φ(x − d′) F_p(x)^(N−1) dx over the top score.
//! Monte Carlo draws problems and their samples one by one, so every N of one run shares draws.

use serde::{Deserialize, Serialize};

use crate::rng::Stream;
use crate::stats::{inc_beta, ln_gamma};

/// How hard problems are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// p ~ Beta(α, β).
    Beta,
    /// A share of easy problems with p_easy, the rest hard with p_hard.
    Two,
}

/// The simulator's parameters (every one a link key: `link.rs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub difficulty: Difficulty,
    pub alpha: f64,
    pub beta: f64,
    pub share_easy: f64,
    pub p_easy: f64,
    pub p_hard: f64,
    /// Wrong answers a problem's wrong samples spread over (m).
    pub distractors: u32,
    /// Zipf exponent of their weights (z).
    pub zipf: f64,
    /// The scorer's discriminability d′ (right samples' mean score; wrong ones' is 0).
    pub dprime: f64,
    /// Wrong samples' mean score is bias × (1 − p): it grows on hard problems.
    pub bias: f64,
    /// The largest budget N drawn.
    pub n_max: u32,
    /// Beam search: steps of a solution (T).
    pub steps: u32,
    /// Beam search: paths kept after every step (b).
    pub beams: u32,
}

impl Default for SearchParams {
    fn default() -> Self {
        Self {
            difficulty: Difficulty::Beta,
            alpha: 0.8,
            beta: 1.2,
            share_easy: 0.5,
            p_easy: 0.8,
            p_hard: 0.3,
            distractors: 4,
            zipf: 1.0,
            dprime: 1.0,
            bias: 0.0,
            n_max: 256,
            steps: 4,
            beams: 4,
        }
    }
}

impl SearchParams {
    pub const MAX_N: u32 = 1024;
    pub const MAX_DISTRACTORS: u32 = 50;
    pub const MAX_STEPS: u32 = 20;
    pub const MAX_BEAMS: u32 = 64;

    /// One problem's chance p of a right sample, drawn from the difficulty.
    pub fn draw_difficulty(&self, rng: &mut Stream) -> f64 {
        match self.difficulty {
            Difficulty::Beta => rng.beta(self.alpha, self.beta),
            Difficulty::Two => {
                if rng.bernoulli(self.share_easy) {
                    self.p_easy
                } else {
                    self.p_hard
                }
            }
        }
    }
}

/// The exact point at budget `n`, if the grid has it.
pub fn exact_at(exact: &[ExactPoint], n: u32) -> Option<&ExactPoint> {
    exact.iter().find(|e| e.n == n)
}

/// Above this N (and m > 1) the majority curve is Monte Carlo only: counting exactly costs
/// O(m N³).
pub const MAJORITY_EXACT_MAX: u32 = 300;

/// The budgets drawn: 1 … 10, then about twelve per decade (and 5, 20, 50, 70, 300 where the
/// released OVM table has points), up to `n_max` — which is always the last point, so every
/// headline number is at exactly the N the visitor set.
pub fn grid(n_max: u32) -> Vec<u32> {
    let mut g: Vec<u32> = (1..=10).collect();
    g.extend([20, 50, 70, 300, n_max]);
    let mut x = 10.0f64;
    while x < SearchParams::MAX_N as f64 {
        x *= libm::pow(10f64, 1.0 / 12.0);
        g.push(x.round() as u32);
    }
    g.extend((0..=10).map(|i| 1u32 << i));
    g.retain(|&n| n >= 1 && n <= n_max);
    g.sort_unstable();
    g.dedup();
    g
}

/// Zipf weights of the m wrong answers (normalised, largest first).
pub fn zipf_weights(m: u32, z: f64) -> Vec<f64> {
    let raw: Vec<f64> = (1..=m.max(1)).map(|j| libm::pow(j as f64, -z)).collect();
    let total: f64 = raw.iter().sum();
    raw.into_iter().map(|w| w / total).collect()
}

fn ln_choose(n: u32, k: u32) -> f64 {
    ln_gamma(n as f64 + 1.0) - ln_gamma(k as f64 + 1.0) - ln_gamma((n - k) as f64 + 1.0)
}

/// Binomial pmf of 0 ..= n for chance q.
fn binomial_pmf(n: u32, q: f64) -> Vec<f64> {
    let n = n as usize;
    if q <= 0.0 {
        let mut v = vec![0.0; n + 1];
        v[0] = 1.0;
        return v;
    }
    if q >= 1.0 {
        let mut v = vec![0.0; n + 1];
        v[n] = 1.0;
        return v;
    }
    let (lq, lr) = (libm::log(q), libm::log(1.0 - q));
    (0..=n)
        .map(|c| libm::exp(ln_choose(n as u32, c as u32) + c as f64 * lq + (n - c) as f64 * lr))
        .collect()
}

/// The binomial laws the vote counts use: for wrong answer j (all but the last) and M samples
/// still to place, X_j ~ Bin(M, w_j / weight left). `laws[j][M]` for M = 0 ..= n_max.
pub struct VoteLaws {
    laws: Vec<Vec<Vec<f64>>>,
}

impl VoteLaws {
    /// The laws for budgets up to `n_max`.
    pub fn new(weights: &[f64], n_max: u32) -> Self {
        let mut left = 1.0;
        let mut laws = Vec::new();
        for &w in weights.iter().take(weights.len().saturating_sub(1)) {
            let q = if left > 0.0 { (w / left).min(1.0) } else { 1.0 };
            laws.push((0..=n_max).map(|m| binomial_pmf(m, q)).collect());
            left -= w;
        }
        Self { laws }
    }
}

/// W(N, c) for c = 0 ..= N: the chance that c right samples win the vote against the wrong
/// answers of the other N − c (multinomial over `weights`), ties split evenly.
pub fn vote_wins(n: u32, weights: &[f64], laws: &VoteLaws) -> Vec<f64> {
    let n = n as usize;
    let m = weights.len();
    let mut out = vec![0.0; n + 1];
    for (c, slot) in out.iter_mut().enumerate().skip(1) {
        let rest = n - c;
        if c > rest {
            *slot = 1.0;
            continue;
        }
        if m == 1 {
            *slot = if c == rest { 0.5 } else { 0.0 };
            continue;
        }
        // Some wrong answer gets more than c: no win.
        if c * m < rest {
            continue;
        }
        // Every wrong answer must get fewer than c, or exactly c (a tie). The answers one at a
        // time: X_j | earlier ones ~ Bin(remaining samples, w_j / remaining weight).
        // state[s * ties + t]: s samples used, t answers tied at c.
        let ties = m + 1;
        let mut state = vec![0.0; (rest + 1) * ties];
        let mut next = vec![0.0; (rest + 1) * ties];
        state[0] = 1.0;
        for j in 0..m {
            next.iter_mut().for_each(|v| *v = 0.0);
            for s in 0..=rest {
                let left = rest - s;
                // The answers after j can hold at most c each.
                if left > c * (m - j) {
                    continue;
                }
                for t in 0..=j {
                    let v = state[s * ties + t];
                    if v == 0.0 {
                        continue;
                    }
                    if j == m - 1 {
                        // The last answer takes every remaining sample.
                        if left < c {
                            next[rest * ties + t] += v;
                        } else if left == c {
                            next[rest * ties + t + 1] += v;
                        }
                        continue;
                    }
                    let pmf = &laws.laws[j][left];
                    for (x, &px) in pmf.iter().enumerate().take(c.min(left) + 1) {
                        if x < c {
                            next[(s + x) * ties + t] += v * px;
                        } else {
                            next[(s + x) * ties + t + 1] += v * px;
                        }
                    }
                }
            }
            std::mem::swap(&mut state, &mut next);
        }
        *slot = (0..ties)
            .map(|t| state[rest * ties + t] / (t + 1) as f64)
            .sum();
    }
    out
}

/// The vote tables of a wrong-answer spread, one per budget of the grid (those that can be
/// counted exactly). Depends on m, z and n_max only, so difficulty and scorer sliders reuse it.
#[derive(Clone, Debug, PartialEq)]
pub struct VoteTable {
    /// The budgets the curves are drawn at.
    pub ns: Vec<u32>,
    /// W(N, ·) for those that can be counted.
    pub wins: Vec<(u32, Vec<f64>)>,
}

/// Counts [`vote_wins`] for every budget of the grid that can be counted.
pub fn vote_table(p: &SearchParams) -> VoteTable {
    vote_table_at(p, grid(p.n_max))
}

/// The same at budgets `ns`.
pub fn vote_table_at(p: &SearchParams, ns: Vec<u32>) -> VoteTable {
    let weights = zipf_weights(p.distractors, p.zipf);
    let counted: Vec<u32> = ns
        .iter()
        .copied()
        .filter(|&n| weights.len() == 1 || n <= MAJORITY_EXACT_MAX)
        .collect();
    let laws = VoteLaws::new(&weights, counted.iter().copied().max().unwrap_or(0));
    let wins = counted
        .into_iter()
        .map(|n| (n, vote_wins(n, &weights, &laws)))
        .collect();
    VoteTable { ns, wins }
}

/// One budget of the exact curves (`None` where not exact).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExactPoint {
    pub n: u32,
    pub coverage: f64,
    pub majority: Option<f64>,
    pub best_of_n: f64,
}

/// A part of the problems: its weight and how p is spread in it.
struct Part {
    weight: f64,
    /// (p, weight) nodes of the part's difficulty (they sum to 1).
    nodes: Vec<(f64, f64)>,
    /// P(c right of N) for the majority vote: exact, from the part's distribution.
    kind: PartKind,
}

#[derive(Clone, Copy)]
enum PartKind {
    Point(f64),
    /// Beta(α, β) restricted to [lo, hi], with the restriction's mass.
    BetaPiece {
        lo: f64,
        hi: f64,
        mass: f64,
    },
}

/// Gauss–Legendre nodes and weights on (0, 1).
fn gauss_legendre(n: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut x = libm::cos(std::f64::consts::PI * (i as f64 + 0.75) / (n as f64 + 0.5));
        let mut dp = 1.0;
        for _ in 0..100 {
            let (mut p0, mut p1) = (1.0, x);
            for k in 2..=n {
                let p2 = ((2 * k - 1) as f64 * x * p1 - (k - 1) as f64 * p0) / k as f64;
                p0 = p1;
                p1 = p2;
            }
            dp = n as f64 * (x * p1 - p0) / (x * x - 1.0);
            let dx = p1 / dp;
            x -= dx;
            if dx.abs() < 1e-15 {
                break;
            }
        }
        let w = 2.0 / ((1.0 - x * x) * dp * dp);
        out.push(((1.0 - x) / 2.0, w / 2.0));
    }
    out
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// Quadrature nodes of Beta(α, β) on [0, ½] (hard) or [½, 1] (easy), normalised to the piece:
/// near 0 the substitution p = ½ t^(1/α) (near 1, 1 − p = ½ t^(1/β)) makes the integrand smooth.
fn beta_piece_nodes(a: f64, b: f64, easy: bool) -> (Vec<(f64, f64)>, f64) {
    let gl = gauss_legendre(32);
    let lb = ln_beta(a, b);
    let (s, other) = if easy { (b, a) } else { (a, b) };
    // ∫_0^½ g(p) p^(s−1) (1−p)^(other−1) dp / B = (½)^s / s ∫_0^1 g(p(t)) (1 − p)^(other−1) dt / B.
    let scale = libm::log(libm::pow(0.5f64, s) / s) - lb;
    let mut nodes: Vec<(f64, f64)> = gl
        .iter()
        .map(|&(t, w)| {
            let near = 0.5 * libm::pow(t, 1.0 / s);
            let p = if easy { 1.0 - near } else { near };
            let far = if easy { p } else { 1.0 - p };
            (p, w * libm::exp(scale + (other - 1.0) * libm::log(far)))
        })
        .collect();
    let mass: f64 = nodes.iter().map(|n| n.1).sum();
    if mass > 0.0 {
        for n in &mut nodes {
            n.1 /= mass;
        }
    }
    (nodes, mass)
}

fn parts(p: &SearchParams) -> Vec<Part> {
    match p.difficulty {
        Difficulty::Two => vec![
            Part {
                weight: p.share_easy,
                nodes: vec![(p.p_easy, 1.0)],
                kind: PartKind::Point(p.p_easy),
            },
            Part {
                weight: 1.0 - p.share_easy,
                nodes: vec![(p.p_hard, 1.0)],
                kind: PartKind::Point(p.p_hard),
            },
        ],
        Difficulty::Beta => {
            let (hard, _) = beta_piece_nodes(p.alpha, p.beta, false);
            let (easy, _) = beta_piece_nodes(p.alpha, p.beta, true);
            let hard_mass = inc_beta(0.5, p.alpha, p.beta);
            vec![
                Part {
                    weight: hard_mass,
                    nodes: hard,
                    kind: PartKind::BetaPiece {
                        lo: 0.0,
                        hi: 0.5,
                        mass: hard_mass,
                    },
                },
                Part {
                    weight: 1.0 - hard_mass,
                    nodes: easy,
                    kind: PartKind::BetaPiece {
                        lo: 0.5,
                        hi: 1.0,
                        mass: 1.0 - hard_mass,
                    },
                },
            ]
        }
    }
}

/// The Beta-binomial terms every Beta piece shares at one N: for c = 0 ..= N, the log of
/// C(N, c) B(c + α, N − c + β)/B(α, β) and the share I_½(c + α, N − c + β) of the posterior
/// below ½ (the two pieces split at ½, so each is computed once for both).
struct BetaTerms {
    ln_front: Vec<f64>,
    below_half: Vec<f64>,
}

impl BetaTerms {
    fn new(n: u32, a: f64, b: f64) -> Self {
        let lb = ln_beta(a, b);
        let (ln_front, below_half) = (0..=n)
            .map(|c| {
                let (pa, pb) = (c as f64 + a, (n - c) as f64 + b);
                (
                    ln_choose(n, c) + ln_beta(pa, pb) - lb,
                    inc_beta(0.5, pa, pb),
                )
            })
            .unzip();
        Self {
            ln_front,
            below_half,
        }
    }
}

/// P(c right of N) for c = 0 ..= N within a part (normalised to the part); `beta` holds the
/// Beta pieces' shared terms at this N.
fn right_counts(n: u32, part: &Part, beta: Option<&BetaTerms>) -> Vec<f64> {
    match (part.kind, beta) {
        (PartKind::Point(q), _) => binomial_pmf(n, q),
        (PartKind::BetaPiece { lo, hi, mass }, Some(t)) if mass > 0.0 => {
            // Beta-binomial, restricted: C(N, c) B(c + α, N − c + β)/B(α, β) times the share
            // of the posterior Beta(c + α, N − c + β) inside [lo, hi] (here [0, ½] or [½, 1]).
            let cdf = |x: f64, below: f64| match x {
                x if x <= 0.0 => 0.0,
                x if x >= 1.0 => 1.0,
                _ => below,
            };
            t.ln_front
                .iter()
                .zip(&t.below_half)
                .map(|(&front, &below)| {
                    let inside = cdf(hi, below) - cdf(lo, below);
                    libm::exp(front) * inside.max(0.0) / mass
                })
                .collect()
        }
        _ => vec![0.0; n as usize + 1],
    }
}

fn phi_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

fn phi_pdf(x: f64) -> f64 {
    libm::exp(-0.5 * x * x) / (2.0 * std::f64::consts::PI).sqrt()
}

/// Points of the top-score integral (the trapezoid rule on a smooth integrand that vanishes at
/// both ends converges geometrically: 161 points agree with 961 to 1e-14 at the defaults and
/// to 1e-11 at every budget up to 1 000, where the integrand is most peaked).
const X_POINTS: usize = 161;

/// best-of-N at each budget for problems with chance `q`, right scores N(d, 1), wrong N(b, 1):
/// ∫ N q φ(x − d) F(x)^(N−1) dx with F = q Φ(x − d) + (1 − q) Φ(x − b).
fn best_of_n_at(q: f64, d: f64, b: f64, ns: &[u32], out: &mut [f64], weight: f64) {
    best_of_n_with::<X_POINTS>(q, d, b, ns, out, weight)
}

/// [`best_of_n_at`] with `P` quadrature points.
fn best_of_n_with<const P: usize>(
    q: f64,
    d: f64,
    b: f64,
    ns: &[u32],
    out: &mut [f64],
    weight: f64,
) {
    if q <= 0.0 {
        return;
    }
    if q >= 1.0 {
        out.iter_mut().for_each(|o| *o += weight);
        return;
    }
    let lo = d.min(b).min(0.0) - 8.0;
    let hi = d.max(b) + 8.0;
    let h = (hi - lo) / (P - 1) as f64;
    let mut f = [0.0; P];
    let mut dens = [0.0; P];
    for i in 0..P {
        let x = lo + h * i as f64;
        f[i] = (q * phi_cdf(x - d) + (1.0 - q) * phi_cdf(x - b)).max(1e-300);
        dens[i] = q * phi_pdf(x - d);
    }
    // F^(N−1) at each point, carried from one budget of the grid to the next by multiplying
    // with F^(ΔN) (integer powers: a few multiplications, where exp(N ln F) was one `exp` per
    // point and budget, most of a slider's frame).
    let mut power = [1.0; P];
    let mut at = 1u32;
    for (o, &n) in out.iter_mut().zip(ns) {
        if n < at {
            // Budgets out of order: start again from F^0.
            power = [1.0; P];
            at = 1;
        }
        let step = n.saturating_sub(at);
        if step > 0 {
            let step = i32::try_from(step).unwrap_or(i32::MAX);
            for (pw, &fi) in power.iter_mut().zip(&f) {
                *pw *= fi.powi(step);
            }
            at = n;
        }
        if n <= 1 {
            *o += weight * q;
            continue;
        }
        let mut s = 0.0;
        for i in 0..P {
            let v = dens[i] * power[i];
            s += if i == 0 || i == P - 1 { 0.5 * v } else { v };
        }
        *o += weight * (n as f64 * s * h).min(1.0);
    }
}

pub fn exact(p: &SearchParams, table: &VoteTable) -> Vec<ExactPoint> {
    let ns = table.ns.clone();
    let parts = parts(p);
    let mut best = vec![0.0; ns.len()];
    let mut coverage = vec![0.0; ns.len()];
    for part in &parts {
        if part.weight <= 0.0 {
            continue;
        }
        for &(q, w) in &part.nodes {
            best_of_n_at(
                q,
                p.dprime,
                p.bias * (1.0 - q),
                &ns,
                &mut best,
                part.weight * w,
            );
        }
    }
    let mut majority = vec![None; ns.len()];
    for (i, &n) in ns.iter().enumerate() {
        let wins = table.wins.iter().find(|(m, _)| *m == n).map(|(_, w)| w);
        let mut maj = 0.0;
        let mut none_right = 0.0;
        // Under Beta difficulty coverage has a closed form: the counts are for the vote only.
        let beta = match (p.difficulty, wins) {
            (Difficulty::Beta, Some(_)) => Some(BetaTerms::new(n, p.alpha, p.beta)),
            _ => None,
        };
        let skip = p.difficulty == Difficulty::Beta && beta.is_none();
        for part in parts.iter().filter(|_| !skip) {
            if part.weight <= 0.0 {
                continue;
            }
            let counts = right_counts(n, part, beta.as_ref());
            none_right += part.weight * counts[0];
            if let Some(w) = wins {
                maj += part.weight * counts.iter().zip(w).map(|(a, b)| a * b).sum::<f64>();
            }
        }
        // Coverage in closed form: E[(1 − p)^N] = B(α, β + N)/B(α, β) for Beta.
        coverage[i] = match p.difficulty {
            Difficulty::Beta => {
                1.0 - libm::exp(ln_beta(p.alpha, p.beta + n as f64) - ln_beta(p.alpha, p.beta))
            }
            Difficulty::Two => 1.0 - none_right,
        };
        if wins.is_some() {
            majority[i] = Some(maj.clamp(0.0, 1.0));
        }
    }
    ns.iter()
        .enumerate()
        .map(|(i, &n)| ExactPoint {
            n,
            coverage: coverage[i],
            majority: majority[i],
            best_of_n: best[i].clamp(0.0, 1.0),
        })
        .collect()
}

/// Monte Carlo at one budget: mean and 95 % interval of each selector over the problems.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct McPoint {
    pub n: u32,
    pub coverage: (f64, f64, f64),
    pub majority: (f64, f64, f64),
    pub best_of_n: (f64, f64, f64),
    pub weighted: (f64, f64, f64),
}

/// Mean and normal 95 % interval from a sum and a sum of squares over `k` problems.
pub(super) fn interval(sum: f64, sq: f64, k: f64) -> (f64, f64, f64) {
    let mean = sum / k;
    let var = (sq / k - mean * mean).max(0.0);
    let half = 1.96 * (var / k).sqrt();
    (mean, (mean - half).max(0.0), (mean + half).min(1.0))
}

/// The Monte Carlo's running sums: the problems drawn so far (`done`), so that the page can
/// draw it in chunks and show the dots filling in. Problem i comes from its own stream and is
/// added in order, so any chunking gives the same numbers, bit for bit, as one run.
#[derive(Clone, Debug, PartialEq)]
pub struct McSums {
    ns: Vec<u32>,
    acc: Vec<[f64; 8]>,
    pub done: u32,
}

/// No problem drawn yet.
pub fn mc_start(p: &SearchParams) -> McSums {
    let ns = grid(p.n_max);
    McSums {
        acc: vec![[0.0; 8]; ns.len()],
        ns,
        done: 0,
    }
}

/// Draws problems `sums.done` up to `upto` (exclusive) into the sums.
pub fn mc_more(p: &SearchParams, seed: u64, sums: &mut McSums, upto: u32) {
    let ns = sums.ns.clone();
    let acc = &mut sums.acc;
    let weights = zipf_weights(p.distractors, p.zipf);
    let cdf: Vec<f64> = weights
        .iter()
        .scan(0.0, |acc, w| {
            *acc += w;
            Some(*acc)
        })
        .collect();
    let groups = weights.len() + 1; // group 0: the right answer
    let mut counts = vec![0u32; groups];
    let mut sums_of = vec![0.0f64; groups];
    for i in sums.done..upto {
        let mut rng = Stream::indexed(seed, "search/monte-carlo", i as u64);
        let q = p.draw_difficulty(&mut rng);
        let bias = p.bias * (1.0 - q);
        counts.iter_mut().for_each(|c| *c = 0);
        sums_of.iter_mut().for_each(|s| *s = 0.0);
        let mut any_right = false;
        let mut top = f64::NEG_INFINITY;
        let mut top_right = false;
        // Vote leaders: counts only grow, so a leader changes only through the group drawn.
        let mut lead_count = 0u32;
        let mut leaders: Vec<usize> = Vec::new();
        let mut drawn_groups: Vec<usize> = Vec::new();
        let mut next = 0usize;
        for k in 1..=p.n_max {
            let right = rng.bernoulli(q);
            let group = if right {
                0
            } else {
                let u = rng.uniform();
                1 + cdf.iter().position(|&c| u < c).unwrap_or(weights.len() - 1)
            };
            let score = if right { p.dprime } else { bias } + rng.normal();
            any_right |= right;
            if score > top {
                top = score;
                top_right = right;
            }
            if counts[group] == 0 {
                drawn_groups.push(group);
            }
            counts[group] += 1;
            sums_of[group] += score;
            if counts[group] > lead_count {
                lead_count = counts[group];
                leaders.clear();
                leaders.push(group);
            } else if counts[group] == lead_count && !leaders.contains(&group) {
                leaders.push(group);
            }
            if next < ns.len() && ns[next] == k {
                let cov = f64::from(u8::from(any_right));
                let maj = if leaders.contains(&0) {
                    1.0 / leaders.len() as f64
                } else {
                    0.0
                };
                let best = f64::from(u8::from(top_right));
                let wbest = drawn_groups
                    .iter()
                    .map(|&g| sums_of[g])
                    .fold(f64::NEG_INFINITY, f64::max);
                let wlead: Vec<usize> = drawn_groups
                    .iter()
                    .copied()
                    .filter(|&g| sums_of[g] == wbest)
                    .collect();
                let wmaj = if wlead.contains(&0) {
                    1.0 / wlead.len() as f64
                } else {
                    0.0
                };
                let a = &mut acc[next];
                for (j, v) in [cov, maj, best, wmaj].into_iter().enumerate() {
                    a[2 * j] += v;
                    a[2 * j + 1] += v * v;
                }
                next += 1;
            }
        }
    }
    sums.done = sums.done.max(upto);
}

/// Means and 95 % intervals of the problems drawn so far.
pub fn mc_points(sums: &McSums) -> Vec<McPoint> {
    let k = sums.done.max(1) as f64;
    sums.ns
        .iter()
        .zip(&sums.acc)
        .map(|(&n, a)| McPoint {
            n,
            coverage: interval(a[0], a[1], k),
            majority: interval(a[2], a[3], k),
            best_of_n: interval(a[4], a[5], k),
            weighted: interval(a[6], a[7], k),
        })
        .collect()
}

/// Simulates `problems` problems with `n_max` samples each (problem i from its own stream, so a
/// run of more problems extends a shorter one), every selector at every budget of the grid.
pub fn monte_carlo(p: &SearchParams, seed: u64, problems: u32) -> Vec<McPoint> {
    let mut sums = mc_start(p);
    mc_more(p, seed, &mut sums, problems);
    mc_points(&sums)
}

/// Best-of-n's distance from the base policy, KL(n) = ln n − (n − 1)/n nats (an upper bound,
/// Beirami et al. 2024).
pub fn best_of_n_kl(n: u32) -> f64 {
    let n = n.max(1) as f64;
    libm::log(n) - (n - 1.0) / n
}

/// The budget after which a curve stops improving: the smallest N within half a point of the
/// curve's best.
pub fn stops_improving(points: &[(u32, f64)]) -> Option<u32> {
    let best = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    points.iter().find(|p| p.1 >= best - 0.005).map(|p| p.0)
}

/// The OVM release (FreedomIntelligence/OVM, Mistral-7B on GSM8K, 300 samples per problem):
/// (n, coverage, majority vote, verifier best-of-n), search-judges.md §A.1 (read in the released files). Drawn beside
/// the preset's curves; the preset's parameters were fitted to them by least squares.
pub const OVM_RELEASED: [(u32, f64, f64, f64); 7] = [
    (5, 0.7908, 0.6323, 0.7407),
    (10, 0.8673, 0.6679, 0.7923),
    (20, 0.9166, 0.6975, 0.8211),
    (50, 0.9560, 0.7157, 0.8431),
    (70, 0.9674, 0.7225, 0.8514),
    (100, 0.9765, 0.7271, 0.8461),
    (300, 0.9917, 0.7271, 0.8567),
];

/// The presets: (key, id of the label in `text/`, parameters).
pub fn presets() -> Vec<(&'static str, &'static str, SearchParams)> {
    let two = |share: f64, p_easy: f64, p_hard: f64| SearchParams {
        difficulty: Difficulty::Two,
        share_easy: share,
        p_easy,
        p_hard,
        distractors: 1,
        n_max: 101,
        ..SearchParams::default()
    };
    vec![
        (
            "ovm",
            "search.preset.ovm",
            SearchParams {
                difficulty: Difficulty::Beta,
                alpha: 0.74,
                beta: 0.8,
                distractors: 10,
                zipf: 0.75,
                dprime: 4.0,
                bias: 3.25,
                n_max: 300,
                ..SearchParams::default()
            },
        ),
        ("chen-rise", "search.preset.chen_rise", two(0.5, 0.8, 0.3)),
        ("chen-fall", "search.preset.chen_fall", two(0.3, 0.7, 0.1)),
        (
            "reward-hacking",
            "search.preset.reward_hacking",
            SearchParams {
                distractors: 4,
                zipf: 1.0,
                dprime: 1.0,
                bias: 3.0,
                n_max: 256,
                ..two(0.5, 0.8, 0.3)
            },
        ),
        (
            "scaling-flaws",
            "search.preset.scaling_flaws",
            SearchParams {
                alpha: 0.5,
                beta: 3.0,
                dprime: 1.0,
                bias: 0.3,
                n_max: 1024,
                steps: 4,
                beams: 4,
                ..SearchParams::default()
            },
        ),
    ]
}

/// The key of the preset `p` is, if any.
pub fn preset_of(p: &SearchParams) -> Option<&'static str> {
    presets()
        .into_iter()
        .find(|(_, _, q)| q == p)
        .map(|(k, _, _)| k)
}

/// The headline numbers at the largest budget.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub n: u32,
    pub coverage: f64,
    /// Exact (`None` where it is Monte Carlo only).
    pub majority: Option<f64>,
    pub majority_mc: f64,
    pub best_of_n: f64,
    pub best_of_n_mc: f64,
    pub weighted_mc: f64,
    /// coverage − best-of-N.
    pub gap: f64,
    /// Best-of-N's KL from the base policy, ln N − (N − 1)/N.
    pub kl: f64,
    /// Where best-of-N and majority stop improving (within half a point of their best).
    pub best_stops: Option<u32>,
    pub majority_stops: Option<u32>,
}

/// The headline numbers of a run.
pub fn headline(exact: &[ExactPoint], mc: &[McPoint]) -> Option<Headline> {
    let e = exact.last()?;
    let m = mc.last()?;
    let majority: Vec<(u32, f64)> = exact
        .iter()
        .zip(mc)
        .map(|(e, m)| (e.n, e.majority.unwrap_or(m.majority.0)))
        .collect();
    Some(Headline {
        n: e.n,
        coverage: e.coverage,
        majority: e.majority,
        majority_mc: m.majority.0,
        best_of_n: e.best_of_n,
        best_of_n_mc: m.best_of_n.0,
        weighted_mc: m.weighted.0,
        gap: e.coverage - e.best_of_n,
        kl: best_of_n_kl(e.n),
        best_stops: stops_improving(&exact.iter().map(|e| (e.n, e.best_of_n)).collect::<Vec<_>>()),
        majority_stops: stops_improving(&majority),
    })
}

/// What a fit to an upload's curves found, and how far the fitted curves are from the file's.
#[derive(Clone, Debug, PartialEq)]
pub struct FitResult {
    pub params: SearchParams,
    /// Root-mean-square distance of the fitted coverage curve from the file's.
    pub rmse_coverage: f64,
    /// The same for best-of-k (`None` without scores).
    pub rmse_best: Option<f64>,
}

/// Fits the simulator to an upload's exact curves by least squares: the difficulty Beta(α, β)
/// on coverage@k (closed form), then the scorer's d′ and bias on best-of-k (when the file has
/// scores); the wrong-answer spread (m, z) is kept from `base`. `curve` holds (k, coverage,
/// best-of-k). `None` when the file holds fewer than two budgets to fit.
pub fn fit_to_curves(curve: &[(u32, f64, Option<f64>)], base: &SearchParams) -> Option<FitResult> {
    let pts: Vec<(u32, f64, Option<f64>)> = curve
        .iter()
        .copied()
        .filter(|p| p.0 >= 1 && p.1.is_finite())
        .collect();
    if pts.len() < 2 {
        return None;
    }
    // At most a dozen log-spaced budgets: the fit's cost, not its information, grows with more.
    let chosen: Vec<(u32, f64, Option<f64>)> = {
        let kmax = pts.iter().map(|p| p.0).max().unwrap_or(1) as f64;
        let mut keep: Vec<(u32, f64, Option<f64>)> = Vec::new();
        for i in 0..12 {
            let target = libm::pow(kmax, i as f64 / 11.0);
            if let Some(p) = pts.iter().min_by(|a, b| {
                (a.0 as f64 - target)
                    .abs()
                    .total_cmp(&(b.0 as f64 - target).abs())
            }) {
                if !keep.iter().any(|k| k.0 == p.0) {
                    keep.push(*p);
                }
            }
        }
        keep
    };
    let cov_err = |a: f64, b: f64| -> f64 {
        chosen
            .iter()
            .map(|&(k, c, _)| {
                let model = 1.0 - libm::exp(ln_beta(a, b + k as f64) - ln_beta(a, b));
                (model - c) * (model - c)
            })
            .sum()
    };
    // α, β on a log grid, then a local refinement.
    let grid: Vec<f64> = (0..48)
        .map(|i| libm::pow(10.0, -1.3 + 2.0 * i as f64 / 47.0))
        .collect();
    let (mut a, mut b, mut best) = (1.0, 1.0, f64::INFINITY);
    for &x in &grid {
        for &y in &grid {
            let e = cov_err(x, y);
            if e < best {
                (a, b, best) = (x, y, e);
            }
        }
    }
    let mut step = 0.1;
    for _ in 0..60 {
        let mut moved = false;
        for (da, db) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
            let (x, y) = (a * libm::exp(da * step), b * libm::exp(db * step));
            let e = cov_err(x, y);
            if e < best {
                (a, b, best) = (x, y, e);
                moved = true;
            }
        }
        if !moved {
            step /= 2.0;
        }
    }
    let n_max = pts
        .iter()
        .map(|p| p.0)
        .max()
        .unwrap_or(2)
        .clamp(2, SearchParams::MAX_N);
    let mut params = SearchParams {
        difficulty: Difficulty::Beta,
        alpha: a.clamp(0.05, 20.0),
        beta: b.clamp(0.05, 20.0),
        n_max,
        ..base.clone()
    };
    let rmse_coverage = (best / chosen.len() as f64).sqrt();
    let scored: Vec<(u32, f64)> = chosen
        .iter()
        .filter_map(|p| p.2.map(|v| (p.0, v)))
        .collect();
    let mut rmse_best = None;
    if scored.len() >= 2 {
        let ns: Vec<u32> = scored.iter().map(|p| p.0).collect();
        let best_err = |p: &SearchParams| -> f64 {
            let mut out = vec![0.0; ns.len()];
            for part in parts(p) {
                for &(q, w) in &part.nodes {
                    best_of_n_at(
                        q,
                        p.dprime,
                        p.bias * (1.0 - q),
                        &ns,
                        &mut out,
                        part.weight * w,
                    );
                }
            }
            out.iter()
                .zip(&scored)
                .map(|(m, s)| (m - s.1) * (m - s.1))
                .sum()
        };
        let (mut d, mut bias, mut e_best) = (params.dprime, params.bias, f64::INFINITY);
        for di in 0..=24 {
            for bi in 0..=12 {
                let trial = SearchParams {
                    dprime: di as f64 * 0.25,
                    bias: bi as f64 * 0.5,
                    ..params.clone()
                };
                let e = best_err(&trial);
                if e < e_best {
                    (d, bias, e_best) = (trial.dprime, trial.bias, e);
                }
            }
        }
        params.dprime = d;
        params.bias = bias;
        rmse_best = Some((e_best / scored.len() as f64).sqrt());
    }
    Some(FitResult {
        params,
        rmse_coverage,
        rmse_best,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The top-score integral with 161 points agrees with 961 to 1e-11 at every budget, for
    /// easy and hard problems, weak and strong scorers, with and without bias.
    #[test]
    fn best_of_n_quadrature_has_converged() {
        let ns = grid(SearchParams::MAX_N);
        for (q, d, b) in [
            (0.05, 0.5, 0.0),
            (0.3, 1.0, 0.5),
            (0.7, 2.0, 0.0),
            (0.5, 6.0, 6.0),
            (0.9, 0.1, 3.0),
        ] {
            let (mut coarse, mut fine) = (vec![0.0; ns.len()], vec![0.0; ns.len()]);
            best_of_n_with::<X_POINTS>(q, d, b, &ns, &mut coarse, 1.0);
            best_of_n_with::<961>(q, d, b, &ns, &mut fine, 1.0);
            for ((n, c), f) in ns.iter().zip(&coarse).zip(&fine) {
                assert!(
                    (c - f).abs() < 1e-11,
                    "q {q}, d′ {d}, bias {b}, N {n}: {c} vs {f}"
                );
            }
        }
    }

    fn two(share: f64, p1: f64, p2: f64) -> SearchParams {
        SearchParams {
            difficulty: Difficulty::Two,
            share_easy: share,
            p_easy: p1,
            p_hard: p2,
            distractors: 1,
            n_max: 101,
            ..SearchParams::default()
        }
    }

    #[test]
    fn chen_et_al_two_type_majority_vectors_exactly() {
        for (p, want) in [
            (
                two(0.5, 0.8, 0.3),
                [0.5500, 0.5560, 0.5526, 0.5463, 0.5396, 0.5127, 0.5000],
            ),
            (
                two(0.3, 0.7, 0.1),
                [0.2800, 0.2548, 0.2571, 0.2641, 0.2710, 0.2921, 0.3000],
            ),
        ] {
            let ks = vec![1u32, 3, 5, 7, 9, 21, 101];
            let x = exact(&p, &vote_table_at(&p, ks.clone()));
            for (k, w) in ks.into_iter().zip(want) {
                let got = x.iter().find(|e| e.n == k).and_then(|e| e.majority);
                // The checked vectors are given to 4 decimals (K = 101: to 1e-4 of ½ or .3).
                assert!(
                    got.is_some_and(|g| (g - w).abs() < 6e-5),
                    "K = {k}: {got:?} vs {w}"
                );
            }
        }
    }

    #[test]
    fn vote_wins_equal_enumeration_for_small_budgets() {
        // Enumerate every assignment of N − c wrong samples over three answers.
        let w = zipf_weights(3, 1.0);
        let laws = VoteLaws::new(&w, 9);
        for n in 1..=9u32 {
            let table = vote_wins(n, &w, &laws);
            for c in 0..=n {
                let rest = n - c;
                let mut total = 0.0;
                for a in 0..=rest {
                    for b in 0..=rest - a {
                        let d = rest - a - b;
                        let ln = ln_gamma(rest as f64 + 1.0)
                            - ln_gamma(a as f64 + 1.0)
                            - ln_gamma(b as f64 + 1.0)
                            - ln_gamma(d as f64 + 1.0);
                        let pr = libm::exp(
                            ln + a as f64 * libm::log(w[0])
                                + b as f64 * libm::log(w[1])
                                + d as f64 * libm::log(w[2]),
                        );
                        let top = a.max(b).max(d);
                        let win = if c > top {
                            1.0
                        } else if c == top && c > 0 {
                            1.0 / (1 + [a, b, d].iter().filter(|&&x| x == c).count()) as f64
                        } else {
                            0.0
                        };
                        total += pr * win;
                    }
                }
                assert!(
                    (table[c as usize] - total).abs() < 1e-12,
                    "N {n} c {c}: {} vs {total}",
                    table[c as usize]
                );
            }
        }
    }

    #[test]
    fn exact_curves_agree_with_a_large_monte_carlo() {
        for p in [
            SearchParams {
                n_max: 64,
                ..SearchParams::default()
            },
            SearchParams {
                n_max: 64,
                bias: 1.5,
                distractors: 3,
                zipf: 2.0,
                ..two(0.4, 0.9, 0.15)
            },
        ] {
            let x = exact(&p, &vote_table(&p));
            let mc = monte_carlo(&p, 11, 100_000);
            for (e, m) in x.iter().zip(&mc) {
                assert_eq!(e.n, m.n);
                // 100 000 problems: the 95 % half-width is at most 0.0031; allow 4 of them.
                assert!(
                    (e.coverage - m.coverage.0).abs() < 0.0125,
                    "coverage N {}: {} vs {:?}",
                    e.n,
                    e.coverage,
                    m.coverage
                );
                assert!(
                    (e.best_of_n - m.best_of_n.0).abs() < 0.0125,
                    "best N {}: {} vs {:?}",
                    e.n,
                    e.best_of_n,
                    m.best_of_n
                );
                let maj = e.majority.unwrap_or(f64::NAN);
                assert!(
                    (maj - m.majority.0).abs() < 0.0125,
                    "majority N {}: {maj} vs {:?}",
                    e.n,
                    m.majority
                );
            }
        }
    }

    #[test]
    fn a_biased_scorer_makes_best_of_n_fall_and_kl_is_the_formula() {
        let p = SearchParams {
            bias: 2.0,
            dprime: 1.0,
            ..two(0.5, 0.8, 0.3)
        };
        let x = exact(&p, &vote_table_at(&p, vec![4, 64, 101]));
        let at = |n: u32| {
            x.iter()
                .find(|e| e.n == n)
                .map_or(f64::NAN, |e| e.best_of_n)
        };
        assert!(
            at(4) > at(64) && at(64) > at(101) - 1e-9,
            "{} {} {}",
            at(4),
            at(64),
            at(101)
        );
        for (n, kl) in [
            (4, 0.636),
            (16, 1.835),
            (64, 3.175),
            (256, 4.549),
            (1024, 5.932),
        ] {
            assert!((best_of_n_kl(n) - kl).abs() < 5e-4, "{n}");
        }
    }

    #[test]
    fn the_ovm_preset_lands_within_three_points_of_the_released_table() {
        let p = presets()
            .into_iter()
            .find(|x| x.0 == "ovm")
            .map(|x| x.2)
            .unwrap_or_default();
        let x = exact(&p, &vote_table(&p));
        for (n, cov, maj, best) in OVM_RELEASED {
            if n == 70 {
                continue; // not one of the check points, but drawn
            }
            let e = x
                .iter()
                .find(|e| e.n == n)
                .unwrap_or_else(|| panic!("{n} in the grid"));
            assert!(
                (e.coverage - cov).abs() < 0.03,
                "coverage n {n}: {}",
                e.coverage
            );
            let m = e.majority.unwrap_or(f64::NAN);
            assert!((m - maj).abs() < 0.03, "majority n {n}: {m}");
            assert!(
                (e.best_of_n - best).abs() < 0.03,
                "best-of-n n {n}: {}",
                e.best_of_n
            );
        }
    }

    #[test]
    fn the_reward_hacking_preset_falls_and_the_others_do_not() {
        for (key, _, p) in presets() {
            let x = exact(&p, &vote_table(&p));
            let peak = x.iter().map(|e| e.best_of_n).fold(0.0, f64::max);
            let last = x.last().map_or(0.0, |e| e.best_of_n);
            if key == "reward-hacking" {
                assert!(
                    peak - last > 0.05,
                    "{key}: best-of-N peaks at {peak} and ends at {last}"
                );
            } else {
                assert!(peak - last < 0.01, "{key}: {peak} vs {last}");
            }
        }
    }

    #[test]
    fn fitting_the_exact_curves_of_known_parameters_finds_them_again() {
        let truth = SearchParams {
            alpha: 0.7,
            beta: 1.6,
            dprime: 1.5,
            bias: 1.0,
            n_max: 64,
            ..SearchParams::default()
        };
        let x = exact(&truth, &vote_table(&truth));
        let curve: Vec<(u32, f64, Option<f64>)> = x
            .iter()
            .map(|e| (e.n, e.coverage, Some(e.best_of_n)))
            .collect();
        let fit = fit_to_curves(&curve, &SearchParams::default()).expect("a fit");
        let p = &fit.params;
        assert!(
            (p.alpha - 0.7).abs() < 0.07 && (p.beta - 1.6).abs() < 0.2,
            "{p:?}"
        );
        assert!(
            (p.dprime - 1.5).abs() <= 0.25 && (p.bias - 1.0).abs() <= 0.5,
            "{p:?}"
        );
        assert!(
            fit.rmse_coverage < 0.005 && fit.rmse_best.is_some_and(|r| r < 0.01),
            "{fit:?}"
        );
        assert_eq!(p.n_max, 64);
        // Nothing to fit: refused.
        assert!(fit_to_curves(&curve[..1], &SearchParams::default()).is_none());
        assert!(fit_to_curves(&[], &SearchParams::default()).is_none());
    }

    #[test]
    fn the_grid_holds_the_released_budgets() {
        let g = grid(1024);
        for n in [1, 5, 10, 20, 50, 70, 100, 300, 1024] {
            assert!(g.contains(&n), "{n}: {g:?}");
        }
        assert!(g.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(grid(3), vec![1, 2, 3]);
        // The set N is always the last point (the headline's), never the nearest grid point.
        for n in [101, 464, 500, 999, 1023] {
            assert_eq!(grid(n).last(), Some(&n), "{n}");
        }
    }

    /// The headline is at exactly the N set: N = 500 with the defaults gives coverage
    /// 1 − B(α, β + 500)/B(α, β), not the value at the grid point 464.
    #[test]
    fn the_headline_is_at_the_budget_set() {
        for n in [500u32, 101] {
            let p = SearchParams {
                n_max: n,
                ..Default::default()
            };
            let h = headline(&exact(&p, &vote_table(&p)), &monte_carlo(&p, 1, 200)).unwrap();
            assert_eq!(h.n, n);
            let closed =
                1.0 - libm::exp(ln_beta(p.alpha, p.beta + n as f64) - ln_beta(p.alpha, p.beta));
            assert!(
                (h.coverage - closed).abs() < 1e-9,
                "{n}: {} vs {closed}",
                h.coverage
            );
        }
    }

    #[test]
    fn the_monte_carlo_in_chunks_is_the_same_as_one_run() {
        let p = SearchParams::default();
        let whole = monte_carlo(&p, 3, 500);
        let mut sums = mc_start(&p);
        for upto in [1, 250, 250, 499, 500] {
            mc_more(&p, 3, &mut sums, upto);
        }
        assert_eq!(sums.done, 500);
        assert_eq!(mc_points(&sums), whole);
        // Partial sums are the run of fewer problems.
        let mut part = mc_start(&p);
        mc_more(&p, 3, &mut part, 120);
        assert_eq!(mc_points(&part), monte_carlo(&p, 3, 120));
    }
}
