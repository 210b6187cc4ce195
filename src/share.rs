//! Share links: the one typed, versioned codec between the app's parameters and the URL.
//!
//! All URL keys of every lab live in this file, so two labs can never claim the same key.
//! Encoding writes `v=1` and then only values that differ from their defaults, in a fixed order.
//! Decoding never fails: it validates and clamps each value, ignores unknown keys, and returns
//! [`LinkWarning`]s that the page shows ("2 settings in this link were out of range and were
//! reset"). Floats are written in Rust's shortest round-trip form, so a link reproduces the exact
//! bits it was made from.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::rng::DEFAULT_SEED;
use crate::sims::resampling::{DifficultyModel, ResamplingParams};
use crate::sims::snowball::{AnswerOrder, SnowballParams};
use crate::sims::telephone::{Lang, Model, Prompt, TelephoneParams};
use crate::text::t;
use crate::tr;

/// The link format version this build writes and reads.
pub const LINK_VERSION: u32 = 1;
/// Links longer than this are cut before decoding (a defence against pasted garbage).
pub const MAX_LINK_BYTES: usize = 16 * 1024;
/// Values longer than this are ignored with a warning.
pub const MAX_VALUE_BYTES: usize = 64;

/// Which page is showing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lab {
    #[default]
    Resampling,
    Snowball,
    Telephone,
    Search,
    Analyze,
    About,
}

impl Lab {
    /// Every page, in navigation order.
    pub const ALL: [Lab; 6] = [
        Lab::Resampling,
        Lab::Snowball,
        Lab::Telephone,
        Lab::Search,
        Lab::Analyze,
        Lab::About,
    ];

    /// The value of the `lab` key.
    pub fn key(self) -> &'static str {
        match self {
            Lab::Resampling => "resampling",
            Lab::Snowball => "snowball",
            Lab::Telephone => "telephone",
            Lab::Search => "search",
            Lab::Analyze => "analyze",
            Lab::About => "about",
        }
    }

    /// The navigation label.
    pub fn title(self) -> &'static str {
        match self {
            Lab::Resampling => t("app.lab.resampling"),
            Lab::Snowball => t("app.lab.snowball"),
            Lab::Telephone => t("app.lab.telephone"),
            Lab::Search => t("app.lab.search"),
            Lab::Analyze => t("app.lab.analyze"),
            Lab::About => t("app.lab.about"),
        }
    }

    /// The page named by a `lab` value, if any.
    pub fn from_key(key: &str) -> Option<Lab> {
        Lab::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// Everything a share link holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppState {
    /// The page showing.
    pub lab: Lab,
    /// The seed of every random stream.
    pub seed: u64,
    /// Embed mode: no header or navigation (for iframes).
    pub embed: bool,
    /// Projector mode: large type, thick lines, high contrast (for a lecture hall).
    pub projector: bool,
    /// The guided lesson shown, if any (the lab it belongs to).
    pub lesson: Option<Lab>,
    /// Its stage, 1-based.
    pub stage: u32,
    /// Control groups hidden (lesson links; names from [`control_groups`]).
    pub hide: Vec<String>,
    /// Narrative text shown (lesson links may turn it off).
    pub text: bool,
    /// The language of the interface text (a file in `text/`, or the pseudo-language `en-XA`).
    pub lang: String,
    /// Files the view was made with, as (lab, content hash): whoever opens the link and loads a
    /// different file is warned. Never the files themselves.
    pub files: Vec<(String, String)>,
    /// The resampling lab's parameters.
    pub resampling: ResamplingParams,
    /// The snowball lab's parameters.
    pub snowball: SnowballParams,
    /// The telephone lab's parameters.
    pub telephone: TelephoneParams,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            lab: Lab::default(),
            seed: DEFAULT_SEED,
            embed: false,
            projector: false,
            lesson: None,
            stage: 1,
            hide: Vec::new(),
            text: true,
            lang: crate::text::DEFAULT.to_string(),
            files: Vec::new(),
            resampling: ResamplingParams::default(),
            snowball: SnowballParams::default(),
            telephone: TelephoneParams::default(),
        }
    }
}

