//! Small statistical helpers shared by the labs: intervals, least squares, the incomplete beta.
//! Everything transcendental goes through `libm` so native and wasm agree bit for bit.

use serde::{Deserialize, Serialize};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A point estimate with a 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub mean: f64,
    pub lo: f64,
    pub hi: f64,
}

/// Wilson score interval for `successes` out of `n` (95 %). `n = 0` gives [0, 1] around 0.
pub fn wilson(successes: f64, n: f64) -> Estimate {
    if n <= 0.0 {
        return Estimate {
            mean: 0.0,
            lo: 0.0,
            hi: 1.0,
        };
    }
    let p = successes / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * libm::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
    Estimate {
        mean: p,
        lo: (centre - half).max(0.0),
        hi: (centre + half).min(1.0),
    }
}

/// Normal-approximation interval for a mean from its running sums.
pub fn mean_interval(sum: f64, sum_sq: f64, n: f64) -> Estimate {
    if n <= 0.0 {
        return Estimate {
            mean: 0.0,
            lo: 0.0,
            hi: 0.0,
        };
    }
    let mean = sum / n;
    let var = if n > 1.0 {
        ((sum_sq - n * mean * mean) / (n - 1.0)).max(0.0)
    } else {
        0.0
    };
    let half = Z95 * libm::sqrt(var / n);
    Estimate {
        mean,
        lo: mean - half,
        hi: mean + half,
    }
}

/// Ordinary least squares y = slope·x + intercept.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LinearFit {
    pub slope: f64,
    pub intercept: f64,
    pub r_squared: f64,
    pub n: usize,
}

/// Least-squares line through `points`; `None` with fewer than two distinct x values.
pub fn linear_fit(points: &[(f64, f64)]) -> Option<LinearFit> {
    let n = points.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / nf;
    let my = points.iter().map(|p| p.1).sum::<f64>() / nf;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let syy: f64 = points.iter().map(|p| (p.1 - my) * (p.1 - my)).sum();
    if sxx.is_nan() || sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let r_squared = if syy > 0.0 {
        sxy * sxy / (sxx * syy)
    } else {
        1.0
    };
    Some(LinearFit {
        slope,
        intercept: my - slope * mx,
        r_squared,
        n,
    })
}

/// A decay to a plateau, `y(t) = plateau + amplitude · exp(−t / tau)`, fitted by least squares.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PlateauFit {
    pub plateau: f64,
    pub amplitude: f64,
    /// Time constant, in steps.
    pub tau: f64,
    /// `tau · ln 2`: steps for the distance to the plateau to halve.
    pub half_life: f64,
    /// Root-mean-square residual.
    pub rmse: f64,
    /// Whether the fit follows the data at the end: over the last third of the steps
    /// (`tail_from` … `tail_to`, at least three points) the data's own straight-line change
    /// and the fitted curve's change differ by no more than 2 × RMSE (and 0.01). A curve that
    /// keeps falling past a flattened fit is said to, never shown as settled.
    pub follows_data: bool,
    pub tail_from: f64,
    pub tail_to: f64,
    /// The data's change over the tail (least-squares line) and the fit's.
    pub tail_data_change: f64,
    pub tail_fit_change: f64,
}

