//! Guided lessons: for each lab a few stages, each setting the parameters, asking the learner to
//! predict a number the page is about to show, then revealing it with the size of the miss.
//! Stages are addressed in links (`lesson=<lab>&stage=<n>`); the truth of a stage is the page's
//! own number for that state ([`crate::golden::page_numbers`]).

use crate::share::{AppState, Lab};
use crate::sims::resampling::DifficultyModel;
use crate::sims::snowball::AnswerOrder;
use crate::sims::telephone::presets;

/// How a predicted number is read and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A share, typed as a percentage.
    Percent,
    /// A plain number.
    Number,
}

/// The prediction a stage asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ask {
    /// The `data-metric` whose value is the truth.
    pub metric: &'static str,
    pub question: &'static str,
    pub unit: Unit,
}

/// One stage of a lesson.
#[derive(Clone, Copy, Debug)]
pub struct Stage {
    pub title: &'static str,
    pub text: &'static str,
    /// Sets the lab's parameters for this stage (from the lab's defaults).
    pub apply: fn(&mut AppState),
    pub ask: Ask,
}

/// A lesson: its lab and stages.
#[derive(Clone, Debug)]
pub struct Lesson {
    pub lab: Lab,
    pub title: &'static str,
    pub stages: Vec<Stage>,
}

fn telephone(s: &mut AppState, id: &str) {
    s.telephone = presets()
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.params)
        .unwrap_or_default();
}

/// The lesson of `lab`, if it has one.
pub fn lesson(lab: Lab) -> Option<Lesson> {
    let percent = Unit::Percent;
    Some(match lab {
        Lab::Resampling => Lesson {
            lab,
            title: "Why resampling hits a ceiling",
            stages: vec![
                Stage {
                    title: "One sample",
                    text: "A model answers coding tasks: 58 % of them are easy (87 % of its samples are right), the rest hard (13 %). Take one sample per task.",
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                    },
                    ask: Ask { metric: "sim_single_sample_accuracy", question: "What share of tasks does one sample solve?", unit: percent },
                },
                Stage {
                    title: "Sample until the tests pass",
                    text: "Now draw samples until one passes the unit tests. But the tests are imperfect: a wrong sample passes a quarter of the time (soundness 0.75). With unlimited samples, where does accuracy end up?",
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                    },
                    ask: Ask { metric: "sim_ceiling", question: "Accuracy with unlimited resampling (the ceiling)?", unit: percent },
                },
                Stage {
                    title: "When a wrong answer costs",
                    text: "Say shipping a wrong answer costs as much as four right ones earn (λ = 4). More samples find more passing answers — right and wrong. What budget is best?",
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                        s.resampling.lambda = 4.0;
                    },
                    ask: Ask { metric: "sim_optimal_k", question: "The best number of samples k*?", unit: Unit::Number },
                },
                Stage {
                    title: "Better tests",
                    text: "Back to λ = 1, but with stricter tests: a wrong sample passes only 10 % of the time (soundness 0.9). How high is the ceiling now?",
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                        s.resampling.soundness = 0.9;
                    },
                    ask: Ask { metric: "sim_ceiling", question: "The ceiling with soundness 0.9?", unit: percent },
                },
            ],
        },
        Lab::Snowball => Lesson {
            lab,
            title: "How one wrong commitment snowballs",
            stages: vec![
                Stage {
                    title: "Answer first",
                    text: "The model states its answer in its first words, then justifies it in five more claims. Its first claim is wrong 30 % of the time.",
                    apply: |s| s.snowball = Default::default(),
                    ask: Ask { metric: "sb_wrong_answer", question: "What share of answers is wrong?", unit: percent },
                },
                Stage {
                    title: "Commitment",
                    text: "Once a false claim stands, the model stays consistent with it: later claims are false 80 % of the time instead of 30 %.",
                    apply: |s| s.snowball = Default::default(),
                    ask: Ask { metric: "sb_amplification", question: "How many times likelier is an error after an error (the amplification)?", unit: Unit::Number },
                },
                Stage {
                    title: "It knew better",
                    text: "Asked about each false claim alone, GPT-4 rejects 87 % of its own. A false claim it would reject alone but made anyway is snowballed.",
                    apply: |s| {
                        s.snowball = Default::default();
                        s.snowball.recognition = 0.87;
                    },
                    ask: Ask { metric: "sb_snowballed_share", question: "What share of false claims is snowballed?", unit: percent },
                },
                Stage {
                    title: "Let's think step by step",
                    text: "Now the model reasons first and answers last: the answer is wrong when any false claim stands in the reasoning.",
                    apply: |s| {
                        s.snowball = Default::default();
                        s.snowball.order = AnswerOrder::ReasonFirst;
                    },
                    ask: Ask { metric: "sb_wrong_answer", question: "What share of answers is wrong now?", unit: percent },
                },
                Stage {
                    title: "Check each claim alone",
                    text: "Back to answer-first, with a self-check: each claim is re-asked alone right after it is written, flagged when the model rejects it, and retried.",
                    apply: |s| {
                        s.snowball = Default::default();
                        s.snowball.self_check = true;
                    },
                    ask: Ask { metric: "sb_wrong_answer", question: "What share of answers is wrong with the self-check?", unit: percent },
                },
            ],
        },
        Lab::Telephone => Lesson {
            lab,
            title: "The broken telephone",
            stages: vec![
                Stage {
                    title: "English → French → English, 100 times",
                    text: "A Llama-like model translates a news passage to French and back, a hundred times. Even on the untouched passage the judge confirms slightly fewer than all of its facts.",
                    apply: |s| telephone(s, "llama-fr"),
                    ask: Ask { metric: "tel_factscore", question: "The FActScore-like precision after 100 iterations?", unit: percent },
                },
                Stage {
                    title: "Through Thai",
                    text: "Same model, but the pivot is Thai: a lower-resource language in another script.",
                    apply: |s| telephone(s, "llama-th"),
                    ask: Ask { metric: "tel_factscore", question: "The precision after 100 iterations through Thai?", unit: percent },
                },
                Stage {
                    title: "Two players",
                    text: "Back to French, but each hop is translated by Llama or Mistral at random. On its own, Mistral keeps fewer facts than Llama (try its preset afterwards).",
                    apply: |s| telephone(s, "two-player-fr"),
                    ask: Ask { metric: "tel_factscore", question: "The precision with two models taking turns at random?", unit: percent },
                },
                Stage {
                    title: "Greedy decoding",
                    text: "Llama, French, but decoding greedily (temperature ≈ 0): the text soon stops changing.",
                    apply: |s| telephone(s, "greedy"),
                    ask: Ask { metric: "tel_factscore", question: "The precision after 100 greedy iterations?", unit: percent },
                },
                Stage {
                    title: "The prompt matters",
                    text: "Llama, French, temperature 0.6, but with the bare prompt \"Translate the following text from English to French\".",
                    apply: |s| telephone(s, "simple"),
                    ask: Ask { metric: "tel_factscore", question: "The precision with the simple prompt?", unit: percent },
                },
            ],
        },
        _ => return None,
    })
}