/// Why one setting of a link was not taken as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkWarning {
    /// A number outside its allowed range, clamped to the nearest bound.
    OutOfRange {
        key: String,
        value: String,
        used: String,
    },
    /// A value that could not be read at all; the default is used.
    Invalid {
        key: String,
        value: String,
        used: String,
    },
    /// A value longer than [`MAX_VALUE_BYTES`]; the default is used.
    TooLong {
        key: String,
        bytes: usize,
        used: String,
    },
    /// The link was made by a newer version of Cascade Lab.
    NewerVersion { version: String },
    /// The link itself was longer than [`MAX_LINK_BYTES`] and was cut.
    LinkTooLong { bytes: usize },
    /// The same key appeared more than once; the first value is used.
    Duplicate { key: String },
}

impl LinkWarning {
    /// Whether this warning means a setting was reset (as opposed to a notice about the link).
    pub fn is_reset(&self) -> bool {
        matches!(
            self,
            LinkWarning::OutOfRange { .. }
                | LinkWarning::Invalid { .. }
                | LinkWarning::TooLong { .. }
        )
    }
}

impl fmt::Display for LinkWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkWarning::OutOfRange { key, value, used } => f.write_str(&tr!(
                "link.warning.out_of_range",
                key = key,
                value = value,
                used = used
            )),
            LinkWarning::Invalid { key, value, used } => f.write_str(&tr!(
                "link.warning.invalid",
                key = key,
                value = value,
                used = used
            )),
            LinkWarning::TooLong { key, bytes, used } => f.write_str(&tr!(
                "link.warning.too_long",
                key = key,
                bytes = bytes,
                max = MAX_VALUE_BYTES,
                used = used
            )),
            LinkWarning::NewerVersion { version } => {
                f.write_str(&tr!("link.warning.newer", version = version))
            }
            LinkWarning::LinkTooLong { bytes } => f.write_str(&tr!(
                "link.warning.link_too_long",
                bytes = bytes,
                max = MAX_LINK_BYTES
            )),
            LinkWarning::Duplicate { key } => {
                f.write_str(&tr!("link.warning.duplicate", key = key))
            }
        }
    }
}

/// The one-line summary the page shows above the details, or `None` when there is nothing to say.
pub fn warning_summary(warnings: &[LinkWarning]) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let resets = warnings.iter().filter(|w| w.is_reset()).count();
    Some(match resets {
        0 => t("link.summary.notice").to_string(),
        1 => t("link.summary.one").to_string(),
        n => tr!("link.summary.many", n = n),
    })
}

/// The result of decoding a link.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decoded {
    /// The state to show.
    pub state: AppState,
    /// What was not taken as written.
    pub warnings: Vec<LinkWarning>,
}

/// Reads typed values out of a query string, recording a warning for each one not taken.
struct Decoder {
    pairs: BTreeMap<String, String>,
    warnings: Vec<LinkWarning>,
}

fn shown(value: &str) -> String {
    // Keep warnings short and printable whatever the link held.
    let mut s: String = value.chars().filter(|c| !c.is_control()).take(24).collect();
    if value.chars().count() > 24 {
        s.push('…');
    }
    s
}