/// Least squares for `plateau + amplitude · exp(−t/tau)`: for each tau the best plateau and
/// amplitude are linear, so tau is searched on a log grid (0.05 to 10 × the last t) and refined
/// by golden-section search. `None` with fewer than three distinct t or non-finite points.
pub fn plateau_fit(points: &[(f64, f64)]) -> Option<PlateauFit> {
    if points.iter().any(|(t, y)| !t.is_finite() || !y.is_finite()) {
        return None;
    }
    let mut ts: Vec<f64> = points.iter().map(|p| p.0).collect();
    ts.sort_by(f64::total_cmp);
    ts.dedup();
    if ts.len() < 3 {
        return None;
    }
    let t_max = ts[ts.len() - 1].max(1.0);
    let n = points.len() as f64;
    // For a fixed tau: (sse, plateau, amplitude).
    let solve = |tau: f64| -> (f64, f64, f64) {
        let xs: Vec<f64> = points.iter().map(|(t, _)| libm::exp(-t / tau)).collect();
        let mx = xs.iter().sum::<f64>() / n;
        let my = points.iter().map(|p| p.1).sum::<f64>() / n;
        let (mut sxx, mut sxy) = (0.0, 0.0);
        for (x, (_, y)) in xs.iter().zip(points) {
            sxx += (x - mx) * (x - mx);
            sxy += (x - mx) * (y - my);
        }
        let a = if sxx > 1e-300 { sxy / sxx } else { 0.0 };
        let p = my - a * mx;
        let sse = xs
            .iter()
            .zip(points)
            .map(|(x, (_, y))| (y - p - a * x).powi(2))
            .sum();
        (sse, p, a)
    };
    let (lo, hi) = (libm::log(0.05), libm::log(10.0 * t_max));
    const GRID: usize = 240;
    let grid = |k: usize| lo + (hi - lo) * k as f64 / GRID as f64;
    let best = (0..=GRID)
        .min_by(|&a, &b| {
            solve(libm::exp(grid(a)))
                .0
                .total_cmp(&solve(libm::exp(grid(b))).0)
        })
        .unwrap_or(0);
    let (mut a, mut b) = (grid(best.saturating_sub(1)), grid((best + 1).min(GRID)));
    let phi = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..60 {
        let c = b - phi * (b - a);
        let d = a + phi * (b - a);
        if solve(libm::exp(c)).0 < solve(libm::exp(d)).0 {
            b = d;
        } else {
            a = c;
        }
    }
    let tau = libm::exp((a + b) / 2.0);
    let (sse, plateau, amplitude) = solve(tau);
    let rmse = (sse / n).sqrt();
    // The tail: the last third of the distinct steps, at least three.
    let from = ts[ts.len() - (ts.len() / 3).max(3).min(ts.len())];
    let tail: Vec<(f64, f64)> = points.iter().copied().filter(|p| p.0 >= from).collect();
    let m = tail.len() as f64;
    let (mt, my) = (
        tail.iter().map(|p| p.0).sum::<f64>() / m,
        tail.iter().map(|p| p.1).sum::<f64>() / m,
    );
    let (mut stt, mut sty) = (0.0, 0.0);
    for (t, y) in &tail {
        stt += (t - mt) * (t - mt);
        sty += (t - mt) * (y - my);
    }
    let slope = if stt > 0.0 { sty / stt } else { 0.0 };
    let to = ts[ts.len() - 1];
    let model = |t: f64| plateau + amplitude * libm::exp(-t / tau);
    let tail_data_change = slope * (to - from);
    let tail_fit_change = model(to) - model(from);
    let follows_data = (tail_data_change - tail_fit_change).abs() <= (2.0 * rmse).max(0.01);
    Some(PlateauFit {
        plateau,
        amplitude,
        tau,
        half_life: tau * std::f64::consts::LN_2,
        rmse,
        follows_data,
        tail_from: from,
        tail_to: to,
        tail_data_change,
        tail_fit_change,
    })
}

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1) (±∞ at 0 and 1, NaN outside):
/// [`normal_quantile_approx`], then one Halley step on Φ computed from `erfc`, which brings it
/// to double precision in both tails.
pub fn normal_quantile(p: f64) -> f64 {
    let x = normal_quantile_approx(p);
    if !x.is_finite() {
        return x;
    }
    // Halley's step on Φ(x) − p, with the error taken in the tail that holds p (so that a p
    // near 1 is refined against its complement, not against a rounded 1 − tiny).
    let e = if p < 0.5 {
        0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p
    } else {
        (1.0 - p) - 0.5 * libm::erfc(x / std::f64::consts::SQRT_2)
    };
    let u = e * libm::sqrt(2.0 * std::f64::consts::PI) * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

/// Acklam's rational approximation of Φ⁻¹(p): relative error below 1.2e-9 over (0, 1), a
/// third of the cost of [`normal_quantile`] (for drawing, where 1e-9 is far below noise).
pub fn normal_quantile_approx(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let tail = |q: f64| {
        let r = libm::sqrt(-2.0 * libm::log(q));
        (((((C[0] * r + C[1]) * r + C[2]) * r + C[3]) * r + C[4]) * r + C[5])
            / ((((D[0] * r + D[1]) * r + D[2]) * r + D[3]) * r + 1.0)
    };
    if p < LOW {
        tail(p)
    } else if p <= 1.0 - LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail(1.0 - p)
    }
}

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// Regularised incomplete beta I_x(a, b) (continued fraction, Numerical Recipes §6.4).
pub fn inc_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front =
        ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * libm::log(x) + b * libm::log1p(-x);
    let front = libm::exp(ln_front);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(x, a, b) / a
    } else {
        1.0 - front * beta_cf(1.0 - x, b, a) / b
    }
}

