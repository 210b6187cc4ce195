//! Step-level beam search against repeated sampling (search-judges.md §A.3; Yu, Li, Wang 2025).
//!
//! A solution is `steps` (T) steps long. A problem whose full sample is right with chance p has
//! per-step validity q = p^(1/T): a path stays valid until its first invalid step, so repeated
//! sampling here is exactly the lab's other curves. The scorer judges a partial path as it
//! judges a full one: a valid prefix scores N(d′, 1), an invalid one N(bias × (1 − p), 1).
//!
//! Beam search with budget N generates N candidates at every step, spread evenly over the
//! surviving paths (at the first step all continue the question), scores them and keeps the
//! best `beams` (b). Repeated sampling with budget N generates N full samples. Both generate
//! N × T steps: **the compute convention is candidates generated**. Compared: the chance that
//! one of the b final paths is right against coverage@N (the reversal of Scaling Flaws is in
//! these two), and the top-scored final path against best-of-N.
//!
//! Nothing here is typed in to make the curves cross: pruning commits the search to b paths,
//! so a scorer that misranks partial paths (low d′, a bias on hard problems) loses problems
//! that N independent samples would still cover.

use serde::{Deserialize, Serialize};

use super::sim::{exact_at, interval, ExactPoint, SearchParams};
use crate::rng::Stream;
use crate::stats::normal_quantile_approx;

/// Problems the beam-search Monte Carlo draws.
pub const BEAM_PROBLEMS: u32 = 2_000;

/// One budget of the comparison: Monte Carlo means with 95 % intervals (mean, low, high).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeamPoint {
    pub n: u32,
    /// One of the b final paths is right.
    pub any_final: (f64, f64, f64),
    /// The top-scored final path is right.
    pub top_final: (f64, f64, f64),
}

/// The budgets compared: powers of two up to `n_max`, and `n_max`.
pub fn budgets(n_max: u32) -> Vec<u32> {
    let mut v: Vec<u32> = std::iter::successors(Some(1u32), |&n| n.checked_mul(2))
        .take_while(|&n| n <= n_max)
        .collect();
    if v.last() != Some(&n_max) {
        v.push(n_max);
    }
    v
}

/// The `k` largest of `n` independent N(`mean`, 1) scores, largest first, drawn directly as
/// order statistics (Rényi): the largest has survival 1 − U^(1/n), and each next one, given
/// the last, is the largest of the rest below it. O(k) however large `n`.
fn top_scores(rng: &mut Stream, n: u32, mean: f64, k: usize, out: &mut Vec<f64>) {
    out.clear();
    let mut survival = 0.0f64;
    for j in 0..(k as u32).min(n) {
        let u = rng.uniform_open0();
        let e = -libm::expm1(libm::log(u) / f64::from(n - j));
        survival += (1.0 - survival) * e;
        out.push(mean - normal_quantile_approx(survival.min(1.0)));
    }
}

