//! Broken-telephone chains ("LLM as a Broken Telephone", Mohamed et al. 2025): a fact-level model
//! of information decay as models re-translate their own output (science.md §2.6).
//!
//! A passage holds F atomic facts. One iteration translates English → the bridge language(s) →
//! English, one hop per arrow; with several bridge languages they are shuffled every iteration,
//! and with several models each hop's model is drawn at random (the paper's two-player and
//! multiplayer chains). At hop h of iteration i every fact still in the text is hit with
//! probability
//!
//! ```text
//! ε = ε_model · w_lang^p_model · g(T) · π_prompt · (1 + μ·switch) · (δ(T) + (1 − δ(T))·e^{−(i−1)/κ})
//! ```
//!
//! where `w_lang` is the harder language of the hop (English and French 1), `g(T) = e^{β(T − 0.6)}`, `δ(T) = δ₀·T/0.6` (the residual drift once the text sits in the model's preferred
//! phrasing; none when decoding is greedy), `switch` the chance that consecutive hops use
//! different models (a text that never settles). A hit original fact is mutated (it stays,
//! wrong) with probability m, otherwise dropped; every fact in the text is dropped with
//! probability ε·(1 − m), and as many facts are added (hallucinated), so a passage keeps about
//! F facts. A judge confirms a surviving original fact with probability `judge` (< 1: FActScore
//! is ≈ 0.96 on the untouched passage).
//!
//! Exact: the expected counts of original, mutated and added facts per iteration (linear in the
//! previous counts, averaged over the random hop configurations), and the FActScore-like
//! precision `judge · E[original] / E[present]`. Monte Carlo: passages drawn fact by fact; the
//! mean and the 5–95 % band of the measured precision.

use serde::Serialize;

use crate::rng::Stream;

/// The models of the paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    Llama,
    Mistral,
    Gemma,
}

impl Model {
    pub const ALL: [Model; 3] = [Model::Llama, Model::Mistral, Model::Gemma];
    pub fn key(self) -> &'static str {
        match self {
            Model::Llama => "llama",
            Model::Mistral => "mistral",
            Model::Gemma => "gemma",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Model::Llama => "Llama-3.1-8B-like",
            Model::Mistral => "Mistral-7B-like",
            Model::Gemma => "Gemma-2-9B-like",
        }
    }
    /// The temperature the paper's runs used when none is set (Mistral: the library default).
    pub fn default_temperature(self) -> f64 {
        match self {
            Model::Llama => 0.6,
            Model::Mistral | Model::Gemma => 1.0,
        }
    }
}

/// Bridge languages (English is the source and target of every iteration).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Fr,
    Nl,
    De,
    Vi,
    Zh,
    Th,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Fr, Lang::Nl, Lang::De, Lang::Vi, Lang::Zh, Lang::Th];
    /// Link key and the paper's code (`vn` for Vietnamese, as in its file names).
    pub fn key(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Nl => "nl",
            Lang::De => "de",
            Lang::Vi => "vn",
            Lang::Zh => "zh",
            Lang::Th => "th",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Lang::Fr => crate::text::t("lang.fr"),
            Lang::Nl => crate::text::t("lang.nl"),
            Lang::De => crate::text::t("lang.de"),
            Lang::Vi => crate::text::t("lang.vi"),
            Lang::Zh => crate::text::t("lang.zh"),
            Lang::Th => crate::text::t("lang.th"),
        }
    }
}

/// How the translation is asked for (science.md §2.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    /// "Translate the following text from {} to {}: {}".
    Simple,
    /// The paper's main prompt: "…preserving all the original meaning…".
    #[default]
    Base,
    /// A bullet list: do not add, omit or modify any details…
    Constrained,
}

impl Prompt {
    pub fn key(self) -> &'static str {
        match self {
            Prompt::Simple => "simple",
            Prompt::Base => "base",
            Prompt::Constrained => "constrained",
        }
    }
}

