//! Telephone chains measured: every step against the original (step 0) and against the chain's
//! previous recorded step, with BLEU, chrF, ROUGE-1, ROUGE-L, length ratio and word edit
//! distance ([`crate::text_metrics`]); mean ± standard deviation across chains per step (the
//! population deviation, numpy's default, as in the paper's evaluation); a plateau
//! `FS∞ + A·e^(−t/τ)` fitted to one metric's mean curve. The page and `cascade telephone analyze`
//! print the same numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::labs::telephone::ingest::{Chain, ChainFile};
use crate::stats::{plateau_fit, PlateauFit};
use crate::text_metrics::{compare, Interner, Profile, Scores};

/// Mean and population standard deviation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeanStd {
    pub mean: f64,
    pub std: f64,
}

/// Accumulates values (Welford), skipping non-finite ones.
#[derive(Clone, Copy, Debug, Default)]
struct Acc {
    n: usize,
    mean: f64,
    m2: f64,
}

impl Acc {
    fn push(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }
    fn get(&self) -> MeanStd {
        if self.n == 0 {
            return MeanStd {
                mean: f64::NAN,
                std: f64::NAN,
            };
        }
        MeanStd {
            mean: self.mean,
            std: (self.m2 / self.n as f64).max(0.0).sqrt(),
        }
    }
}

/// The metric names, as in the JSON and the page's `data-metric` attributes.
pub const METRICS: [&str; 6] = [
    "bleu",
    "chrf",
    "rouge1",
    "rougeL",
    "length_ratio",
    "edit_distance",
];

/// One metric's value in a [`Scores`].
pub fn metric_value(s: &Scores, name: &str) -> f64 {
    match name {
        "bleu" => s.bleu,
        "chrf" => s.chrf,
        "rouge1" => s.rouge1,
        "rougeL" => s.rouge_l,
        "length_ratio" => s.length_ratio,
        "edit_distance" => s.edit_distance,
        _ => f64::NAN,
    }
}

/// Mean ± std of every metric at one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricSet {
    pub bleu: MeanStd,
    pub chrf: MeanStd,
    pub rouge1: MeanStd,
    #[serde(rename = "rougeL")]
    pub rouge_l: MeanStd,
    pub length_ratio: MeanStd,
    pub edit_distance: MeanStd,
}