/// The labs that have a lesson.
pub fn lesson_labs() -> Vec<Lab> {
    Lab::ALL
        .into_iter()
        .filter(|l| lesson(*l).is_some())
        .collect()
}

/// The state of stage `stage` (1-based) of `lab`'s lesson: the lab shown, the stage's
/// parameters, the seed kept.
pub fn stage_state(base: &AppState, lab: Lab, stage: u32) -> Option<AppState> {
    let l = lesson(lab)?;
    let st = l.stages.get(stage.checked_sub(1)? as usize)?;
    let mut s = base.clone();
    s.lab = lab;
    s.lesson = Some(lab);
    s.stage = stage;
    (st.apply)(&mut s);
    Some(s)
}

/// A value as the stage shows it ("55.9 %", "3").
pub fn show(unit: Unit, v: Option<f64>) -> String {
    match (unit, v) {
        (_, None) => "n/a".into(),
        (Unit::Percent, Some(v)) => format!("{:.1} %", 100.0 * v),
        (Unit::Number, Some(v)) => crate::charts::format_tick(v),
    }
}

/// The miss of a prediction, in words ("you said 40 %, it is 55.9 %: 15.9 points low").
pub fn miss(unit: Unit, guess: f64, truth: Option<f64>) -> String {
    let Some(t) = truth else {
        return "This stage has no number to compare with.".into();
    };
    match unit {
        Unit::Percent => {
            let d = 100.0 * (guess - t);
            let side = if d > 0.0 { "high" } else { "low" };
            if d.abs() < 0.05 {
                format!("It is {:.1} % — spot on.", 100.0 * t)
            } else {
                format!(
                    "It is {:.1} %; you said {:.1} % — {:.1} points {side}.",
                    100.0 * t,
                    100.0 * guess,
                    d.abs()
                )
            }
        }
        Unit::Number => {
            let d = guess - t;
            if d.abs() < 1e-9 * t.abs().max(1.0) {
                format!("It is {} — spot on.", crate::charts::format_tick(t))
            } else {
                format!(
                    "It is {}; you said {} — off by {}.",
                    crate::charts::format_tick(t),
                    crate::charts::format_tick(guess),
                    crate::charts::format_tick(d.abs())
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::golden::page_numbers;

    #[test]
    fn every_stage_has_a_number_to_reveal_and_round_trips_through_a_link() {
        for lab in lesson_labs() {
            let l = lesson(lab).unwrap();
            assert!((4..=6).contains(&l.stages.len()), "{}", l.title);
            for (i, st) in l.stages.iter().enumerate() {
                let s = stage_state(&AppState::default(), lab, i as u32 + 1).unwrap();
                let truth = page_numbers(&s).get(st.ask.metric).copied().flatten();
                assert!(
                    truth.is_some(),
                    "{} / {}: no {}",
                    l.title,
                    st.title,
                    st.ask.metric
                );
                let back = AppState::decode(&s.encode());
                assert!(back.warnings.is_empty());
                assert_eq!(back.state, s, "{} / {}", l.title, st.title);
            }
        }
    }

    #[test]
    fn misses_in_words() {
        assert_eq!(
            miss(Unit::Percent, 0.4, Some(0.559)),
            "It is 55.9 %; you said 40.0 % — 15.9 points low."
        );
        assert_eq!(miss(Unit::Number, 2.0, Some(2.0)), "It is 2 — spot on.");
        assert_eq!(
            miss(Unit::Number, 5.0, Some(1.0)),
            "It is 1; you said 5 — off by 4."
        );
    }
}
