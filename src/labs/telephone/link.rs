//! The telephone lab's link keys: tm (models), tl (bridge languages), tt (temperature, or `auto`
//! for each model's own), tp (prompt), ti (iterations), tf (facts), tmu (share mutated) (README,
//! "Share links"), and the control groups a lesson link can hide. The keys of models, languages
//! and prompts are the sim types' own ([`Keyed`]).

use super::sim::{Lang, Model, Prompt, TelephoneParams};
use crate::link::{Decoder, Encoder, Keyed};

/// The control groups a lesson link can hide (`hide=`), with the ids of their labels in `text/`.
pub const CONTROL_GROUPS: &[(&str, &str)] = &[
    ("presets", "group.presets"),
    ("chain", "group.chain"),
    ("decoding", "group.decoding"),
    ("passage", "group.passage"),
    ("text-view", "group.text-view"),
    ("uploads", "group.uploads"),
];

impl Keyed for Model {
    const ALL: &'static [Self] = &Model::ALL;
    fn key(self) -> &'static str {
        Model::key(self)
    }
}

impl Keyed for Lang {
    const ALL: &'static [Self] = &Lang::ALL;
    fn key(self) -> &'static str {
        Lang::key(self)
    }
}

impl Keyed for Prompt {
    const ALL: &'static [Self] = &[Prompt::Simple, Prompt::Base, Prompt::Constrained];
    fn key(self) -> &'static str {
        Prompt::key(self)
    }
}

/// Reads the lab's parameters from a link.
pub fn decode(d: &mut Decoder) -> TelephoneParams {
    let def = TelephoneParams::default();
    let temperature = match d.peek("tt").map(|v| v.trim().to_ascii_lowercase()) {
        None => def.temperature,
        Some(v) if v == "auto" => None,
        Some(_) => Some(d.f64("tt", 0.6, 0.0, 2.0)),
    };
    TelephoneParams {
        models: d.keyed_list("tm", &def.models, 3),
        langs: d.keyed_list("tl", &def.langs, 4),
        temperature,
        prompt: d.keyed("tp", def.prompt),
        iterations: d.u64(
            "ti",
            def.iterations as u64,
            1,
            TelephoneParams::MAX_ITERATIONS as u64,
        ) as u32,
        facts: d.u64("tf", def.facts as u64, 5, TelephoneParams::MAX_FACTS as u64) as u32,
        mutate: d.f64("tmu", def.mutate, 0.0, 1.0),
        calibration: def.calibration,
    }
}

/// Writes the parameters that differ from the defaults.
pub fn encode(p: &TelephoneParams, e: &mut Encoder) {
    let def = TelephoneParams::default();
    e.keyed_list("tm", &p.models, &def.models);
    e.keyed_list("tl", &p.langs, &def.langs);
    if p.temperature != def.temperature {
        match p.temperature {
            Some(t) => e.f64("tt", t, f64::NAN),
            None => e.str("tt", "auto", ""),
        }
    }
    e.keyed("tp", p.prompt, def.prompt);
    e.u64("ti", p.iterations as u64, def.iterations as u64);
    e.u64("tf", p.facts as u64, def.facts as u64);
    e.f64("tmu", p.mutate, def.mutate);
}
