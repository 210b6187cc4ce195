//! The search lab's guided lesson: more samples find more right answers than any way of
//! choosing among them can keep.

use super::sim::{presets, SearchParams};
use crate::labs::spec::{Ask, Lesson, Stage, Unit};
use crate::state::{AppState, Lab};
use crate::text::t;

fn preset(key: &str) -> SearchParams {
    presets()
        .into_iter()
        .find(|p| p.0 == key)
        .map(|p| p.2)
        .unwrap_or_default()
}

/// The lesson.
pub fn lesson() -> Lesson {
    let percent = Unit::Percent;
    let stage =
        |n: &'static [&'static str; 4], apply: fn(&mut AppState), metric: &'static str| Stage {
            title: t(n[0]),
            text: t(n[1]),
            apply,
            ask: Ask {
                metric,
                question: t(n[2]),
                unit: percent,
            },
            why: n[3],
            chart: "search-sim-curves",
        };
    Lesson {
        lab: Lab::Search,
        title: t("lesson.search.title"),
        stages: vec![
            stage(
                &[
                    "lesson.search.1.title",
                    "lesson.search.1.text",
                    "lesson.search.1.question",
                    "lesson.search.1.why",
                ],
                |s| s.search = preset("ovm"),
                "search_sim_best",
            ),
            stage(
                &[
                    "lesson.search.2.title",
                    "lesson.search.2.text",
                    "lesson.search.2.question",
                    "lesson.search.2.why",
                ],
                |s| s.search = preset("ovm"),
                "search_sim_majority",
            ),
            stage(
                &[
                    "lesson.search.3.title",
                    "lesson.search.3.text",
                    "lesson.search.3.question",
                    "lesson.search.3.why",
                ],
                |s| s.search = preset("chen-rise"),
                "search_sim_majority",
            ),
            stage(
                &[
                    "lesson.search.4.title",
                    "lesson.search.4.text",
                    "lesson.search.4.question",
                    "lesson.search.4.why",
                ],
                |s| s.search = preset("reward-hacking"),
                "search_sim_best",
            ),
            stage(
                &[
                    "lesson.search.5.title",
                    "lesson.search.5.text",
                    "lesson.search.5.question",
                    "lesson.search.5.why",
                ],
                |s| {
                    s.search = SearchParams {
                        dprime: 0.5,
                        n_max: 1024,
                        ..SearchParams::default()
                    }
                },
                "search_sim_gap",
            ),
        ],
    }
}
