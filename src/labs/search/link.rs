//! The search lab's link keys: sdf, sa, sb, sw, spe, sph, sm, sz, sdp, sbi, sn, sst, sbw (README, "Share
//! links"), and the control groups a lesson link can hide.

use super::sim::{Difficulty, SearchParams};
use crate::link::{Decoder, Encoder, Keyed};

impl Keyed for Difficulty {
    const ALL: &'static [Self] = &[Difficulty::Beta, Difficulty::Two];
    fn key(self) -> &'static str {
        match self {
            Difficulty::Beta => "beta",
            Difficulty::Two => "two",
        }
    }
}

/// The control groups a lesson link can hide (`hide=`), with the ids of their labels in `text/`.
pub const CONTROL_GROUPS: &[(&str, &str)] = &[
    ("presets", "group.presets"),
    ("difficulty", "group.difficulty"),
    ("answers", "group.answers"),
    ("scorer", "group.scorer"),
    ("beam", "group.beam"),
    ("uploads", "group.uploads"),
];

/// Reads the lab's parameters from a link.
pub fn decode(d: &mut Decoder) -> SearchParams {
    let def = SearchParams::default();
    SearchParams {
        difficulty: d.keyed("sdf", def.difficulty),
        alpha: d.f64("sa", def.alpha, 0.05, 20.0),
        beta: d.f64("sb", def.beta, 0.05, 20.0),
        share_easy: d.f64("sw", def.share_easy, 0.0, 1.0),
        p_easy: d.f64("spe", def.p_easy, 0.0, 1.0),
        p_hard: d.f64("sph", def.p_hard, 0.0, 1.0),
        distractors: d.u64(
            "sm",
            def.distractors as u64,
            1,
            SearchParams::MAX_DISTRACTORS as u64,
        ) as u32,
        zipf: d.f64("sz", def.zipf, 0.0, 8.0),
        dprime: d.f64("sdp", def.dprime, 0.0, 8.0),
        bias: d.f64("sbi", def.bias, 0.0, 8.0),
        n_max: d.u64("sn", def.n_max as u64, 2, SearchParams::MAX_N as u64) as u32,
        steps: d.u64("sst", def.steps as u64, 1, SearchParams::MAX_STEPS as u64) as u32,
        beams: d.u64("sbw", def.beams as u64, 1, SearchParams::MAX_BEAMS as u64) as u32,
    }
}

/// Writes the parameters that differ from the defaults.
pub fn encode(p: &SearchParams, e: &mut Encoder) {
    let def = SearchParams::default();
    e.keyed("sdf", p.difficulty, def.difficulty);
    e.f64("sa", p.alpha, def.alpha);
    e.f64("sb", p.beta, def.beta);
    e.f64("sw", p.share_easy, def.share_easy);
    e.f64("spe", p.p_easy, def.p_easy);
    e.f64("sph", p.p_hard, def.p_hard);
    e.u64("sm", p.distractors as u64, def.distractors as u64);
    e.f64("sz", p.zipf, def.zipf);
    e.f64("sdp", p.dprime, def.dprime);
    e.f64("sbi", p.bias, def.bias);
    e.u64("sn", p.n_max as u64, def.n_max as u64);
    e.u64("sst", p.steps as u64, def.steps as u64);
    e.u64("sbw", p.beams as u64, def.beams as u64);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_bad_values_are_clamped_with_a_warning() {
        let p = SearchParams {
            difficulty: Difficulty::Two,
            alpha: 0.74,
            distractors: 10,
            zipf: 0.75,
            dprime: 4.0,
            bias: 3.25,
            n_max: 300,
            steps: 7,
            beams: 16,
            ..SearchParams::default()
        };
        let mut e = Encoder::new();
        encode(&p, &mut e);
        let q = e.finish();
        assert!(
            q.contains("sdf=two")
                && q.contains("sm=10")
                && q.contains("sn=300")
                && q.contains("sst=7")
                && q.contains("sbw=16"),
            "{q}"
        );
        let mut d = Decoder::new(&q);
        assert_eq!(decode(&mut d), p);
        assert!(d.warnings.is_empty());
        let mut d = Decoder::new("sn=5000&sm=0&sdf=gamma&sdp=nan&sbw=0");
        let got = decode(&mut d);
        assert_eq!(got.n_max, SearchParams::MAX_N);
        assert_eq!(got.distractors, 1);
        assert_eq!(got.difficulty, Difficulty::Beta);
        assert_eq!(got.dprime, SearchParams::default().dprime);
        assert_eq!(got.beams, 1);
        assert_eq!(d.warnings.len(), 5, "{:?}", d.warnings);
    }
}