/// The model's constants, fitted to the released runs by `cargo run --example
/// calibrate_telephone` (which prints this table and each preset's error).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// ε per hop for each model at T = 0.6, base prompt, French.
    pub eps: [f64; 3],
    /// Language sensitivity exponent per model.
    pub exponent: [f64; 3],
    /// Difficulty w per language (French 1).
    pub lang: [f64; 6],
    /// g(T) = exp(β·(T − 0.6)).
    pub temp_slope: f64,
    /// δ(T) = δ₀·T/0.6.
    pub delta0: f64,
    /// κ: iterations for the settling transient to fall by e.
    pub kappa: f64,
    /// μ: extra hazard when consecutive hops switch models.
    pub mu: f64,
    /// π for the simple and constrained prompts (base 1).
    pub prompt_simple: f64,
    pub prompt_constrained: f64,
    /// Probability that the judge confirms a surviving fact.
    pub judge: f64,
}

/// Fitted by `examples/calibrate_telephone.rs` on the released news2024 curves.
pub const CALIBRATED: Calibration = Calibration {
    eps: [
        0.005831938046442448,
        0.0050518961883968694,
        2.5767415674411237e-6,
    ],
    exponent: [1.0, 1.4031505763080616, 4.745454989801956],
    lang: [
        1.0,
        1.4227335739479363,
        1.5563929023221243,
        2.9090813260027,
        3.5488012941950737,
        6.188612785429015,
    ],
    temp_slope: 2.0335784189830606,
    delta0: 0.024674816888950606,
    kappa: 9.697902628977287,
    mu: 0.8565910537212444,
    prompt_simple: 2.6749267261551166,
    prompt_constrained: 0.9186534264749029,
    judge: 0.9618344000000003,
};

/// Every parameter of a simulated chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TelephoneParams {
    /// One model: a self-loop; several: a random one per hop.
    pub models: Vec<Model>,
    /// One bridge language: bilingual; several: shuffled every iteration.
    pub langs: Vec<Lang>,
    /// Decoding temperature; `None` = each model's own default.
    pub temperature: Option<f64>,
    pub prompt: Prompt,
    /// Iterations (1 … 100).
    pub iterations: u32,
    /// Atomic facts in the passage: F.
    pub facts: u32,
    /// Share of hit facts that are mutated (stay, wrong) rather than dropped: m.
    pub mutate: f64,
    pub calibration: Calibration,
}

impl Default for TelephoneParams {
    fn default() -> Self {
        Self {
            models: vec![Model::Llama],
            langs: vec![Lang::Fr],
            temperature: None,
            prompt: Prompt::Base,
            iterations: 100,
            facts: 45,
            mutate: 0.5,
            calibration: CALIBRATED,
        }
    }
}

impl TelephoneParams {
    pub const MAX_ITERATIONS: u32 = 100;
    pub const MAX_FACTS: u32 = 100;

    fn temperature_of(&self, m: Model) -> f64 {
        self.temperature.unwrap_or(m.default_temperature()).max(0.0)
    }

    /// ε of one hop with model `m` between languages of difficulty `w`, at iteration `i` ≥ 1.
    fn hazard(&self, m: Model, w: f64, i: u32) -> f64 {
        let c = &self.calibration;
        let k = m as usize;
        let t = self.temperature_of(m);
        let g = libm::exp(c.temp_slope * (t - 0.6));
        let prompt = match self.prompt {
            Prompt::Simple => c.prompt_simple,
            Prompt::Base => 1.0,
            Prompt::Constrained => c.prompt_constrained,
        };
        let switch = self.switch_probability();
        let delta = (c.delta0 * t / 0.6).clamp(0.0, 1.0);
        let settle = delta + (1.0 - delta) * libm::exp(-((i - 1) as f64) / c.kappa.max(1e-9));
        (c.eps[k]
            * libm::pow(w.max(0.0), c.exponent[k])
            * g
            * prompt
            * (1.0 + c.mu * switch)
            * settle)
            .clamp(0.0, 1.0)
    }

    /// P(two consecutive hops use different models).
    pub fn switch_probability(&self) -> f64 {
        let n = self.models.len().max(1) as f64;
        1.0 - 1.0 / n
    }

    fn models(&self) -> Vec<Model> {
        if self.models.is_empty() {
            vec![Model::Llama]
        } else {
            self.models.clone()
        }
    }