impl Decoder {
    fn new(link: &str) -> Self {
        let mut warnings = Vec::new();
        let mut link = link;
        if link.len() > MAX_LINK_BYTES {
            warnings.push(LinkWarning::LinkTooLong { bytes: link.len() });
            let mut cut = MAX_LINK_BYTES;
            while !link.is_char_boundary(cut) {
                cut -= 1;
            }
            link = &link[..cut];
        }
        // Accept a whole URL, a "?query", or a bare query; drop any fragment.
        let query = match link.find('?') {
            Some(i) => &link[i + 1..],
            None if link.contains('=') => link,
            None => "",
        };
        let query = query.split('#').next().unwrap_or("");
        let mut pairs = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            let key = k.into_owned();
            if pairs.contains_key(&key) {
                if !warnings
                    .iter()
                    .any(|w| matches!(w, LinkWarning::Duplicate { key: d } if *d == key))
                {
                    warnings.push(LinkWarning::Duplicate { key: shown(&key) });
                }
                continue;
            }
            pairs.insert(key, v.into_owned());
        }
        Self { pairs, warnings }
    }

    /// The raw value of `key` if present and not too long.
    fn raw(&mut self, key: &str, default_shown: &dyn Fn() -> String) -> Option<String> {
        let value = self.pairs.get(key)?;
        if value.len() > MAX_VALUE_BYTES {
            self.warnings.push(LinkWarning::TooLong {
                key: key.to_string(),
                bytes: value.len(),
                used: default_shown(),
            });
            return None;
        }
        Some(value.trim().to_string())
    }

    fn f64(&mut self, key: &str, default: f64, min: f64, max: f64) -> f64 {
        let Some(raw) = self.raw(key, &|| fmt_f64(default)) else {
            return default;
        };
        match raw.parse::<f64>() {
            Ok(x) if x.is_finite() => {
                let clamped = x.clamp(min, max);
                if clamped != x {
                    self.warnings.push(LinkWarning::OutOfRange {
                        key: key.to_string(),
                        value: shown(&raw),
                        used: fmt_f64(clamped),
                    });
                }
                clamped
            }
            Ok(x) if x.is_infinite() => {
                let clamped = if x > 0.0 { max } else { min };
                self.warnings.push(LinkWarning::OutOfRange {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: fmt_f64(clamped),
                });
                clamped
            }
            _ => {
                self.warnings.push(LinkWarning::Invalid {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: fmt_f64(default),
                });
                default
            }
        }
    }

    fn u64(&mut self, key: &str, default: u64, min: u64, max: u64) -> u64 {
        let Some(raw) = self.raw(key, &|| default.to_string()) else {
            return default;
        };
        if let Ok(x) = raw.parse::<u64>() {
            let clamped = x.clamp(min, max);
            if clamped != x {
                self.warnings.push(LinkWarning::OutOfRange {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: clamped.to_string(),
                });
            }
            return clamped;
        }
        // Digits that overflow u64, or a whole number written as a float ("1e9"), are out of
        // range or clamped; anything else (negative, fractional, text) is invalid.
        let digits = raw.strip_prefix('+').unwrap_or(&raw);
        if let Ok(x) = raw.parse::<f64>() {
            if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < 1.8e19 {
                let clamped = (x as u64).clamp(min, max);
                if clamped as f64 != x {
                    self.warnings.push(LinkWarning::OutOfRange {
                        key: key.to_string(),
                        value: shown(&raw),
                        used: clamped.to_string(),
                    });
                }
                return clamped;
            }
        }
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            self.warnings.push(LinkWarning::OutOfRange {
                key: key.to_string(),
                value: shown(&raw),
                used: max.to_string(),
            });
            return max;
        }
        self.warnings.push(LinkWarning::Invalid {
            key: key.to_string(),
            value: shown(&raw),
            used: default.to_string(),
        });
        default
    }

    fn choice<T: Copy + PartialEq>(&mut self, key: &str, default: T, options: &[(&str, T)]) -> T {
        let default_name = options
            .iter()
            .find(|(_, v)| *v == default)
            .map(|(n, _)| n.to_string())
            .unwrap_or_else(|| t("link.used.default").into());
        let Some(raw) = self.raw(key, &|| default_name.clone()) else {
            return default;
        };
        match options
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&raw))
        {
            Some((_, v)) => *v,
            None => {
                self.warnings.push(LinkWarning::Invalid {
                    key: key.to_string(),
                    value: shown(&raw),
                    used: default_name,
                });
                default
            }
        }
    }

    /// A comma-separated list of distinct options (at most `max`): unknown or repeated entries
    /// are dropped with a warning; an empty result falls back to the default.
    fn list<T: Copy + PartialEq>(
        &mut self,
        key: &str,
        default: &[T],
        options: &[(&str, T)],
        max: usize,
    ) -> Vec<T> {
        let name = |v: &T| {
            options
                .iter()
                .find(|(_, o)| o == v)
                .map(|(n, _)| *n)
                .unwrap_or("?")
        };
        let default_shown = default.iter().map(name).collect::<Vec<_>>().join(",");
        let Some(raw) = self.raw(key, &|| default_shown.clone()) else {
            return default.to_vec();
        };
        let mut out: Vec<T> = Vec::new();
        let mut bad = false;
        for item in raw.split(',') {
            match options
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(item.trim()))
            {
                Some((_, v)) if !out.contains(v) && out.len() < max => out.push(*v),
                _ => bad = true,
            }
        }
        if out.is_empty() {
            out = default.to_vec();
        }
        if bad {
            self.warnings.push(LinkWarning::Invalid {
                key: key.to_string(),
                value: shown(&raw),
                used: out.iter().map(name).collect::<Vec<_>>().join(","),
            });
        }
        out
    }

    fn flag(&mut self, key: &str, default: bool) -> bool {
        self.choice(
            key,
            default,
            &[("1", true), ("0", false), ("true", true), ("false", false)],
        )
    }
}

