//! The snowball lab's link keys: so, st, e, eps, es, rho, sc, phi, d, q (README, "Share links"), and
//! the control groups a lesson link can hide.

use super::sim::{AnswerOrder, SnowballParams};
use crate::link::{Decoder, Encoder, Keyed};

impl Keyed for AnswerOrder {
    const ALL: &'static [Self] = &[AnswerOrder::AnswerFirst, AnswerOrder::ReasonFirst];
    fn key(self) -> &'static str {
        match self {
            AnswerOrder::AnswerFirst => "answer",
            AnswerOrder::ReasonFirst => "reason",
        }
    }
}

/// The control groups a lesson link can hide (`hide=`), with the ids of their labels in `text/`.
pub const CONTROL_GROUPS: &[(&str, &str)] = &[
    ("presets", "group.presets"),
    ("response", "group.response"),
    ("self-check", "group.self-check"),
    ("datasets", "group.datasets"),
    ("uploads", "group.uploads"),
];

/// Reads the lab's parameters from a link.
pub fn decode(d: &mut Decoder) -> SnowballParams {
    let def = SnowballParams::default();
    SnowballParams {
        order: d.keyed("so", def.order),
        steps: d.u64("st", def.steps as u64, 1, SnowballParams::MAX_STEPS as u64) as u32,
        base_error: d.f64("e", def.base_error, 0.0, 1.0),
        step_error: d.f64("eps", def.step_error, 0.0, 1.0),
        committed_error: d.f64("es", def.committed_error, 0.0, 1.0),
        recognition: d.f64("rho", def.recognition, 0.0, 1.0),
        self_check: d.flag("sc", def.self_check),
        false_alarm: d.f64("phi", def.false_alarm, 0.0, 1.0),
        detection: d.f64("d", def.detection, 0.0, 1.0),
        retry_success: d.f64("q", def.retry_success, 0.0, 1.0),
    }
}

/// Writes the parameters that differ from the defaults.
pub fn encode(p: &SnowballParams, e: &mut Encoder) {
    let def = SnowballParams::default();
    e.keyed("so", p.order, def.order);
    e.u64("st", p.steps as u64, def.steps as u64);
    e.f64("e", p.base_error, def.base_error);
    e.f64("eps", p.step_error, def.step_error);
    e.f64("es", p.committed_error, def.committed_error);
    e.f64("rho", p.recognition, def.recognition);
    e.flag("sc", p.self_check, def.self_check);
    e.f64("phi", p.false_alarm, def.false_alarm);
    e.f64("d", p.detection, def.detection);
    e.f64("q", p.retry_success, def.retry_success);
}