    fn langs(&self) -> Vec<Lang> {
        if self.langs.is_empty() {
            vec![Lang::Fr]
        } else {
            self.langs.clone()
        }
    }

    fn weight(&self, l: Lang) -> f64 {
        self.calibration.lang[l as usize]
    }

    /// Difficulty of each hop of an iteration with the bridges in `order` (en → … → en).
    fn hop_weights(&self, order: &[Lang]) -> Vec<f64> {
        let mut w = Vec::with_capacity(order.len() + 1);
        let mut prev = 1.0f64; // English
        for &l in order {
            let x = self.weight(l);
            w.push(prev.max(x));
            prev = x;
        }
        w.push(prev.max(1.0));
        w
    }
}

/// Every order of the bridge languages (at most 4! = 24 for the lab's choices).
fn permutations(langs: &[Lang]) -> Vec<Vec<Lang>> {
    if langs.len() <= 1 {
        return vec![langs.to_vec()];
    }
    let mut out = Vec::new();
    for (i, &l) in langs.iter().enumerate() {
        let mut rest = langs.to_vec();
        rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, l);
            out.push(p);
        }
    }
    out
}

/// Expected state after each iteration (index 0 = the original passage).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExactPoint {
    pub iteration: u32,
    /// E[original facts still there] / F.
    pub retained: f64,
    /// E[mutated facts] / F.
    pub mutated: f64,
    /// E[added facts] / F.
    pub added: f64,
    /// judge · E\[original\] / E\[present\].
    pub factscore: f64,
}

/// The exact expected curves.
pub fn exact(p: &TelephoneParams) -> Vec<ExactPoint> {
    let models = p.models();
    let perms = permutations(&p.langs());
    let m = p.mutate.clamp(0.0, 1.0);
    let judge = p.calibration.judge;
    let (mut s, mut mu, mut a) = (1.0f64, 0.0f64, 0.0f64);
    let mut out = vec![ExactPoint {
        iteration: 0,
        retained: 1.0,
        mutated: 0.0,
        added: 0.0,
        factscore: judge,
    }];
    let iterations = p.iterations.clamp(1, TelephoneParams::MAX_ITERATIONS);
    for i in 1..=iterations {
        // Average over the orders of the bridges (equally likely) of the hop-by-hop update;
        // within an order each hop's model is independent, so its ε enters through its mean.
        let (mut ns, mut nm, mut na) = (0.0, 0.0, 0.0);
        for order in &perms {
            let (mut s1, mut m1, mut a1) = (s, mu, a);
            for w in p.hop_weights(order) {
                let eps =
                    models.iter().map(|&md| p.hazard(md, w, i)).sum::<f64>() / models.len() as f64;
                let drop = eps * (1.0 - m);
                let hit_s = s1 * eps;
                m1 = m1 * (1.0 - drop) + hit_s * m;
                a1 = a1 * (1.0 - drop) + drop;
                s1 -= hit_s;
            }
            ns += s1;
            nm += m1;
            na += a1;
        }
        let k = perms.len() as f64;
        s = ns / k;
        mu = nm / k;
        a = na / k;
        let present = s + mu + a;
        out.push(ExactPoint {
            iteration: i,
            retained: s,
            mutated: mu,
            added: a,
            factscore: if present > 0.0 {
                judge * s / present
            } else {
                0.0
            },
        });
    }
    out
}

/// The Monte Carlo at one iteration across passages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct McPoint {
    pub iteration: u32,
    /// Mean share of original facts retained.
    pub retained: f64,
    /// Mean measured precision and its 5–95 % band across passages.
    pub factscore: f64,
    pub lo: f64,
    pub hi: f64,
}

/// What happened to one fact of a simulated passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactState {
    Kept,
    Mutated,
    Dropped,
}

/// One simulated passage: per iteration, the state of each original fact and the added count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Passage {
    /// `states[i][f]`: fact f after iteration i (0 = the original).
    pub states: Vec<Vec<FactState>>,
    /// Added facts present after each iteration.
    pub added: Vec<u32>,
    /// Measured precision after each iteration.
    pub factscore: Vec<f64>,
    /// Model of each hop of each iteration.
    pub models: Vec<Vec<Model>>,
}