/// One beam search of budget `n` on a problem with per-step validity `q`: whether one of the
/// final paths is right, and whether the top-scored one is.
///
/// A step does not draw its `n` candidates one by one: a child of a valid path is valid with
/// chance q, a child of an invalid one never, so the valid children are Binomial(children of
/// valid paths, q); within each kind scores are exchangeable, and the kept `b` are the best of
/// the two kinds' top `b` order statistics. The same law as drawing every candidate, in O(b)
/// per step instead of O(n).
fn search_once(
    rng: &mut Stream,
    q: f64,
    wrong_mean: f64,
    p: &SearchParams,
    n: u32,
    scratch: &mut Scratch,
) -> (bool, bool) {
    let keep = p.beams.clamp(1, n) as usize;
    // The surviving paths' validity, best-scored first (the first get the extra children).
    let alive = &mut scratch.alive;
    alive.clear();
    alive.push(true);
    for _ in 0..p.steps.max(1) {
        let paths = alive.len() as u32;
        let (per, extra) = (n / paths, n % paths);
        let of_valid: u32 = alive
            .iter()
            .enumerate()
            .filter(|(_, &v)| v)
            .map(|(i, _)| per + u32::from((i as u32) < extra))
            .sum();
        let valid = rng.binomial_from_mode(u64::from(of_valid), q) as u32;
        top_scores(rng, valid, p.dprime, keep, &mut scratch.right);
        top_scores(rng, n - valid, wrong_mean, keep, &mut scratch.wrong);
        // Merge the two descending lists, keeping the best `keep`.
        alive.clear();
        let (mut i, mut j) = (0, 0);
        while alive.len() < keep && (i < scratch.right.len() || j < scratch.wrong.len()) {
            let take_right = match (scratch.right.get(i), scratch.wrong.get(j)) {
                (Some(r), Some(w)) => r >= w,
                (Some(_), None) => true,
                _ => false,
            };
            alive.push(take_right);
            if take_right {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    let any = alive.iter().any(|&v| v);
    let top = alive.first().copied().unwrap_or(false);
    (any, top)
}

#[derive(Default)]
struct Scratch {
    alive: Vec<bool>,
    right: Vec<f64>,
    wrong: Vec<f64>,
}

/// Beam search's running sums: the problems searched so far (`done`), so that the page can run
/// it in chunks with the dots filling in; any chunking gives the same numbers as one run.
#[derive(Clone, Debug, PartialEq)]
pub struct BeamSums {
    ns: Vec<u32>,
    acc: Vec<[f64; 4]>,
    pub done: u32,
}

/// No problem searched yet.
pub fn beam_start(p: &SearchParams) -> BeamSums {
    let ns = budgets(p.n_max);
    BeamSums {
        acc: vec![[0.0; 4]; ns.len()],
        ns,
        done: 0,
    }
}

/// Searches problems `sums.done` up to `upto` (exclusive) at every budget.
pub fn beam_more(p: &SearchParams, seed: u64, sums: &mut BeamSums, upto: u32) {
    let mut scratch = Scratch::default();
    let steps = f64::from(p.steps.max(1));
    for i in sums.done..upto {
        let mut rng = Stream::indexed(seed, "search/beam", u64::from(i));
        let solved = p.draw_difficulty(&mut rng);
        let q = libm::pow(solved, 1.0 / steps);
        let wrong_mean = p.bias * (1.0 - solved);
        for (a, &n) in sums.acc.iter_mut().zip(&sums.ns) {
            let (any, top) = search_once(&mut rng, q, wrong_mean, p, n, &mut scratch);
            for (j, hit) in [any, top].into_iter().enumerate() {
                let v = f64::from(u8::from(hit));
                a[2 * j] += v;
                a[2 * j + 1] += v * v;
            }
        }
    }
    sums.done = sums.done.max(upto);
}

/// Means and 95 % intervals of the problems searched so far.
pub fn beam_points(sums: &BeamSums) -> Vec<BeamPoint> {
    let k = f64::from(sums.done.max(1));
    sums.ns
        .iter()
        .zip(&sums.acc)
        .map(|(&n, a)| BeamPoint {
            n,
            any_final: interval(a[0], a[1], k),
            top_final: interval(a[2], a[3], k),
        })
        .collect()
}

/// Beam search at every budget of [`budgets`], over `problems` problems drawn from the lab's
/// difficulty (problem i from its own stream, every budget an independent search).
pub fn monte_carlo(p: &SearchParams, seed: u64, problems: u32) -> Vec<BeamPoint> {
    let mut sums = beam_start(p);
    beam_more(p, seed, &mut sums, problems);
    beam_points(&sums)
}

/// Where beam search falls behind repeated sampling: the smallest budget N > b from which the
/// chance that a final path is right stays below coverage@N (its mean, at every larger budget
/// drawn). Budgets up to b are left out: nothing is pruned there, the two are the same search.
/// `exact` holds repeated sampling's exact curves.
pub fn falls_behind(points: &[BeamPoint], beams: u32, exact: &[ExactPoint]) -> Option<u32> {
    let coverage = |n| coverage_at(exact, n);
    let pruned: Vec<&BeamPoint> = points.iter().filter(|b| b.n > beams).collect();
    let mut from = None;
    for b in pruned.iter().rev() {
        if b.any_final.0 < coverage(b.n) {
            from = Some(b.n);
        } else {
            break;
        }
    }
    from
}

/// Repeated sampling's exact coverage@N (NaN where the exact grid has no such budget: every
/// comparison with it is then false).
pub fn coverage_at(exact: &[ExactPoint], n: u32) -> f64 {
    exact_at(exact, n).map_or(f64::NAN, |e| e.coverage)
}

/// The beam-search numbers the page shows, at the largest budget unless said.
#[derive(Clone, Debug, PartialEq)]
pub struct BeamHeadline {
    pub n: u32,
    /// One of the b final paths right (Monte Carlo mean).
    pub any_final: f64,
    /// The top-scored final path right (Monte Carlo mean).
    pub top_final: f64,
    /// The largest lead of `any_final` over coverage@N across budgets N > b (negative: never
    /// ahead), and where.
    pub lead: f64,
    pub lead_at: u32,
    /// Whether that lead is beyond the Monte Carlo interval (its lower end above coverage@N).
    pub clearly_ahead: bool,
    /// [`falls_behind`].
    pub behind_from: Option<u32>,
}

/// The headline of a beam run against repeated sampling's exact coverage@N.
pub fn headline(points: &[BeamPoint], beams: u32, exact: &[ExactPoint]) -> Option<BeamHeadline> {
    let coverage = |n| coverage_at(exact, n);
    let last = points.last()?;
    let pruned = points.iter().filter(|b| b.n > beams);
    let (lead, lead_at, clearly_ahead) = pruned
        .map(|b| {
            let c = coverage(b.n);
            (b.any_final.0 - c, b.n, b.any_final.1 > c)
        })
        .fold((f64::NEG_INFINITY, last.n, false), |a, b| {
            if b.0 > a.0 {
                b
            } else {
                a
            }
        });
    Some(BeamHeadline {
        n: last.n,
        any_final: last.any_final.0,
        top_final: last.top_final.0,
        lead: if lead.is_finite() { lead } else { 0.0 },
        lead_at,
        clearly_ahead,
        behind_from: falls_behind(points, beams, exact),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::search::sim::{exact, vote_table};

    fn exact_curves(p: &SearchParams) -> Vec<ExactPoint> {
        exact(p, &vote_table(p))
    }

    #[test]
    fn budgets_are_powers_of_two_and_the_largest() {
        assert_eq!(budgets(20), vec![1, 2, 4, 8, 16, 20]);
        assert_eq!(budgets(1024).len(), 11);
    }

    #[test]
    fn a_beam_as_wide_as_the_budget_is_repeated_sampling() {
        // b ≥ N: nothing is pruned, the N paths are N independent samples.
        let p = SearchParams {
            beams: 64,
            n_max: 32,
            ..SearchParams::default()
        };
        let x = exact_curves(&p);
        for b in monte_carlo(&p, 7, 3_000) {
            let c = coverage_at(&x, b.n);
            let best = exact_at(&x, b.n).map_or(f64::NAN, |e| e.best_of_n);
            let slack = 0.01;
            assert!(
                b.any_final.1 - slack <= c && c <= b.any_final.2 + slack,
                "{b:?} {c}"
            );
            assert!(
                b.top_final.1 - slack <= best && best <= b.top_final.2 + slack,
                "{b:?} {best}"
            );
        }
    }

    #[test]
    fn the_reversal_comes_from_hard_problems_and_a_weak_scorer_not_from_easy_ones() {
        // Hard problems, a weak scorer: clearly ahead at a small budget, clearly behind at the
        // largest.
        let hard = SearchParams {
            alpha: 0.5,
            beta: 3.0,
            dprime: 0.7,
            n_max: 512,
            ..SearchParams::default()
        };
        let pts = monte_carlo(&hard, 1, 4_000);
        let x = exact_curves(&hard);
        let cov = |n| coverage_at(&x, n);
        assert!(
            pts.iter().any(|b| b.n <= 32 && b.any_final.1 > cov(b.n)),
            "{pts:?}"
        );
        let last = pts.last().map(|b| b.any_final);
        assert!(last.is_some_and(|(_, _, hi)| hi < cov(512)), "{last:?}");
        let at = falls_behind(&pts, hard.beams, &x);
        assert!(at.is_some_and(|n| n >= 32), "{at:?} {pts:?}");
        // The same weak scorer on easy problems: never clearly behind.
        let easy = SearchParams {
            alpha: 4.0,
            beta: 1.0,
            dprime: 2.0,
            ..hard.clone()
        };
        let pts = monte_carlo(&easy, 1, 4_000);
        let x = exact_curves(&easy);
        let cov = |n| coverage_at(&x, n);
        assert!(
            pts.iter().all(|b| b.any_final.2 + 0.01 >= cov(b.n)),
            "{pts:?}"
        );
        assert_eq!(falls_behind(&pts, easy.beams, &x), None);
    }

    #[test]
    fn the_scaling_flaws_preset_shows_the_reversal_at_the_page_size() {
        let p = crate::labs::search::sim::presets()
            .into_iter()
            .find(|(k, _, _)| *k == "scaling-flaws")
            .map(|(_, _, p)| p)
            .expect("the preset exists");
        let pts = monte_carlo(&p, crate::state::AppState::default().seed, BEAM_PROBLEMS);
        let x = exact_curves(&p);
        let h = headline(&pts, p.beams, &x).expect("points");
        assert!(h.clearly_ahead && h.lead > 0.02 && h.lead_at <= 64, "{h:?}");
        assert!(h.behind_from.is_some_and(|n| n > h.lead_at), "{h:?}");
        assert!(h.any_final < coverage_at(&x, h.n), "{h:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_searches() {
        let p = SearchParams::default();
        assert_eq!(monte_carlo(&p, 3, 50), monte_carlo(&p, 3, 50));
        assert_ne!(monte_carlo(&p, 3, 50), monte_carlo(&p, 4, 50));
    }

    #[test]
    fn beam_search_in_chunks_is_the_same_as_one_run() {
        let p = SearchParams::default();
        let whole = monte_carlo(&p, 3, 300);
        let mut sums = beam_start(&p);
        for upto in [7, 7, 100, 299, 300] {
            beam_more(&p, 3, &mut sums, upto);
        }
        assert_eq!(beam_points(&sums), whole);
    }
}
