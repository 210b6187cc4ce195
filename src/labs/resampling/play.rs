//! Watching resampling happen: tasks played one at a time, each drawing samples until the
//! verifier accepts one (or the budget runs out), from the same model as the exact curve and the
//! Monte Carlo run. The first tasks are shown draw by draw, later ones a task at a time, then ten
//! at a time, and the tasks played so far draw their own accuracy curve over the exact one.

use serde::Serialize;

use crate::labs::resampling::sim::{dot_budgets, draw_task, ResamplingParams, TaskMix, TaskType};
use crate::play::{Parts, Unfold};
use crate::rng::Stream;
use crate::stats::{wilson, Estimate};

/// What the verifier did with one sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Draw {
    /// Rejected (`correct` says whether the sample was in fact right: a miss).
    Rejected { correct: bool },
    /// Accepted and correct: the task is solved.
    Correct,
    /// Accepted but wrong: a false positive, returned as the answer.
    FalsePositive,
}

/// One played task: its single-sample accuracy and its draws (the last one accepted, or
/// `k_max` rejections).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlayedTask {
    pub p_correct: f64,
    pub draws: Vec<Draw>,
}

impl PlayedTask {
    /// The verifier's verdict on the task: `Some(true)` solved, `Some(false)` a false positive
    /// returned, `None` nothing accepted within the budget.
    pub fn outcome(&self) -> Option<bool> {
        match self.draws.last() {
            Some(Draw::Correct) => Some(true),
            Some(Draw::FalsePositive) => Some(false),
            _ => None,
        }
    }

    /// The budget at which a sample was accepted.
    pub fn accepted_at(&self) -> Option<u32> {
        self.outcome().map(|_| self.draws.len() as u32)
    }
}

