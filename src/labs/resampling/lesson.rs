//! The resampling lab's guided lesson: a verifier's false positives cap what resampling reaches.

use super::sim::DifficultyModel;
use crate::labs::spec::{Ask, Lesson, Stage, Unit};
use crate::state::Lab;
use crate::text::t;

/// The lesson.
pub fn lesson() -> Lesson {
    let percent = Unit::Percent;
    Lesson {
        lab: Lab::Resampling,
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
                why: "lesson.resampling.1.why",
                chart: "resampling-outcomes",
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
                why: "lesson.resampling.2.why",
                chart: "resampling-outcomes",
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
                why: "lesson.resampling.3.why",
                chart: "resampling-utility",
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
                why: "lesson.resampling.4.why",
                chart: "resampling-outcomes",
            },
        ],
    }
}