impl MetricSet {
    /// One metric by name.
    pub fn get(&self, name: &str) -> Option<MeanStd> {
        Some(match name {
            "bleu" => self.bleu,
            "chrf" => self.chrf,
            "rouge1" => self.rouge1,
            "rougeL" => self.rouge_l,
            "length_ratio" => self.length_ratio,
            "edit_distance" => self.edit_distance,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct SetAcc([Acc; 6]);

impl SetAcc {
    fn push(&mut self, s: &Scores) {
        for (acc, name) in self.0.iter_mut().zip(METRICS) {
            acc.push(metric_value(s, name));
        }
    }
    fn get(&self) -> MetricSet {
        let [b, c, r1, rl, lr, ed] = self.0.map(|a| a.get());
        MetricSet {
            bleu: b,
            chrf: c,
            rouge1: r1,
            rouge_l: rl,
            length_ratio: lr,
            edit_distance: ed,
        }
    }
}

/// One step across chains. The metrics against the original sit at the top level (the JSON
/// shape scripts read); written out rather than flattened, which would cost the page ~25 KB.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    pub step: u32,
    /// Chains that have this step.
    pub n: usize,
    pub bleu: MeanStd,
    pub chrf: MeanStd,
    pub rouge1: MeanStd,
    #[serde(rename = "rougeL")]
    pub rouge_l: MeanStd,
    pub length_ratio: MeanStd,
    pub edit_distance: MeanStd,
    /// Against each chain's previous recorded step (absent at step 0).
    pub previous: Option<MetricSet>,
    /// The file's own metric values at this step (name → mean ± std), where it carries them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub carried: BTreeMap<String, MeanStd>,
}

impl StepReport {
    /// The metrics against the original.
    pub fn original(&self) -> MetricSet {
        MetricSet {
            bleu: self.bleu,
            chrf: self.chrf,
            rouge1: self.rouge1,
            rouge_l: self.rouge_l,
            length_ratio: self.length_ratio,
            edit_distance: self.edit_distance,
        }
    }
}

/// The fitted plateau and which curve it was fitted to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub metric: String,
    pub plateau: f64,
    pub amplitude: f64,
    pub tau: f64,
    pub half_life: f64,
    pub rmse: f64,
    /// Whether the fitted curve follows the data over the last third of the steps
    /// (`stats::PlateauFit`): false when the data keep falling past a flattened fit.
    #[serde(default = "yes")]
    pub follows_data: bool,
    /// The data's change over the last steps, and the fit's (false above means they differ).
    #[serde(default)]
    pub tail_data_change: f64,
    #[serde(default)]
    pub tail_fit_change: f64,
    #[serde(default)]
    pub tail_from: f64,
}

fn yes() -> bool {
    true
}

impl Fit {
    fn new(metric: &str, f: PlateauFit) -> Fit {
        Fit {
            metric: metric.to_string(),
            plateau: f.plateau,
            amplitude: f.amplitude,
            tau: f.tau,
            half_life: f.half_life,
            rmse: f.rmse,
            follows_data: f.follows_data,
            tail_data_change: f.tail_data_change,
            tail_fit_change: f.tail_fit_change,
            tail_from: f.tail_from,
        }
    }
}

/// Per-chain scores, for the page's chain views (not in the JSON).
#[derive(Clone, Debug, PartialEq)]
pub struct ChainScores {
    pub id: String,
    /// (step, against the original, against the previous step).
    pub steps: Vec<(u32, Scores, Option<Scores>)>,
}

/// The whole report (`cascade telephone analyze --json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TelephoneReport {
    pub chains: usize,
    pub steps: Vec<StepReport>,
    pub fit: Option<Fit>,
    /// The upload's format, what was skipped and why.
    pub format: String,
    pub skipped_chains: usize,
    pub skipped_rows: usize,
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub per_chain: Vec<ChainScores>,
}

/// Scores of every chain (the expensive part; `progress(done, total)` after each chain).
pub fn score_chains(chains: &[Chain], progress: &mut dyn FnMut(usize, usize)) -> Vec<ChainScores> {
    let mut interner = Interner::default();
    let mut out = Vec::with_capacity(chains.len());
    for (i, chain) in chains.iter().enumerate() {
        // Only the original's profile and the previous step's are kept while a chain is
        // scored: memory stays that of three texts, however long the chain.
        let empty = |k: usize| chain.steps[k].text.trim().is_empty();
        let score = |k: usize, p: &Profile, r: &Profile| {
            let mut s = compare(p, r);
            if empty(k) {
                // Empty outputs score 0 on every metric (the paper's convention).
                s.bleu = 0.0;
                s.chrf = 0.0;
                s.rouge1 = 0.0;
                s.rouge_l = 0.0;
            }
            s
        };
        let mut steps = Vec::with_capacity(chain.steps.len());
        let mut original: Option<Profile> = None;
        let mut previous: Option<Profile> = None;
        for (k, step) in chain.steps.iter().enumerate() {
            let profile = Profile::new(&step.text, &mut interner);
            let reference = original.as_ref().unwrap_or(&profile);
            let against_original = score(k, &profile, reference);
            let against_previous = (k > 0)
                .then(|| previous.as_ref().or(original.as_ref()))
                .flatten()
                .map(|r| score(k, &profile, r));
            steps.push((step.step, against_original, against_previous));
            if original.is_none() {
                original = Some(profile);
            } else {
                previous = Some(profile);
            }
        }
        out.push(ChainScores {
            id: chain.id.clone(),
            steps,
        });
        progress(i + 1, chains.len());
    }
    out
}

/// Aggregates scored chains into the report; `fit_metric` names the curve the plateau is
/// fitted to (one of [`METRICS`] or a carried metric such as `factscore`).
pub fn summarize(
    file: &ChainFile,
    per_chain: Vec<ChainScores>,
    fit_metric: &str,
) -> TelephoneReport {
    let chains = &file.chains;
    let mut by_step: BTreeMap<u32, (usize, SetAcc, SetAcc, BTreeMap<String, Acc>)> =
        BTreeMap::new();
    for (chain, scores) in chains.iter().zip(&per_chain) {
        for (step, (s, original, previous)) in chain.steps.iter().zip(&scores.steps) {
            let e = by_step.entry(*s).or_default();
            e.0 += 1;
            e.1.push(original);
            if let Some(p) = previous {
                e.2.push(p);
            }
            for (name, v) in &step.carried {
                e.3.entry(name.clone()).or_default().push(*v);
            }
        }
    }
    let steps: Vec<StepReport> = by_step
        .into_iter()
        .map(|(step, (n, original, previous, carried))| {
            let o = original.get();
            StepReport {
                step,
                n,
                bleu: o.bleu,
                chrf: o.chrf,
                rouge1: o.rouge1,
                rouge_l: o.rouge_l,
                length_ratio: o.length_ratio,
                edit_distance: o.edit_distance,
                previous: (step > 0).then(|| previous.get()),
                carried: carried.into_iter().map(|(k, a)| (k, a.get())).collect(),
            }
        })
        .collect();
    let fit = fit_steps(&steps, fit_metric);
    TelephoneReport {
        chains: chains.len(),
        steps,
        fit,
        format: file.format.clone(),
        skipped_chains: file.skipped_chains,
        skipped_rows: file.skipped_rows,
        warnings: file
            .warnings
            .iter()
            .map(|w| w.to_string())
            .chain(long_texts(chains))
            .collect(),
        per_chain,
    }
}

/// `most` evenly spaced indices of `0..n` (all of them when there are no more), the first
/// and the last always among them.
pub fn spaced(n: usize, most: usize) -> Vec<usize> {
    if n <= most || most < 2 {
        return (0..n).collect();
    }
    let mut rows: Vec<usize> = (0..most).map(|i| i * (n - 1) / (most - 1)).collect();
    rows.dedup();
    rows
}

/// Says how many texts are longer than the alignment of ROUGE-L and the edit distance sees.
fn long_texts(chains: &[Chain]) -> Option<String> {
    let aligned = crate::text_metrics::ALIGNED;
    let n = chains
        .iter()
        .flat_map(|c| &c.steps)
        .filter(|s| s.text.split_whitespace().nth(aligned).is_some())
        .count();
    (n > 0).then(|| crate::tr!("telephone.long_texts", n = n, words = aligned))
}

/// The plateau fitted to one metric's mean curve (ours or one the file carries).
pub fn fit_steps(steps: &[StepReport], metric: &str) -> Option<Fit> {
    let points: Vec<(f64, f64)> = steps
        .iter()
        .filter_map(|s| {
            let v = s
                .original()
                .get(metric)
                .or_else(|| s.carried.get(metric).copied())?;
            v.mean.is_finite().then_some((s.step as f64, v.mean))
        })
        .collect();
    plateau_fit(&points).map(|f| Fit::new(metric, f))
}

/// Scores and summarises in one go.
pub fn analyze(file: &ChainFile, fit_metric: &str) -> TelephoneReport {
    let per_chain = score_chains(&file.chains, &mut |_, _| {});
    summarize(file, per_chain, fit_metric)
}

/// The metrics a report can fit: ours, then the file's own.
pub fn fit_choices(report: &TelephoneReport) -> Vec<String> {
    let mut out: Vec<String> = METRICS[..4].iter().map(|s| s.to_string()).collect();
    let mut carried: Vec<String> = report
        .steps
        .iter()
        .flat_map(|s| s.carried.keys().cloned())
        .collect();
    carried.sort();
    carried.dedup();
    out.extend(carried);
    out
}

/// One word-level edit of a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum DiffOp {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// Word diff from `a` to `b` (whitespace-separated words; a longest common subsequence).
pub fn word_diff(a: &str, b: &str) -> Vec<DiffOp> {
    let x: Vec<&str> = a.split_whitespace().collect();
    let y: Vec<&str> = b.split_whitespace().collect();
    // LCS table from the end, (n+1) × (m+1), u16 cells: passages are hundreds of words. Very
    // long texts fall back to a whole-text replacement rather than a huge table.
    if (x.len() + 1).saturating_mul(y.len() + 1) > 4_000_000 {
        let mut out: Vec<DiffOp> = x.iter().map(|w| DiffOp::Deleted(w.to_string())).collect();
        out.extend(y.iter().map(|w| DiffOp::Inserted(w.to_string())));
        return out;
    }
    let m = y.len() + 1;
    let mut t = vec![0u32; (x.len() + 1) * m];
    for i in (0..x.len()).rev() {
        for j in (0..y.len()).rev() {
            t[i * m + j] = if x[i] == y[j] {
                t[(i + 1) * m + j + 1] + 1
            } else {
                t[(i + 1) * m + j].max(t[i * m + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < x.len() && j < y.len() {
        if x[i] == y[j] {
            out.push(DiffOp::Same(x[i].to_string()));
            i += 1;
            j += 1;
        } else if t[(i + 1) * m + j] >= t[i * m + j + 1] {
            out.push(DiffOp::Deleted(x[i].to_string()));
            i += 1;
        } else {
            out.push(DiffOp::Inserted(y[j].to_string()));
            j += 1;
        }
    }
    out.extend(x[i..].iter().map(|w| DiffOp::Deleted(w.to_string())));
    out.extend(y[j..].iter().map(|w| DiffOp::Inserted(w.to_string())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::telephone::ingest::read_chains;
    use crate::text_metrics::compare_texts;

    #[test]
    fn steps_are_aggregated_across_chains() {
        let jsonl = r#"{"chain_id":"a","step":0,"text":"the cat sat on the mat"}
{"chain_id":"a","step":1,"text":"the cat is on the mat"}
{"chain_id":"a","step":2,"text":"a cat is on a mat","factscore":0.5}
{"chain_id":"b","step":0,"text":"dogs bark at night"}
{"chain_id":"b","step":2,"text":""}
"#;
        let f = read_chains(jsonl.as_bytes());
        let r = analyze(&f, "chrf");
        assert_eq!(r.chains, 2);
        assert_eq!(
            r.steps.iter().map(|s| (s.step, s.n)).collect::<Vec<_>>(),
            [(0, 2), (1, 1), (2, 2)]
        );
        // sacrebleu's BLEU of a text with itself is 1 + 4e-16, and so is ours.
        assert!((r.steps[0].bleu.mean - 1.0).abs() < 1e-12);
        assert!(r.steps[0].bleu.std < 1e-12);
        // Step 2: chain a against its original, chain b empty (0): population std = |x|/2.
        let a2 = compare_texts("a cat is on a mat", "the cat sat on the mat");
        let s2 = r.steps[2].original();
        assert!((s2.chrf.mean - a2.chrf / 2.0).abs() < 1e-12);
        assert!((s2.chrf.std - a2.chrf / 2.0).abs() < 1e-12);
        // Against the previous step: chain a step 2 vs step 1; chain b step 2 vs step 0.
        let prev = r.steps[2].previous.unwrap();
        let a21 = compare_texts("a cat is on a mat", "the cat is on the mat");
        assert!((prev.rouge1.mean - a21.rouge1 / 2.0).abs() < 1e-12);
        assert_eq!(r.steps[2].carried["factscore"].mean, 0.5);
        assert!(r.fit.is_some());
        let json = serde_json::to_value(&r).unwrap();
        for key in ["bleu", "chrf", "rouge1", "rougeL", "length_ratio"] {
            assert!(json["steps"][1][key]["mean"].is_number(), "{key}");
        }
        assert!(json["fit"]["half_life"].is_number());
    }

    #[test]
    fn word_diff_marks_insertions_and_deletions() {
        use DiffOp::*;
        let d = word_diff("the cat sat on the mat", "the cat is on a mat");
        assert_eq!(
            d,
            vec![
                Same("the".into()),
                Same("cat".into()),
                Deleted("sat".into()),
                Inserted("is".into()),
                Same("on".into()),
                Deleted("the".into()),
                Inserted("a".into()),
                Same("mat".into()),
            ]
        );
        assert_eq!(word_diff("", "x"), vec![Inserted("x".into())]);
    }
}
