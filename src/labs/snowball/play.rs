//! Watching a snowball: responses written claim by claim from the lab's model (the same as the
//! exact result and the Monte Carlo run), the first ones a claim per step; the responses written
//! so far put their own P(claim i false) by position on the chart, overall and once a false
//! claim stands, so the jump after the first false claim shows in drawn data too.

use serde::Serialize;

use crate::labs::snowball::sim::{sample_response, SampledResponse, SnowballParams, StepOutcome};
use crate::play::{Parts, Unfold};
use crate::rng::Stream;
use crate::stats::{wilson, Estimate};

/// The most responses a play writes.
pub const PLAY_RESPONSES: usize = 2000;

impl Parts for SampledResponse {
    fn parts(&self) -> usize {
        self.steps.len()
    }
}

/// The responses written so far, the last perhaps still being written.
pub type Play = Unfold<SampledResponse>;

/// Response `i` of a play: its own sub-stream of the seed.
pub fn response(p: &SnowballParams, seed: u64, i: usize) -> SampledResponse {
    sample_response(p, &mut Stream::indexed(seed, "snowball/play", i as u64))
}

/// One step of a play (see [`Unfold::advance`]).
pub fn advance(play: &mut Play, p: &SnowballParams, seed: u64) -> bool {
    play.advance(PLAY_RESPONSES, |i| response(p, seed, i))
}

/// Whether a claim stands false.
pub fn is_false(o: StepOutcome) -> bool {
    matches!(
        o,
        StepOutcome::FirstError | StepOutcome::Snowballed | StepOutcome::LaterError
    )
}

/// What the finished responses show, position by position.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Played {
    pub responses: usize,
    pub wrong_answers: usize,
    /// P(claim i false) over the responses written, with a Wilson 95 % interval.
    pub by_position: Vec<Estimate>,
    /// P(claim i false | a false claim stands before it); `None` where no response had one.
    pub after_false: Vec<Option<Estimate>>,
}

/// Counts over the finished responses of a play.
pub fn played(play: &Play, steps: usize) -> Played {
    let done = play.finished();
    let mut falses = vec![0usize; steps];
    let mut after = vec![(0usize, 0usize); steps]; // (false, with a false claim before)
    let mut wrong_answers = 0;
    for r in done {
        wrong_answers += usize::from(r.wrong_answer);
        let mut committed = false;
        for (i, s) in r.steps.iter().enumerate().take(steps) {
            let f = is_false(*s);
            if f {
                falses[i] += 1;
            }
            if committed {
                after[i].1 += 1;
                after[i].0 += usize::from(f);
            }
            committed |= f;
        }
    }
    let n = done.len() as f64;
    Played {
        responses: done.len(),
        wrong_answers,
        by_position: falses.iter().map(|&f| wilson(f as f64, n)).collect(),
        after_false: after
            .iter()
            .map(|&(f, m)| (m > 0).then(|| wilson(f as f64, m as f64)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::snowball::sim::exact;

    /// Two thousand written responses give P(claim i false) overall and after a false claim
    /// within four standard errors of the exact model's, and the wrong-answer count adds up.
    #[test]
    fn written_responses_follow_the_exact_model() {
        let p = SnowballParams::default();
        let x = exact(&p);
        let mut play = Play::default();
        while advance(&mut play, &p, 5) {}
        let n = p.steps as usize;
        let got = played(&play, n);
        assert_eq!(got.responses, PLAY_RESPONSES);
        let wrong = play.items.iter().filter(|r| r.wrong_answer).count();
        assert_eq!(got.wrong_answers, wrong);
        for i in 0..n {
            let want = x.by_position[i];
            let se = (want * (1.0 - want) / PLAY_RESPONSES as f64)
                .sqrt()
                .max(1e-3);
            assert!(
                (got.by_position[i].mean - want).abs() < 4.0 * se,
                "position {i}"
            );
            if let (Some(a), true) = (got.after_false[i], x.by_position_committed[i].is_finite()) {
                // The Wilson interval spans about four standard errors: twice it is eight.
                let want = x.by_position_committed[i];
                assert!(
                    (a.mean - want).abs() < 2.0 * (a.hi - a.lo) + 1e-3,
                    "after, position {i}: {a:?} vs {want}"
                );
            }
        }
        // The jump: after a false claim, a claim is far likelier false than overall.
        let later: Vec<_> = (1..n)
            .filter_map(|i| got.after_false[i].map(|a| (a.mean, got.by_position[i].mean)))
            .collect();
        assert!(later.iter().all(|(a, all)| a > all), "{later:?}");
    }

    #[test]
    fn a_response_is_written_claim_by_claim_and_is_the_same_each_time() {
        let p = SnowballParams::default();
        let mut play = Play::default();
        for k in 1..=p.steps as usize {
            assert!(advance(&mut play, &p, 9));
            assert_eq!((play.items.len(), play.shown), (1, k));
        }
        assert!(played(&play, p.steps as usize).responses == 1);
        assert_eq!(play.items[0], response(&p, 9, 0));
    }
}