/// Draws one passage of `facts` facts through the chain.
pub fn sample_passage(p: &TelephoneParams, facts: u32, rng: &mut Stream) -> Passage {
    let models = p.models();
    let langs = p.langs();
    let m = p.mutate.clamp(0.0, 1.0);
    let judge = p.calibration.judge;
    let n = facts as usize;
    let mut state = vec![FactState::Kept; n];
    let mut added = 0u32;
    let measure = |state: &[FactState], added: u32, rng: &mut Stream| {
        let kept = state.iter().filter(|s| **s == FactState::Kept).count();
        let mutated = state.iter().filter(|s| **s == FactState::Mutated).count();
        let present = kept + mutated + added as usize;
        let confirmed = (0..kept).filter(|_| rng.bernoulli(judge)).count();
        if present == 0 {
            0.0
        } else {
            confirmed as f64 / present as f64
        }
    };
    let mut out = Passage {
        states: vec![state.clone()],
        added: vec![0],
        factscore: Vec::new(),
        models: vec![Vec::new()],
    };
    let first = measure(&state, 0, rng);
    out.factscore.push(first);
    let iterations = p.iterations.clamp(1, TelephoneParams::MAX_ITERATIONS);
    for i in 1..=iterations {
        let mut order = langs.clone();
        // Fisher–Yates shuffle of the bridges.
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k as u64 + 1) as usize);
        }
        let mut hop_models = Vec::new();
        for w in p.hop_weights(&order) {
            let md = models[rng.below(models.len() as u64) as usize];
            hop_models.push(md);
            let eps = p.hazard(md, w, i);
            let drop = eps * (1.0 - m);
            for s in state.iter_mut() {
                match s {
                    FactState::Kept => {
                        if rng.bernoulli(eps) {
                            *s = if rng.bernoulli(m) {
                                FactState::Mutated
                            } else {
                                FactState::Dropped
                            };
                        }
                    }
                    FactState::Mutated => {
                        if rng.bernoulli(drop) {
                            *s = FactState::Dropped;
                        }
                    }
                    FactState::Dropped => {}
                }
            }
            let lost = (0..added).filter(|_| rng.bernoulli(drop)).count() as u32;
            let gained = (0..n).filter(|_| rng.bernoulli(drop)).count() as u32;
            added = added - lost + gained;
        }
        out.states.push(state.clone());
        out.added.push(added);
        out.models.push(hop_models);
        let fs = measure(&state, added, rng);
        out.factscore.push(fs);
    }
    out
}

/// Counts of one passage after each iteration: (kept, measured precision).
fn sample_counts(p: &TelephoneParams, facts: u32, rng: &mut Stream) -> Vec<(u64, f64)> {
    let models = p.models();
    let langs = p.langs();
    let m = p.mutate.clamp(0.0, 1.0);
    let judge = p.calibration.judge;
    let f = facts as u64;
    // Facts are exchangeable: the counts carry everything the measurement needs.
    let (mut kept, mut mutated, mut added) = (f, 0u64, 0u64);
    let measure = |kept: u64, present: u64, rng: &mut Stream| {
        if present == 0 {
            0.0
        } else {
            rng.binomial(kept, judge) as f64 / present as f64
        }
    };
    let mut out = vec![(kept, measure(kept, f, rng))];
    let iterations = p.iterations.clamp(1, TelephoneParams::MAX_ITERATIONS);
    let mut order = langs.clone();
    for i in 1..=iterations {
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k as u64 + 1) as usize);
        }
        for w in p.hop_weights(&order) {
            let md = models[rng.below(models.len() as u64) as usize];
            let eps = p.hazard(md, w, i);
            let drop = eps * (1.0 - m);
            let hit = rng.binomial(kept, eps);
            let turned = rng.binomial(hit, m);
            let lost_mutated = rng.binomial(mutated, drop);
            let lost_added = rng.binomial(added, drop);
            let gained = rng.binomial(f, drop);
            kept -= hit;
            mutated = mutated - lost_mutated + turned;
            added = added - lost_added + gained;
        }
        let present = kept + mutated + added;
        out.push((kept, measure(kept, present, rng)));
    }
    out
}