fn beta_cf(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plateau_fit_recovers_a_known_curve() {
        let pts: Vec<(f64, f64)> = [
            0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0, 25.0, 30.0, 40.0, 50.0, 65.0, 80.0,
            100.0,
        ]
        .iter()
        .map(|&t| (t, 0.84 + 0.12 * (-t / 9.0f64).exp()))
        .collect();
        let f = plateau_fit(&pts).unwrap();
        assert!((f.plateau - 0.84).abs() < 1e-6, "{f:?}");
        assert!((f.amplitude - 0.12).abs() < 1e-6, "{f:?}");
        assert!((f.tau - 9.0).abs() < 1e-4, "{f:?}");
        assert!((f.half_life - 9.0 * std::f64::consts::LN_2).abs() < 1e-4);
        assert!(f.rmse < 1e-8);
        assert!(f.follows_data, "{f:?}");
        assert!(plateau_fit(&pts[..2]).is_none());
    }

    /// A curve that flattens and then keeps falling (chrF in a released run: the fit settled at
    /// 0.667 while the data fell to 0.64) is flagged: the fit does not follow the data.
    #[test]
    fn a_fit_that_stops_while_the_data_keep_falling_says_so() {
        let steps = [
            0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0, 25.0, 30.0, 40.0, 50.0, 65.0, 80.0,
            100.0,
        ];
        let pts: Vec<(f64, f64)> = steps
            .iter()
            .map(|&t| (t, 0.70 + 0.3 * (-t / 3.0f64).exp() - 0.0006 * t))
            .collect();
        let f = plateau_fit(&pts).unwrap();
        assert!(!f.follows_data, "{f:?}");
        assert!(f.tail_data_change < f.tail_fit_change - 0.01, "{f:?}");
    }

    #[test]
    fn wilson_matches_known_values() {
        // 10 of 20: the textbook Wilson interval is [0.2993, 0.7007].
        let e = wilson(10.0, 20.0);
        assert!(
            (e.lo - 0.2993).abs() < 1e-4 && (e.hi - 0.7007).abs() < 1e-4,
            "{e:?}"
        );
        let z = wilson(0.0, 10.0);
        assert_eq!(z.lo, 0.0);
        assert!((z.hi - 0.2775).abs() < 1e-4);
    }

    #[test]
    fn incomplete_beta_known_values() {
        assert!((inc_beta(0.5, 2.0, 2.0) - 0.5).abs() < 1e-14);
        // I_x(1, b) = 1 - (1-x)^b
        assert!((inc_beta(0.3, 1.0, 3.0) - (1.0 - 0.7f64.powi(3))).abs() < 1e-13);
        // I_x(a, 1) = x^a
        assert!((inc_beta(0.2, 0.5, 1.0) - 0.2f64.sqrt()).abs() < 1e-13);
    }

    #[test]
    fn linear_fit_recovers_a_line() {
        let pts: Vec<(f64, f64)> = (0..10).map(|i| (i as f64, 2.0 * i as f64 + 1.0)).collect();
        let f = linear_fit(&pts).unwrap();
        assert!((f.slope - 2.0).abs() < 1e-12 && (f.intercept - 1.0).abs() < 1e-12);
        assert!((f.r_squared - 1.0).abs() < 1e-12);
        assert!(linear_fit(&[(1.0, 1.0), (1.0, 2.0)]).is_none());
    }

    #[test]
    fn the_normal_quantile_inverts_the_normal_distribution_in_both_tails() {
        assert!((normal_quantile(0.975) - Z95).abs() < 1e-14);
        assert_eq!(normal_quantile(0.5), 0.0);
        assert!((normal_quantile(0.8413447460685429) - 1.0).abs() < 1e-13);
        assert!((normal_quantile(1e-300) + 37.0471).abs() < 1e-3);
        let phi = |x: f64| 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2);
        for &p in &[
            1e-250, 1e-40, 1e-9, 0.001, 0.02, 0.1, 0.3, 0.5, 0.7, 0.97, 0.999,
        ] {
            let x = normal_quantile(p);
            assert!(
                ((phi(x) - p) / p).abs() < 1e-12,
                "p {p}: x {x}, Φ(x) {}",
                phi(x)
            );
            // Symmetry: the upper tail from the lower.
            assert!((normal_quantile(1.0 - p) + x).abs() < 1e-9 * x.abs().max(1.0) || p < 1e-15);
        }
        assert!(normal_quantile(-0.1).is_nan() && normal_quantile(f64::NAN).is_nan());
        for &p in &[1e-200, 1e-5, 0.01, 0.4, 0.6, 0.99] {
            let (a, x) = (normal_quantile_approx(p), normal_quantile(p));
            assert!(((a - x) / x).abs() < 1.2e-9, "p {p}: {a} against {x}");
        }
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
    }
}