/// Formats a float in its shortest round-trip form.
pub fn fmt_f64(x: f64) -> String {
    // Both forms are shortest round-trip; pick the shorter ("1e-101" rather than 100 zeros).
    let plain = format!("{x}");
    let exp = format!("{x:e}");
    let s = if exp.len() < plain.len() { exp } else { plain };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// Writes `key=value` pairs for values that differ from their defaults.
struct Encoder {
    out: form_urlencoded::Serializer<'static, String>,
}

impl Encoder {
    fn new() -> Self {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("v", &LINK_VERSION.to_string());
        Self { out }
    }
    fn f64(&mut self, key: &str, value: f64, default: f64) {
        if value.to_bits() != default.to_bits() {
            self.out.append_pair(key, &fmt_f64(value));
        }
    }
    fn u64(&mut self, key: &str, value: u64, default: u64) {
        if value != default {
            self.out.append_pair(key, &value.to_string());
        }
    }
    fn str(&mut self, key: &str, value: &str, default: &str) {
        if value != default {
            self.out.append_pair(key, value);
        }
    }
    fn finish(mut self) -> String {
        self.out.finish()
    }
}

const DIFFICULTY: [(&str, DifficultyModel); 3] = [
    ("beta", DifficultyModel::Beta),
    ("two", DifficultyModel::TwoType),
    ("file", DifficultyModel::FromFile),
];

impl ResamplingParams {
    fn decode(d: &mut Decoder) -> Self {
        let def = Self::default();
        let lim = Self::LIMITS;
        Self {
            difficulty: d.choice("mix", def.difficulty, &DIFFICULTY),
            alpha: d.f64("a", def.alpha, lim.shape.0, lim.shape.1),
            beta: d.f64("b", def.beta, lim.shape.0, lim.shape.1),
            p1: d.f64("p1", def.p1, 0.0, 1.0),
            r1: d.f64("r1", def.r1, 0.0, 1.0),
            r2: d.f64("r2", def.r2, 0.0, 1.0),
            soundness: d.f64("s", def.soundness, 0.0, 1.0),
            hard_drop: d.f64("sd", def.hard_drop, 0.0, 1.0),
            completeness: d.f64("c", def.completeness, 0.0, 1.0),
            lambda: d.f64("lam", def.lambda, 0.0, lim.lambda_max),
            kappa: d.f64("kap", def.kappa, 0.0, lim.kappa_max),
            k_max: d.u64("k", def.k_max as u64, 1, lim.k_max as u64) as u32,
            benchmarks: d.u64("mc", def.benchmarks as u64, 0, lim.benchmarks_max as u64) as u32,
            tasks: d.u64("tasks", def.tasks as u64, 1, lim.tasks_max as u64) as u32,
            weak: d.u64("weak", def.weak as u64, 0, lim.model_max as u64) as u32,
            strong: d.u64("strong", def.strong as u64, 1, lim.model_max as u64) as u32,
            drop_false_negatives: d.flag("fnf", def.drop_false_negatives),
        }
    }

    fn encode(&self, e: &mut Encoder) {
        let def = Self::default();
        let name = |m: DifficultyModel| {
            DIFFICULTY
                .iter()
                .find(|(_, v)| *v == m)
                .map(|(n, _)| *n)
                .unwrap_or("beta")
        };
        e.str("mix", name(self.difficulty), name(def.difficulty));
        e.f64("a", self.alpha, def.alpha);
        e.f64("b", self.beta, def.beta);
        e.f64("p1", self.p1, def.p1);
        e.f64("r1", self.r1, def.r1);
        e.f64("r2", self.r2, def.r2);
        e.f64("s", self.soundness, def.soundness);
        e.f64("sd", self.hard_drop, def.hard_drop);
        e.f64("c", self.completeness, def.completeness);
        e.f64("lam", self.lambda, def.lambda);
        e.f64("kap", self.kappa, def.kappa);
        e.u64("k", self.k_max as u64, def.k_max as u64);
        e.u64("mc", self.benchmarks as u64, def.benchmarks as u64);
        e.u64("tasks", self.tasks as u64, def.tasks as u64);
        e.u64("weak", self.weak as u64, def.weak as u64);
        e.u64("strong", self.strong as u64, def.strong as u64);
        e.str(
            "fnf",
            if self.drop_false_negatives { "1" } else { "0" },
            "0",
        );
    }
}

const ORDER: [(&str, AnswerOrder); 2] = [
    ("answer", AnswerOrder::AnswerFirst),
    ("reason", AnswerOrder::ReasonFirst),
];

/// Snowball keys: so, st, e, es, rho, sc, phi, d, q.
fn decode_snowball(d: &mut Decoder) -> SnowballParams {
    let def = SnowballParams::default();
    SnowballParams {
        order: d.choice("so", def.order, &ORDER),
        steps: d.u64("st", def.steps as u64, 1, SnowballParams::MAX_STEPS as u64) as u32,
        base_error: d.f64("e", def.base_error, 0.0, 1.0),
        committed_error: d.f64("es", def.committed_error, 0.0, 1.0),
        recognition: d.f64("rho", def.recognition, 0.0, 1.0),
        self_check: d.flag("sc", def.self_check),
        false_alarm: d.f64("phi", def.false_alarm, 0.0, 1.0),
        detection: d.f64("d", def.detection, 0.0, 1.0),
        retry_success: d.f64("q", def.retry_success, 0.0, 1.0),
    }
}

fn encode_snowball(p: &SnowballParams, e: &mut Encoder) {
    let def = SnowballParams::default();
    let name = |o: AnswerOrder| {
        ORDER
            .iter()
            .find(|(_, v)| *v == o)
            .map(|(n, _)| *n)
            .unwrap_or("answer")
    };
    e.str("so", name(p.order), name(def.order));
    e.u64("st", p.steps as u64, def.steps as u64);
    e.f64("e", p.base_error, def.base_error);
    e.f64("es", p.committed_error, def.committed_error);
    e.f64("rho", p.recognition, def.recognition);
    e.str(
        "sc",
        if p.self_check { "1" } else { "0" },
        if def.self_check { "1" } else { "0" },
    );
    e.f64("phi", p.false_alarm, def.false_alarm);
    e.f64("d", p.detection, def.detection);
    e.f64("q", p.retry_success, def.retry_success);
}

const MODELS: [(&str, Model); 3] = [
    ("llama", Model::Llama),
    ("mistral", Model::Mistral),
    ("gemma", Model::Gemma),
];
const LANGS: [(&str, Lang); 6] = [
    ("fr", Lang::Fr),
    ("nl", Lang::Nl),
    ("de", Lang::De),
    ("vn", Lang::Vi),
    ("zh", Lang::Zh),
    ("th", Lang::Th),
];
const PROMPTS: [(&str, Prompt); 3] = [
    ("simple", Prompt::Simple),
    ("base", Prompt::Base),
    ("constrained", Prompt::Constrained),
];

/// Telephone keys: tm (models), tl (bridge languages), tt (temperature, or `auto` for each
/// model's own), tp (prompt), ti (iterations), tf (facts), tmu (share mutated).
fn decode_telephone(d: &mut Decoder) -> TelephoneParams {
    let def = TelephoneParams::default();
    let temperature = match d.pairs.get("tt").map(|v| v.trim().to_ascii_lowercase()) {
        None => def.temperature,
        Some(v) if v == "auto" => None,
        Some(_) => Some(d.f64("tt", 0.6, 0.0, 2.0)),
    };
    TelephoneParams {
        models: d.list("tm", &def.models, &MODELS, 3),
        langs: d.list("tl", &def.langs, &LANGS, 4),
        temperature,
        prompt: d.choice("tp", def.prompt, &PROMPTS),
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

fn encode_telephone(p: &TelephoneParams, e: &mut Encoder) {
    let def = TelephoneParams::default();
    let join = |names: Vec<&str>| names.join(",");
    e.str(
        "tm",
        &join(p.models.iter().map(|m| m.key()).collect()),
        &join(def.models.iter().map(|m| m.key()).collect()),
    );
    e.str(
        "tl",
        &join(p.langs.iter().map(|l| l.key()).collect()),
        &join(def.langs.iter().map(|l| l.key()).collect()),
    );
    if p.temperature != def.temperature {
        match p.temperature {
            Some(t) => e.f64("tt", t, f64::NAN),
            None => e.str("tt", "auto", ""),
        }
    }
    e.str("tp", p.prompt.key(), def.prompt.key());
    e.u64("ti", p.iterations as u64, def.iterations as u64);
    e.u64("tf", p.facts as u64, def.facts as u64);
    e.f64("tmu", p.mutate, def.mutate);
}

/// The control groups of a lab that a lesson link can hide (`hide=`), with the ids of their
/// labels in `text/`.
pub fn control_groups(lab: Lab) -> &'static [(&'static str, &'static str)] {
    match lab {
        Lab::Resampling => &[
            ("presets", "group.presets"),
            ("difficulty", "group.difficulty"),
            ("verifier", "group.verifier"),
            ("costs", "group.costs"),
            ("monte-carlo", "group.monte-carlo"),
            ("weak-strong", "group.weak-strong"),
            ("models", "group.models"),
        ],
        Lab::Snowball => &[
            ("presets", "group.presets"),
            ("response", "group.response"),
            ("self-check", "group.self-check"),
            ("datasets", "group.datasets"),
            ("uploads", "group.uploads"),
        ],
        Lab::Telephone => &[
            ("presets", "group.presets"),
            ("chain", "group.chain"),
            ("decoding", "group.decoding"),
            ("passage", "group.passage"),
            ("text-view", "group.text-view"),
            ("uploads", "group.uploads"),
        ],
        _ => &[],
    }
}

/// Labs that load files, for the `files` key.
const FILE_LABS: [&str; 3] = ["analyze", "snowball", "telephone"];

/// `files`: `lab:hash` pairs (a 16-digit hex hash); malformed entries are dropped and reported.
fn decode_files(d: &mut Decoder) -> Vec<(String, String)> {
    let Some(raw) = d.pairs.get("files").cloned() else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = Vec::new();
    let mut bad = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|x| !x.is_empty()) {
        match item.split_once(':') {
            Some((lab, hash))
                if FILE_LABS.contains(&lab)
                    && hash.len() == 16
                    && hash
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                    && out.len() < 8 =>
            {
                let pair = (lab.to_string(), hash.to_string());
                if !out.contains(&pair) {
                    out.push(pair);
                }
            }
            _ => bad.push(item),
        }
    }
    if !bad.is_empty() {
        d.warnings.push(LinkWarning::Invalid {
            key: "files".into(),
            value: shown(&bad.join(",")),
            used: t("link.used.files").into(),
        });
    }
    out
}

/// `lang`: a language there are interface texts for (matched without regard to case).
fn decode_lang(d: &mut Decoder) -> String {
    let langs = crate::text::languages();
    let options: Vec<(&str, usize)> = langs.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    let i = d.choice("lang", 0, &options);
    langs
        .get(i)
        .copied()
        .unwrap_or(crate::text::DEFAULT)
        .to_string()
}

/// `hide`: known groups of the lab kept (in the lab's order), unknown ones reported.
fn decode_hide(d: &mut Decoder, lab: Lab) -> Vec<String> {
    let Some(raw) = d.pairs.get("hide").cloned() else {
        return Vec::new();
    };
    let groups = control_groups(lab);
    let asked: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect();
    let kept: Vec<String> = groups
        .iter()
        .filter(|(g, _)| asked.contains(g))
        .map(|(g, _)| g.to_string())
        .collect();
    let unknown: Vec<&str> = asked
        .iter()
        .copied()
        .filter(|a| !groups.iter().any(|(g, _)| g == a))
        .collect();
    if !unknown.is_empty() {
        d.warnings.push(LinkWarning::Invalid {
            key: "hide".into(),
            value: shown(&unknown.join(",")),
            used: if groups.is_empty() {
                tr!("link.used.hide_none", lab = lab.key())
            } else {
                tr!(
                    "link.used.hide_known",
                    groups = groups.iter().map(|g| g.0).collect::<Vec<_>>().join(", ")
                )
            },
        });
    }
    kept
}

/// Lesson keys: lesson (a lab with a lesson), stage (1 … its stages). A lesson shows its lab;
/// a link naming only the lesson and stage gets the stage's parameters.
fn decode_lesson(d: &mut Decoder, state: &mut AppState) {
    let options: Vec<(&str, Lab)> = crate::lessons::lesson_labs()
        .into_iter()
        .map(|l| (l.key(), l))
        .collect();
    let Some(raw) = d.pairs.get("lesson").cloned() else {
        if let Some(v) = d.pairs.get("stage").cloned() {
            d.warnings.push(LinkWarning::Invalid {
                key: "stage".into(),
                value: shown(&v),
                used: t("link.used.no_lesson").into(),
            });
        }
        return;
    };
    let Some(&(_, lab)) = options
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(raw.trim()))
    else {
        d.warnings.push(LinkWarning::Invalid {
            key: "lesson".into(),
            value: shown(&raw),
            used: tr!(
                "link.used.lessons",
                lessons = options.iter().map(|o| o.0).collect::<Vec<_>>().join(", ")
            ),
        });
        return;
    };
    let n = crate::lessons::lesson(lab).map_or(1, |l| l.stages.len()) as u64;
    let stage = d.u64("stage", 1, 1, n) as u32;
    let untouched = match lab {
        Lab::Resampling => state.resampling == ResamplingParams::default(),
        Lab::Snowball => state.snowball == SnowballParams::default(),
        Lab::Telephone => state.telephone == TelephoneParams::default(),
        _ => true,
    };
    if untouched {
        if let Some(s) = crate::lessons::stage_state(state, lab, stage) {
            *state = s;
            return;
        }
    }
    state.lab = lab;
    state.lesson = Some(lab);
    state.stage = stage;
}

