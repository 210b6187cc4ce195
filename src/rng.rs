//! Named, portable, seeded random streams — the only source of randomness in Cascade Lab.
//!
//! Every simulation draws from a [`Stream`]: ChaCha8 seeded from the user's seed, with the
//! ChaCha *stream* (nonce) set from a stable hash of the purpose's name. Streams for different
//! purposes are independent, so moving one slider never reshuffles unrelated draws, and the
//! algorithm is fixed (never `StdRng`/`thread_rng`), so native and wasm builds give the same
//! numbers bit for bit. Transcendental functions come from `libm` for the same reason.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// The seed used when a link names none.
pub const DEFAULT_SEED: u64 = 20_231_025;

/// Stable 64-bit FNV-1a hash of a stream's name: the ChaCha stream id.
pub const fn stream_id(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// One independent random stream, named by its purpose.
#[derive(Clone, Debug)]
pub struct Stream {
    rng: ChaCha8Rng,
}

impl Stream {
    /// The stream for `purpose` under `seed`, e.g. `Stream::new(seed, "resampling/monte-carlo")`.
    pub fn new(seed: u64, purpose: &str) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream_id(purpose));
        Self { rng }
    }

    /// A sub-stream for item `index` of this purpose (e.g. one benchmark replicate), so that
    /// replicate 7 gets the same draws whether 10 or 10 000 replicates are run.
    pub fn indexed(seed: u64, purpose: &str, index: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        rng.set_stream(stream_id(purpose));
        rng.set_word_pos(0);
        Self { rng }
    }

    /// Next raw 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// Uniform in [0, 1) with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    pub fn uniform_open0(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// True with probability `p`.
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Uniform integer in `0..n` (n > 0) without modulo bias (Lemire's method). The rejection
    /// threshold 2⁶⁴ mod n is below n, so a low word of at least n is accepted without
    /// computing it (a division): the same draws as testing every word against it.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let mut m = (self.next_u64() as u128) * (n as u128);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = (self.next_u64() as u128) * (n as u128);
            }
        }
        (m >> 64) as u64
    }

    /// Standard normal (Marsaglia polar method, libm only).
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * libm::sqrt(-2.0 * libm::log(s) / s);
            }
        }
    }

    /// Gamma(shape, 1) (Marsaglia–Tsang; boosted for shape < 1).
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if shape.is_nan() || shape <= 0.0 || !shape.is_finite() {
            return 0.0;
        }
        if shape < 1.0 {
            let g = self.gamma(shape + 1.0);
            return g * libm::pow(self.uniform_open0(), 1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / libm::sqrt(9.0 * d);
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform_open0();
            if libm::log(u) < 0.5 * x * x + d - d * v + d * libm::log(v) {
                return d * v;
            }
        }
    }

    /// Beta(a, b) through two gammas.
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        let y = self.gamma(b);
        if x + y > 0.0 {
            x / (x + y)
        } else {
            0.5
        }
    }

    /// Number of Bernoulli(p) trials up to and including the first success (p in (0, 1]),
    /// by inversion: one uniform per call whatever p is.
    pub fn geometric(&mut self, p: f64) -> u64 {
        if p >= 1.0 {
            return 1;
        }
        if p.is_nan() || p <= 0.0 {
            return u64::MAX;
        }
        let u = self.uniform_open0();
        let k = libm::ceil(libm::log(u) / libm::log1p(-p));
        if k < 1.0 {
            1
        } else if k >= u64::MAX as f64 {
            u64::MAX
        } else {
            k as u64
        }
    }

    /// Binomial(n, p) by skipping from success to success with geometric gaps: about n·min(p,
    /// 1−p) + 1 uniforms, so rare events over many trials cost little.
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        if p.is_nan() || p <= 0.0 || n == 0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        if p > 0.5 {
            return n - self.binomial(n, 1.0 - p);
        }
        let (mut count, mut at) = (0u64, 0u64);
        loop {
            at = at.saturating_add(self.geometric(p));
            if at > n {
                return count;
            }
            count += 1;
        }
    }

    /// Binomial(n, p) by inversion searched outwards from the mode: one uniform and about
    /// √(n p (1 − p)) multiplications, whatever n (where [`Stream::binomial`] costs n·min(p,
    /// 1 − p) uniforms). A different sequence from `binomial` for the same stream.
    pub fn binomial_from_mode(&mut self, n: u64, p: f64) -> u64 {
        if p.is_nan() || p <= 0.0 || n == 0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        let nf = n as f64;
        let mode = libm::floor((nf + 1.0) * p).min(nf);
        let ln_pmf =
            libm::lgamma(nf + 1.0) - libm::lgamma(mode + 1.0) - libm::lgamma(nf - mode + 1.0)
                + mode * libm::log(p)
                + (nf - mode) * libm::log1p(-p);
        let at_mode = libm::exp(ln_pmf);
        let odds = p / (1.0 - p);
        let mut u = self.uniform() - at_mode;
        let m = mode as u64;
        if u < 0.0 {
            return m;
        }
        let (mut lo, mut p_lo, mut hi, mut p_hi) = (m, at_mode, m, at_mode);
        loop {
            let mut moved = false;
            if lo > 0 {
                p_lo *= lo as f64 / ((n - lo + 1) as f64 * odds);
                lo -= 1;
                u -= p_lo;
                if u < 0.0 {
                    return lo;
                }
                moved = true;
            }
            if hi < n {
                p_hi *= (n - hi) as f64 / (hi + 1) as f64 * odds;
                hi += 1;
                u -= p_hi;
                if u < 0.0 {
                    return hi;
                }
                moved = true;
            }
            // Rounding left a sliver of probability unassigned: give it to the mode.
            if !moved || (p_lo < 1e-300 && p_hi < 1e-300) {
                return m;
            }
        }
    }

    /// A fresh random seed from this stream (for the "new seed" button's fallback).
    pub fn fresh_seed(&mut self) -> u64 {
        self.next_u64() >> 11
    }
}

