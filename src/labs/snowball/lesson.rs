//! The snowball lab's guided lesson: a wrong first commitment breeds more.

use super::sim::AnswerOrder;
use crate::labs::spec::{Ask, Lesson, Stage, Unit};
use crate::state::Lab;
use crate::text::t;

/// The lesson.
pub fn lesson() -> Lesson {
    let percent = Unit::Percent;
    Lesson {
        lab: Lab::Snowball,
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
                why: "lesson.snowball.1.why",
                chart: "snowball-by-position",
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
                why: "lesson.snowball.2.why",
                chart: "snowball-by-position",
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
                why: "lesson.snowball.3.why",
                chart: "snowball-by-position",
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
                why: "lesson.snowball.4.why",
                chart: "snowball-by-position",
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
                why: "lesson.snowball.5.why",
                chart: "snowball-by-position",
            },
        ],
    }
}
