//! Guided lessons: for each lab a few stages, each setting the parameters, asking the learner to
//! predict a number the page is about to show, then revealing it with the size of the miss.
//! Stages are addressed in links (`lesson=<lab>&stage=<n>`); the truth of a stage is the page's
//! own number for that state ([`crate::golden::page_numbers`]).

use crate::charts::format_tick;
use crate::share::{AppState, Lab};
use crate::sims::resampling::DifficultyModel;
use crate::sims::snowball::AnswerOrder;
use crate::sims::telephone::presets;
use crate::text::t;
use crate::tr;

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
            title: t("lesson.resampling.title"),
            stages: vec![
                Stage {
                    title: t("lesson.resampling.1.title"),
                    text: t("lesson.resampling.1.text"),
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                    },
                    ask: Ask {
                        metric: "sim_single_sample_accuracy",
                        question: t("lesson.resampling.1.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.resampling.2.title"),
                    text: t("lesson.resampling.2.text"),
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                    },
                    ask: Ask {
                        metric: "sim_ceiling",
                        question: t("lesson.resampling.2.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.resampling.3.title"),
                    text: t("lesson.resampling.3.text"),
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                        s.resampling.lambda = 4.0;
                    },
                    ask: Ask {
                        metric: "sim_optimal_k",
                        question: t("lesson.resampling.3.question"),
                        unit: Unit::Number,
                    },
                },
                Stage {
                    title: t("lesson.resampling.4.title"),
                    text: t("lesson.resampling.4.text"),
                    apply: |s| {
                        s.resampling = Default::default();
                        s.resampling.difficulty = DifficultyModel::TwoType;
                        s.resampling.soundness = 0.9;
                    },
                    ask: Ask {
                        metric: "sim_ceiling",
                        question: t("lesson.resampling.4.question"),
                        unit: percent,
                    },
                },
            ],
        },
        Lab::Snowball => Lesson {
            lab,
            title: t("lesson.snowball.title"),
            stages: vec![
                Stage {
                    title: t("lesson.snowball.1.title"),
                    text: t("lesson.snowball.1.text"),
                    apply: |s| s.snowball = Default::default(),
                    ask: Ask {
                        metric: "sb_wrong_answer",
                        question: t("lesson.snowball.1.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.snowball.2.title"),
                    text: t("lesson.snowball.2.text"),
                    apply: |s| s.snowball = Default::default(),
                    ask: Ask {
                        metric: "sb_amplification",
                        question: t("lesson.snowball.2.question"),
                        unit: Unit::Number,
                    },
                },
                Stage {
                    title: t("lesson.snowball.3.title"),
                    text: t("lesson.snowball.3.text"),
                    apply: |s| {
                        s.snowball = Default::default();
                        s.snowball.recognition = 0.87;
                    },
                    ask: Ask {
                        metric: "sb_snowballed_share",
                        question: t("lesson.snowball.3.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.snowball.4.title"),
                    text: t("lesson.snowball.4.text"),
                    apply: |s| {
                        s.snowball = Default::default();
                        s.snowball.order = AnswerOrder::ReasonFirst;
                    },
                    ask: Ask {
                        metric: "sb_wrong_answer",
                        question: t("lesson.snowball.4.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.snowball.5.title"),
                    text: t("lesson.snowball.5.text"),
                    apply: |s| {
                        s.snowball = Default::default();
                        s.snowball.self_check = true;
                    },
                    ask: Ask {
                        metric: "sb_wrong_answer",
                        question: t("lesson.snowball.5.question"),
                        unit: percent,
                    },
                },
            ],
        },
        Lab::Telephone => Lesson {
            lab,
            title: t("lesson.telephone.title"),
            stages: vec![
                Stage {
                    title: t("lesson.telephone.1.title"),
                    text: t("lesson.telephone.1.text"),
                    apply: |s| telephone(s, "llama-fr"),
                    ask: Ask {
                        metric: "tel_factscore",
                        question: t("lesson.telephone.1.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.telephone.2.title"),
                    text: t("lesson.telephone.2.text"),
                    apply: |s| telephone(s, "llama-th"),
                    ask: Ask {
                        metric: "tel_factscore",
                        question: t("lesson.telephone.2.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.telephone.3.title"),
                    text: t("lesson.telephone.3.text"),
                    apply: |s| telephone(s, "two-player-fr"),
                    ask: Ask {
                        metric: "tel_factscore",
                        question: t("lesson.telephone.3.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.telephone.4.title"),
                    text: t("lesson.telephone.4.text"),
                    apply: |s| telephone(s, "greedy"),
                    ask: Ask {
                        metric: "tel_factscore",
                        question: t("lesson.telephone.4.question"),
                        unit: percent,
                    },
                },
                Stage {
                    title: t("lesson.telephone.5.title"),
                    text: t("lesson.telephone.5.text"),
                    apply: |s| telephone(s, "simple"),
                    ask: Ask {
                        metric: "tel_factscore",
                        question: t("lesson.telephone.5.question"),
                        unit: percent,
                    },
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
        (_, None) => t("widget.metric.na").into(),
        (Unit::Percent, Some(v)) => format!("{:.1} %", 100.0 * v),
        (Unit::Number, Some(v)) => crate::charts::format_tick(v),
    }
}

/// The miss of a prediction, in words ("you said 40 %, it is 55.9 %: 15.9 points low").
pub fn miss(unit: Unit, guess: f64, truth: Option<f64>) -> String {
    let Some(t) = truth else {
        return t("lesson.miss.none").into();
    };
    match unit {
        Unit::Percent => {
            let d = 100.0 * (guess - t);
            let truth = format!("{:.1}", 100.0 * t);
            let guess = format!("{:.1}", 100.0 * guess);
            let off = format!("{:.1}", d.abs());
            if d.abs() < 0.05 {
                tr!("lesson.miss.percent.exact", truth = truth)
            } else if d > 0.0 {
                tr!(
                    "lesson.miss.percent.high",
                    truth = truth,
                    guess = guess,
                    off = off
                )
            } else {
                tr!(
                    "lesson.miss.percent.low",
                    truth = truth,
                    guess = guess,
                    off = off
                )
            }
        }
        Unit::Number => {
            let d = guess - t;
            if d.abs() < 1e-9 * t.abs().max(1.0) {
                tr!("lesson.miss.number.exact", truth = format_tick(t))
            } else {
                tr!(
                    "lesson.miss.number.off",
                    truth = format_tick(t),
                    guess = format_tick(guess),
                    off = format_tick(d.abs())
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