#[cfg(test)]
mod binomial_tests {
    use super::Stream;

    #[test]
    fn binomial_has_the_right_mean_and_variance() {
        let mut r = Stream::new(3, "test/binomial");
        for (n, p) in [(45u64, 0.01), (45, 0.3), (45, 0.9), (1000, 0.002), (7, 0.5)] {
            let draws: Vec<f64> = (0..40_000).map(|_| r.binomial(n, p) as f64).collect();
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / draws.len() as f64;
            let (m, v) = (n as f64 * p, n as f64 * p * (1.0 - p));
            assert!(
                (mean - m).abs() < 5.0 * (v / 40_000.0).sqrt(),
                "n {n} p {p}: mean {mean}"
            );
            assert!(
                (var / v - 1.0).abs() < 0.05,
                "n {n} p {p}: variance {var} vs {v}"
            );
            assert!(draws.iter().all(|&x| x <= n as f64));
        }
        assert_eq!(r.binomial(10, 0.0), 0);
        assert_eq!(r.binomial(10, 1.0), 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_purpose_same_numbers() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut s = Stream::new(7, "x");
                move |_| s.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut s = Stream::new(7, "x");
                move |_| s.next_u64()
            })
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn purposes_and_seeds_are_independent_streams() {
        let mut a = Stream::new(7, "resampling/monte-carlo");
        let mut b = Stream::new(7, "snowball/chains");
        let mut c = Stream::new(8, "resampling/monte-carlo");
        let x = a.next_u64();
        assert_ne!(x, b.next_u64());
        assert_ne!(x, c.next_u64());
    }

    #[test]
    fn golden_values_pin_the_algorithm() {
        // Pins ChaCha8 + FNV-1a stream ids with literal outputs: if one changes, every share
        // link changes its numbers.
        let mut s = Stream::new(DEFAULT_SEED, "golden");
        let draws: Vec<u64> = (0..3).map(|_| s.next_u64()).collect();
        assert_eq!(draws, PINNED_NEW);
        let mut r = Stream::indexed(DEFAULT_SEED, "golden", 7);
        assert_eq!(r.next_u64(), PINNED_INDEXED);
        assert_eq!(stream_id(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stream_id("a"), 0xaf63_dc4c_8601_ec8c);
    }

    const PINNED_NEW: [u64; 3] = [
        1_025_369_592_477_038_138,
        6_661_543_271_280_522_557,
        11_753_572_092_249_486_502,
    ];
    const PINNED_INDEXED: u64 = 2_465_203_559_596_013_589;

    #[test]
    fn uniform_mean_and_range() {
        let mut s = Stream::new(1, "u");
        let n = 200_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = s.uniform();
            assert!((0.0..1.0).contains(&u));
            sum += u;
        }
        assert!((sum / n as f64 - 0.5).abs() < 0.005);
    }