/// Task `index` of the played sequence (its own sub-stream of the seed, so task 7 is the same
/// task however it was reached), drawing up to `k_max` samples.
pub fn play_task(
    params: &ResamplingParams,
    file: Option<&TaskMix>,
    seed: u64,
    index: u32,
) -> PlayedTask {
    let mut rng = Stream::indexed(seed, "resampling/play", index as u64);
    let types: &[TaskType] = file.map(|m| m.types.as_slice()).unwrap_or(&[]);
    let task = draw_task(params, types, &mut rng);
    // P(accept | correct) and P(accept | wrong) from the task's joint probabilities.
    let accept_right = if task.correct > 0.0 {
        (task.tp / task.correct).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let accept_wrong = if task.correct < 1.0 {
        (task.fp / (1.0 - task.correct)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mut draws = Vec::new();
    for _ in 0..params.k_max.max(1) {
        let correct = rng.bernoulli(task.correct);
        let accepted = rng.bernoulli(if correct { accept_right } else { accept_wrong });
        let draw = match (accepted, correct) {
            (true, true) => Draw::Correct,
            (true, false) => Draw::FalsePositive,
            (false, correct) => Draw::Rejected { correct },
        };
        draws.push(draw);
        if accepted {
            break;
        }
    }
    PlayedTask {
        p_correct: task.correct,
        draws,
    }
}

/// The most tasks a play goes through before it stops.
pub const PLAY_TASKS: usize = 2000;

impl Parts for PlayedTask {
    fn parts(&self) -> usize {
        self.draws.len()
    }
}

/// The state of a play: the tasks so far, the last one perhaps still drawing.
pub type Play = Unfold<PlayedTask>;

/// One step of a play of the lab's model (see [`Unfold::advance`]).
pub fn advance(
    play: &mut Play,
    params: &ResamplingParams,
    file: Option<&TaskMix>,
    seed: u64,
) -> bool {
    play.advance(PLAY_TASKS, |i| play_task(params, file, seed, i as u32))
}

/// Counts over the tasks played.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    pub tasks: u32,
    pub draws: u64,
    pub correct: u32,
    pub false_positive: u32,
    pub gave_up: u32,
}

/// Counts over the tasks whose verdict is shown.
pub fn tally(play: &Play) -> Tally {
    let mut t = Tally::default();
    for task in play.finished() {
        t.tasks += 1;
        t.draws += task.draws.len() as u64;
        match task.outcome() {
            Some(true) => t.correct += 1,
            Some(false) => t.false_positive += 1,
            None => t.gave_up += 1,
        }
    }
    t
}

/// Accuracy at each dot budget up to `k_max` over the finished tasks (the share solved with at
/// most k samples), with a Wilson 95 % interval: the curve the played tasks draw.
pub fn curve(play: &Play, k_max: u32) -> Vec<(u32, Estimate)> {
    let done = play.finished();
    if done.is_empty() {
        return Vec::new();
    }
    dot_budgets(k_max)
        .into_iter()
        .map(|k| {
            let solved = done
                .iter()
                .filter(|t| t.outcome() == Some(true) && t.accepted_at().is_some_and(|a| a <= k))
                .count();
            (k, wilson(solved as f64, done.len() as f64))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> ResamplingParams {
        ResamplingParams {
            k_max: 50,
            ..ResamplingParams::default()
        }
    }

    #[test]
    fn a_task_draws_until_the_verifier_accepts_or_the_budget_ends() {
        let p = params();
        for i in 0..300 {
            let t = play_task(&p, None, 7, i);
            assert!(!t.draws.is_empty() && t.draws.len() <= 50);
            let (last, before) = t.draws.split_last().unwrap();
            assert!(before.iter().all(|d| matches!(d, Draw::Rejected { .. })));
            if !matches!(last, Draw::Correct | Draw::FalsePositive) {
                assert_eq!(
                    t.draws.len(),
                    50,
                    "stopped before the budget without an acceptance"
                );
            }
        }
        // The same index gives the same task, another seed another sequence.
        assert_eq!(play_task(&p, None, 7, 3), play_task(&p, None, 7, 3));
        let a: Vec<_> = (0..20).map(|i| play_task(&p, None, 7, i)).collect();
        let b: Vec<_> = (0..20).map(|i| play_task(&p, None, 8, i)).collect();
        assert_ne!(a, b);
    }

    /// Tasks appear draw by draw, a task's tally only once its verdict is shown, and the
    /// counts add up over a whole play.
    #[test]
    fn the_tally_counts_finished_tasks() {
        let p = params();
        let mut play = Play::default();
        assert!(advance(&mut play, &p, None, 1));
        assert_eq!(tally(&play).tasks, u32::from(!play.unfolding()));
        while advance(&mut play, &p, None, 1) {}
        assert_eq!(play.items.len(), PLAY_TASKS);
        let t = tally(&play);
        assert_eq!(t.tasks as usize, PLAY_TASKS);
        assert_eq!(t.correct + t.false_positive + t.gave_up, t.tasks);
        let draws: usize = play.items.iter().map(|t| t.draws.len()).sum();
        assert_eq!(t.draws as usize, draws);
    }

    /// The played tasks follow the exact curve: with 2 000 tasks the exact accuracy at every
    /// dot budget lies within the played interval widened to 4 standard errors.
    #[test]
    fn played_tasks_draw_the_exact_curve() {
        let p = params();
        let mix = TaskMix::from_params(&p, None);
        let exact = mix.curve(p.k_max, 0.0, 0.0);
        let mut play = Play::default();
        while advance(&mut play, &p, None, 11) {}
        let curve = curve(&play, p.k_max);
        assert!(!curve.is_empty());
        for (k, e) in curve {
            let want = exact[k as usize - 1].accuracy;
            let se = (want * (1.0 - want) / PLAY_TASKS as f64).sqrt();
            assert!(
                (e.mean - want).abs() < 4.0 * se,
                "k = {k}: played {} vs exact {want}",
                e.mean
            );
        }
    }
}
