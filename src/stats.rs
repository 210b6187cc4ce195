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
    Some(PlateauFit {
        plateau,
        amplitude,
        tau,
        half_life: tau * std::f64::consts::LN_2,
        rmse: (sse / n).sqrt(),
    })
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
        assert!(plateau_fit(&pts[..2]).is_none());
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
}