    #[test]
    fn beta_and_geometric_means() {
        let mut s = Stream::new(2, "b");
        let n = 100_000;
        let (a, b) = (0.7, 1.9);
        let mean: f64 = (0..n).map(|_| s.beta(a, b)).sum::<f64>() / n as f64;
        assert!((mean - a / (a + b)).abs() < 0.005, "{mean}");
        let p = 0.2;
        let gmean: f64 = (0..n).map(|_| s.geometric(p) as f64).sum::<f64>() / n as f64;
        assert!((gmean - 1.0 / p).abs() < 0.06, "{gmean}");
        let below: Vec<u64> = (0..1000).map(|_| s.below(3)).collect();
        assert!(below.iter().all(|&x| x < 3) && below.contains(&0) && below.contains(&2));
    }

    #[test]
    fn below_draws_what_testing_every_word_against_the_threshold_draws() {
        // The threshold-first form (a division per draw) the streams were drawn with before.
        fn reference(s: &mut Stream, n: u64) -> u64 {
            let threshold = n.wrapping_neg() % n;
            loop {
                let m = (s.next_u64() as u128) * (n as u128);
                if (m as u64) >= threshold {
                    return (m >> 64) as u64;
                }
            }
        }
        // Large n reject often (n = 2⁶³ + 1 rejects nearly half the words).
        for n in [1u64, 2, 3, 7, 255, 1 << 40, (1 << 63) + 1, u64::MAX - 2] {
            let (mut a, mut b) = (Stream::new(9, "test/below"), Stream::new(9, "test/below"));
            for _ in 0..2_000 {
                assert_eq!(a.below(n), reference(&mut b, n), "n {n}");
            }
        }
    }

    #[test]
    fn binomial_from_the_mode_has_the_binomial_law() {
        let mut rng = Stream::new(5, "test/binomial-mode");
        // Small n: every frequency against its probability.
        let (n, p, draws) = (6u64, 0.3, 200_000);
        let mut counts = [0u32; 7];
        for _ in 0..draws {
            counts[rng.binomial_from_mode(n, p) as usize] += 1;
        }
        for (k, &c) in counts.iter().enumerate() {
            let choose = (0..k).fold(1.0, |a, i| a * (n - i as u64) as f64 / (i + 1) as f64);
            let pk = choose * p.powi(k as i32) * (1.0 - p).powi((n - k as u64) as i32);
            let f = f64::from(c) / draws as f64;
            let sd = (pk * (1.0 - pk) / draws as f64).sqrt();
            assert!((f - pk).abs() < 5.0 * sd + 1e-6, "k {k}: {f} against {pk}");
        }
        // Large n: mean and variance.
        for &(n, p) in &[(1024u64, 0.7), (5000, 0.01), (300, 0.999)] {
            let draws = 20_000;
            let xs: Vec<f64> = (0..draws)
                .map(|_| rng.binomial_from_mode(n, p) as f64)
                .collect();
            let mean = xs.iter().sum::<f64>() / draws as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / draws as f64;
            let (m, v) = (n as f64 * p, n as f64 * p * (1.0 - p));
            assert!(
                (mean - m).abs() < 5.0 * (v / draws as f64).sqrt(),
                "{n} {p}: mean {mean}"
            );
            assert!(
                (var / v - 1.0).abs() < 0.06,
                "{n} {p}: var {var} against {v}"
            );
            assert!(xs.iter().all(|&x| x <= n as f64));
        }
        assert_eq!(rng.binomial_from_mode(0, 0.5), 0);
        assert_eq!(rng.binomial_from_mode(9, 1.0), 9);
        assert_eq!(rng.binomial_from_mode(9, 0.0), 0);
    }
}