impl AppState {
    /// Decodes a link (a whole URL, `?query` or bare query). Never fails.
    pub fn decode(link: &str) -> Decoded {
        let mut d = Decoder::new(link);
        if let Some(v) = d.pairs.get("v").cloned() {
            match v.trim().parse::<u32>() {
                Ok(n) if n <= LINK_VERSION => {}
                Ok(_) => d
                    .warnings
                    .push(LinkWarning::NewerVersion { version: shown(&v) }),
                Err(_) => d.warnings.push(LinkWarning::Invalid {
                    key: "v".into(),
                    value: shown(&v),
                    used: LINK_VERSION.to_string(),
                }),
            }
        }
        let def = AppState::default();
        let lab_options: Vec<(&str, Lab)> = Lab::ALL.iter().map(|l| (l.key(), *l)).collect();
        let state = AppState {
            lab: d.choice("lab", def.lab, &lab_options),
            seed: d.u64("seed", def.seed, 0, MAX_SEED),
            embed: d.flag("embed", def.embed),
            projector: d.flag("proj", def.projector),
            lesson: None,
            stage: 1,
            hide: Vec::new(),
            text: d.flag("text", def.text),
            lang: decode_lang(&mut d),
            files: decode_files(&mut d),
            resampling: ResamplingParams::decode(&mut d),
            snowball: decode_snowball(&mut d),
            telephone: decode_telephone(&mut d),
        };
        let mut state = state;
        decode_lesson(&mut d, &mut state);
        state.hide = decode_hide(&mut d, state.lab);
        Decoded {
            state,
            warnings: d.warnings,
        }
    }

