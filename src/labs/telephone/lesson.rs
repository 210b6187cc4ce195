//! The telephone lab's guided lesson: a message drifts as models pass it on.

use super::sim::presets;
use crate::labs::spec::{Ask, Lesson, Stage, Unit};
use crate::state::{AppState, Lab};
use crate::text::t;

fn telephone(s: &mut AppState, id: &str) {
    s.telephone = presets()
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.params)
        .unwrap_or_default();
}

/// The lesson.
pub fn lesson() -> Lesson {
    let percent = Unit::Percent;
    Lesson {
        lab: Lab::Telephone,
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
                why: "lesson.telephone.1.why",
                chart: "telephone-decay",
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
                why: "lesson.telephone.2.why",
                chart: "telephone-decay",
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
                why: "lesson.telephone.3.why",
                chart: "telephone-decay",
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
                why: "lesson.telephone.4.why",
                chart: "telephone-decay",
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
                why: "lesson.telephone.5.why",
                chart: "telephone-decay",
            },
        ],
    }
}