/// Monte Carlo over `passages` passages, each its own stream "telephone/passages"\[k\].
pub fn monte_carlo(p: &TelephoneParams, seed: u64, passages: u32) -> Vec<McPoint> {
    let iterations = p.iterations.clamp(1, TelephoneParams::MAX_ITERATIONS) as usize;
    let mut fs: Vec<Vec<f64>> = vec![Vec::with_capacity(passages as usize); iterations + 1];
    let mut kept = vec![0.0f64; iterations + 1];
    let facts = p.facts.clamp(1, TelephoneParams::MAX_FACTS);
    for k in 0..passages {
        let mut rng = Stream::indexed(seed, "telephone/passages", k as u64);
        for (i, (kp, f)) in sample_counts(p, facts, &mut rng).into_iter().enumerate() {
            fs[i].push(f);
            kept[i] += kp as f64 / facts as f64;
        }
    }
    let n = passages.max(1) as f64;
    fs.into_iter()
        .enumerate()
        .map(|(i, mut v)| {
            v.sort_by(f64::total_cmp);
            let q = |x: f64| {
                v.get(((v.len() as f64 - 1.0) * x).round().max(0.0) as usize)
                    .copied()
                    .unwrap_or(f64::NAN)
            };
            McPoint {
                iteration: i as u32,
                retained: kept[i] / n,
                factscore: v.iter().sum::<f64>() / n,
                lo: q(0.05),
                hi: q(0.95),
            }
        })
        .collect()
}

/// Iteration at which the exact precision has lost half of what it loses by the last
/// iteration (linear interpolation; the released summary's `FS_halfdrop_gen_interp`).
pub fn half_drop(curve: &[ExactPoint]) -> Option<f64> {
    let first = curve.first()?.factscore;
    let last = curve.last()?.factscore;
    let target = first - (first - last) / 2.0;
    if first - last <= 1e-12 {
        return None;
    }
    curve.windows(2).find_map(|w| {
        let (a, b) = (w[0].factscore, w[1].factscore);
        (a >= target && b <= target).then(|| {
            let f = if a > b { (a - target) / (a - b) } else { 0.0 };
            w[0].iteration as f64 + f * (w[1].iteration - w[0].iteration) as f64
        })
    })
}

/// The iterations the paper evaluated.
pub const EVALUATED: [usize; 16] = [0, 2, 4, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100];

/// The plateau `FS∞ + A·e^(−t/τ)` fitted to the exact precision at the evaluated iterations (as
/// the released summary fits the real curves).
pub fn fitted_plateau(curve: &[ExactPoint]) -> Option<crate::stats::PlateauFit> {
    let pts: Vec<(f64, f64)> = EVALUATED
        .iter()
        .filter_map(|&g| curve.get(g).map(|p| (g as f64, p.factscore)))
        .collect();
    crate::stats::plateau_fit(&pts)
}

/// A named configuration of the lab, with the released run it reproduces.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preset {
    pub id: &'static str,
    pub label: &'static str,
    pub params: TelephoneParams,
    /// (experiment, model, dataset, chain, variant) in data/broken_telephone_curves.csv.
    pub run: [&'static str; 5],
}