    /// The query string (without `?`) holding this state: `v=1` then only non-default values.
    pub fn encode(&self) -> String {
        let def = AppState::default();
        let mut e = Encoder::new();
        e.str("lab", self.lab.key(), def.lab.key());
        e.u64("seed", self.seed, def.seed);
        e.str("embed", if self.embed { "1" } else { "0" }, "0");
        e.str("proj", if self.projector { "1" } else { "0" }, "0");
        let groups = control_groups(self.lab);
        let hide: Vec<&str> = self
            .hide
            .iter()
            .map(String::as_str)
            .filter(|h| groups.iter().any(|g| g.0 == *h))
            .collect();
        e.str("hide", &hide.join(","), "");
        e.str("text", if self.text { "1" } else { "0" }, "1");
        e.str("lang", &self.lang, crate::text::DEFAULT);
        let files: Vec<String> = self.files.iter().map(|(l, h)| format!("{l}:{h}")).collect();
        e.str("files", &files.join(","), "");
        if let Some(l) = self.lesson {
            e.str("lesson", l.key(), "");
            e.u64("stage", self.stage as u64, 1);
        }
        self.resampling.encode(&mut e);
        encode_snowball(&self.snowball, &mut e);
        encode_telephone(&self.telephone, &mut e);
        e.finish()
    }
}