/// The presets of the issue, each paired with its released run.
pub fn presets() -> Vec<Preset> {
    let p = |models: &[Model], langs: &[Lang], t: Option<f64>, prompt: Prompt| TelephoneParams {
        models: models.to_vec(),
        langs: langs.to_vec(),
        temperature: t,
        prompt,
        ..TelephoneParams::default()
    };
    use Lang::*;
    use Model::*;
    vec![
        Preset {
            id: "llama-fr",
            label: crate::text::t("telephone.preset.llama-fr"),
            params: p(&[Llama], &[Fr], None, Prompt::Base),
            run: [
                "Bilingual self-loop",
                "llama3.1_8b",
                "news2024",
                "en_fr_en",
                "",
            ],
        },
        Preset {
            id: "llama-th",
            label: crate::text::t("telephone.preset.llama-th"),
            params: p(&[Llama], &[Th], None, Prompt::Base),
            run: [
                "Bilingual self-loop",
                "llama3.1_8b",
                "news2024",
                "en_th_en",
                "",
            ],
        },
        Preset {
            id: "mistral-fr",
            label: crate::text::t("telephone.preset.mistral-fr"),
            params: p(&[Mistral], &[Fr], None, Prompt::Base),
            run: [
                "Bilingual self-loop",
                "mistral7bv2",
                "news2024",
                "en_fr_en",
                "",
            ],
        },
        Preset {
            id: "mistral-th",
            label: crate::text::t("telephone.preset.mistral-th"),
            params: p(&[Mistral], &[Th], None, Prompt::Base),
            run: [
                "Bilingual self-loop",
                "mistral7bv2",
                "news2024",
                "en_th_en",
                "",
            ],
        },
        Preset {
            id: "two-player-fr",
            label: crate::text::t("telephone.preset.two-player-fr"),
            params: p(&[Llama, Mistral], &[Fr], None, Prompt::Base),
            run: [
                "Bilingual two-player",
                "meta-llama_Llama-3.1-8B-Instruct_mistralai_Mistral-7B-Instruct-v0.2",
                "news2024",
                "en_fr_en",
                "French",
            ],
        },
        Preset {
            id: "greedy",
            label: crate::text::t("telephone.preset.greedy"),
            params: p(&[Llama], &[Fr], Some(1e-16), Prompt::Base),
            run: [
                "Ablations",
                "llama3.1_8b",
                "news2024",
                "en_fr_en",
                "Temperature T=1e-16",
            ],
        },
        Preset {
            id: "hot",
            label: crate::text::t("telephone.preset.hot"),
            params: p(&[Llama], &[Fr], Some(1.0), Prompt::Base),
            run: [
                "Ablations",
                "llama3.1_8b",
                "news2024",
                "en_fr_en",
                "Temperature T=1.0",
            ],
        },
        Preset {
            id: "simple",
            label: crate::text::t("telephone.preset.simple"),
            params: p(&[Llama], &[Fr], None, Prompt::Simple),
            run: [
                "Ablations",
                "llama3.1_8b",
                "news2024",
                "en_fr_en",
                "Prompt simple",
            ],
        },
        Preset {
            id: "constrained",
            label: crate::text::t("telephone.preset.constrained"),
            params: p(&[Llama], &[Fr], None, Prompt::Constrained),
            run: [
                "Ablations",
                "llama3.1_8b",
                "news2024",
                "en_fr_en",
                "Prompt constrained",
            ],
        },
    ]
}

/// A released curve: (gen, mean FActScore, std) for one run.
pub fn released_curve(run: &[&str; 5]) -> Vec<(u32, f64, f64)> {
    const CSV: &str = include_str!("../../../data/broken_telephone_curves.csv");
    CSV.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            (f.len() >= 9 && f[..5] == run[..]).then_some(())?;
            Some((f[5].parse().ok()?, f[7].parse().ok()?, f[8].parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_hazard_keeps_everything() {
        let mut p = TelephoneParams::default();
        p.calibration.eps = [0.0; 3];
        let c = exact(&p);
        assert!(c
            .iter()
            .all(|x| x.retained == 1.0 && x.factscore == p.calibration.judge));
    }

    #[test]
    fn harder_languages_and_hotter_decoding_lose_more() {
        let at_100 = |p: &TelephoneParams| exact(p).last().unwrap().factscore;
        let base = TelephoneParams::default();
        let th = TelephoneParams {
            langs: vec![Lang::Th],
            ..base.clone()
        };
        let hot = TelephoneParams {
            temperature: Some(1.0),
            ..base.clone()
        };
        assert!(at_100(&th) < at_100(&base));
        assert!(at_100(&hot) < at_100(&base));
    }

    #[test]
    fn permutations_cover_every_order() {
        let p = permutations(&[Lang::Fr, Lang::Th, Lang::Zh]);
        assert_eq!(p.len(), 6);
        let mut q = p.clone();
        q.sort();
        q.dedup();
        assert_eq!(q.len(), 6);
    }

    #[test]
    fn released_curves_are_embedded() {
        for preset in presets() {
            let c = released_curve(&preset.run);
            assert_eq!(c.len(), 16, "{}", preset.id);
            assert_eq!(c[0].0, 0);
            assert_eq!(c[15].0, 100);
        }
    }
}