/// Seeds are kept below 2^53 so that JavaScript tools reading links see them exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_state_encodes_to_version_only() {
        assert_eq!(AppState::default().encode(), "v=1");
        let d = AppState::decode("v=1");
        assert_eq!(d.state, AppState::default());
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn round_trip_keeps_exact_bits() {
        let mut s = AppState {
            lab: Lab::Snowball,
            seed: 12345,
            embed: true,
            projector: true,
            ..Default::default()
        };
        s.resampling.lambda = 0.1 + 0.2; // not representable as a short decimal
        s.resampling.k_max = 17;
        s.resampling.difficulty = DifficultyModel::TwoType;
        let q = s.encode();
        let d = AppState::decode(&format!("https://x.org/sub/?{q}#frag"));
        assert_eq!(d.state, s);
        assert_eq!(
            d.state.resampling.lambda.to_bits(),
            (0.1f64 + 0.2).to_bits()
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn out_of_range_values_are_clamped_and_reported() {
        let d = AppState::decode("?v=1&lam=1e9&k=0&s=-3&zzz=1");
        let lim = ResamplingParams::LIMITS;
        assert_eq!(d.state.resampling.lambda, lim.lambda_max);
        assert_eq!(d.state.resampling.k_max, 1);
        assert_eq!(d.state.resampling.soundness, 0.0);
        assert_eq!(d.warnings.len(), 3, "{:?}", d.warnings);
        assert_eq!(
            warning_summary(&d.warnings).as_deref(),
            Some("3 settings in this link were out of range and were reset.")
        );
    }

    #[test]
    fn hostile_values_fall_back_to_defaults() {
        let long = "9".repeat(10_000);
        for link in [
            "seed=-5".to_string(),
            "lam=NaN".to_string(),
            "lam=%FF%FE".to_string(),
            "lam=%zz".to_string(),
            format!("lam={long}"),
            "seed=99999999999999999999999".to_string(),
            "lab=nowhere".to_string(),
            "lam=inf".to_string(),
        ] {
            let d = AppState::decode(&link);
            assert!(!d.warnings.is_empty(), "{link}");
            assert!(d.state.resampling.lambda.is_finite());
            assert!(d.state.seed <= MAX_SEED);
        }
    }

    #[test]
    fn newer_version_and_duplicates_are_noticed() {
        let d = AppState::decode("v=7&lab=about&lab=snowball");
        assert_eq!(d.state.lab, Lab::About);
        assert!(d
            .warnings
            .iter()
            .any(|w| matches!(w, LinkWarning::NewerVersion { .. })));
        assert!(d
            .warnings
            .iter()
            .any(|w| matches!(w, LinkWarning::Duplicate { .. })));
    }

    #[test]
    fn huge_links_are_cut_not_refused() {
        let link = format!("lab=about&x={}", "a".repeat(100_000));
        let d = AppState::decode(&link);
        assert_eq!(d.state.lab, Lab::About);
        assert!(d
            .warnings
            .iter()
            .any(|w| matches!(w, LinkWarning::LinkTooLong { .. })));
    }
}
