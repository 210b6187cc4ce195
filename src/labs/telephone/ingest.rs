//! Telephone uploads: chains of texts, each step a re-translation or rephrasing of the one before.
//!
//! Formats (sniffed from the content):
//! - **Generic JSON lines** `{"chain_id", "step", "text"[, "model"][, "language"]}`, one step per
//!   line, or the same columns as **CSV** with a header.
//! - **Broken Telephone evaluation JSON** (Mohamed et al. 2025, `Results/Evaluation/…`):
//!   `{"<title>": {"<step>": {"text": …, "factscore": …, "BLEU": …, …}}}`. Numeric fields other
//!   than the text are kept as the file's own metric values, shown beside ours.
//! - **Broken Telephone inference JSON**: `{"<id>": {"prompt": …, "0_en": x0, "1_fr": …,
//!   "1_en": x1, …, "model_sequence": […]}}`; the English text of each iteration is its step.
//!
//! Every chain needs its step 0 (the original): the metrics compare each step with it. A chain
//! without one is skipped; a repeated step keeps the first; steps out of order are sorted; an
//! empty text is kept (it scores 0 on every metric, as in the paper). Messages say where.

use crate::msg;
use crate::text::Deferred;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::ingest::detect::{Node, Sniff};
use crate::ingest::{clip, decode_text, IngestWarning, LineIndex};

/// One step of a chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChainStep {
    pub step: u32,
    pub text: String,
    /// Metric values the file carries for this step (name → value).
    pub carried: BTreeMap<String, f64>,
    pub model: Option<String>,
    pub language: Option<String>,
}

/// One chain: its steps sorted, step 0 first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chain {
    pub id: String,
    pub steps: Vec<ChainStep>,
}

/// What was read from a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChainFile {
    /// "jsonl", "csv", "broken-telephone" or "broken-telephone-inference".
    pub format: String,
    pub chains: Vec<Chain>,
    pub warnings: Vec<IngestWarning>,
    /// Rows (or steps) that could not be used.
    pub skipped_rows: usize,
    /// Chains dropped whole (no step 0, nothing readable).
    pub skipped_chains: usize,
}

/// Progress callback: (bytes done, bytes in all).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Reads a chain upload.
pub fn read_chains(bytes: &[u8]) -> ChainFile {
    read_chains_with_progress(bytes, &mut |_, _| {})
}

/// [`read_chains`], reporting progress as it goes (the worker shows it as a bar).
pub fn read_chains_with_progress(bytes: &[u8], progress: Progress) -> ChainFile {
    let mut out = ChainFile::default();
    let text = decode_text(bytes, &mut out.warnings);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        out.warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            msg!("ingest.file_empty"),
        ));
        return out;
    }
    let mut rows = Vec::new();
    if trimmed.starts_with('{') && looks_like_jsonl(trimmed.as_bytes()) {
        out.format = "jsonl".into();
        read_jsonl(&text, &mut rows, &mut out, progress);
    } else if trimmed.starts_with('{') {
        read_nested(&text, &mut rows, &mut out, progress);
    } else {
        out.format = "csv".into();
        read_csv(&text, &mut rows, &mut out, progress);
    }
    if rows.is_empty() && out.warnings.is_empty() {
        // A header and nothing under it, or JSON with no chain: say so, rather than an empty
        // report with no reason.
        out.warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            None,
            if out.format == "csv" {
                msg!("telephone.ingest.header_only")
            } else {
                msg!("telephone.ingest.no_chains")
            },
        ));
    }
    assemble(rows, &mut out);
    progress(bytes.len() as u64, bytes.len() as u64);
    out
}

/// One step as read, before chains are assembled.
struct Row {
    chain: String,
    step: u32,
    /// Where it came from ("line 7", "chain \"x\" step 4 (line 120)").
    at: Deferred,
    text: String,
    carried: BTreeMap<String, f64>,
    model: Option<String>,
    language: Option<String>,
}

/// A JSON-lines file starts with a one-line object that has `chain_id` or `step`.
fn looks_like_jsonl(bytes: &[u8]) -> bool {
    match Sniff::of(bytes) {
        Sniff::Records { json_lines, .. } => json_lines,
        Sniff::Json(node) => node.has("chain_id") || node.has("step"),
        _ => false,
    }
}

/// The formats this lab reads, recognised from a file's outline (the catalog id of the one it
/// is): a chain table, or a Broken Telephone evaluation or inference JSON.
pub fn recognise(sniff: &Sniff) -> Option<&'static str> {
    if sniff.has_columns(&["chain_id", "step", "text"]) {
        return Some("telephone.format.chains");
    }
    // `{"<title>": {"0": {…}, "2": {…}}}` or `{"<id>": {"prompt": …, "0_en": …}}`.
    let first = sniff.json().and_then(Node::first)?;
    if first.keys().any(|k| k == "0") && matches!(first.get("0"), Some(Node::Object(_))) {
        return Some("telephone.format.bt_eval");
    }
    let inference = first.has("model_sequence") || first.keys().any(|k| k == "0_en");
    inference.then_some("telephone.format.bt_inference")
}

fn step_number(v: &str) -> Option<u32> {
    let t = v.trim();
    t.parse::<u32>().ok().or_else(|| {
        // "4.0" from spreadsheets.
        t.parse::<f64>()
            .ok()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u32::MAX as f64)
            .map(|f| f as u32)
    })
}

fn json_scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn read_jsonl(text: &str, rows: &mut Vec<Row>, out: &mut ChainFile, progress: Progress) {
    let total = text.len() as u64;
    let mut done = 0u64;
    for (i, line) in text.lines().enumerate() {
        done += line.len() as u64 + 1;
        if i % 1024 == 0 {
            progress(done, total);
        }
        if line.trim().is_empty() {
            continue;
        }
        let at = msg!("ingest.at.line", line = i + 1);
        let obj = match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line) {
            Ok(o) => o,
            Err(e) => {
                out.skipped_rows += 1;
                out.warnings.push(IngestWarning::new(
                    at,
                    None,
                    msg!("ingest.not_object", error = e),
                ));
                continue;
            }
        };
        let get = |k: &str| obj.get(k).and_then(json_scalar);
        let carried = obj
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "chain_id" | "step" | "text" | "model" | "language"
                )
            })
            .filter_map(|(k, v)| v.as_f64().map(|f| (k.clone(), f)))
            .collect();
        push_row(
            rows,
            out,
            at,
            get("chain_id"),
            get("step"),
            obj.get("text").map(|t| t.as_str().map(str::to_string)),
            carried,
            get("model"),
            get("language"),
        );
    }
}

fn read_csv(text: &str, rows: &mut Vec<Row>, out: &mut ChainFile, progress: Progress) {
    let (mut reader, headers) = match crate::ingest::open_csv(text) {
        Ok(r) => r,
        Err(w) => {
            out.warnings.push(w);
            return;
        }
    };
    for need in ["chain_id", "step", "text"] {
        if !headers.iter().any(|h| h == need) {
            out.warnings.push(IngestWarning::new(
                msg!("ingest.at.line", line = 1),
                Some(need),
                msg!(
                    "telephone.ingest.missing_column",
                    column = need,
                    found = clip(&headers.join(", "))
                ),
            ));
            return;
        }
    }
    out.warnings.extend(crate::ingest::quote_warnings(text));
    let col = |name: &str| headers.iter().position(|h| h == name);
    let total = text.len() as u64;
    for (i, record) in reader.records().enumerate() {
        let line = crate::ingest::record_line(&record, i);
        if i % 1024 == 0 {
            if let Some(pos) = record.as_ref().ok().and_then(|r| r.position()) {
                progress(pos.byte(), total);
            }
        }
        match record {
            Ok(r) => {
                let at = msg!("ingest.at.line", line = line);
                let get = |name: &str| col(name).and_then(|k| r.get(k)).map(str::to_string);
                let carried = headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        !matches!(
                            h.as_str(),
                            "chain_id" | "step" | "text" | "model" | "language"
                        )
                    })
                    .filter_map(|(k, h)| {
                        r.get(k)
                            .and_then(|v| v.trim().parse::<f64>().ok())
                            .map(|f| (h.clone(), f))
                    })
                    .collect();
                push_row(
                    rows,
                    out,
                    at,
                    get("chain_id"),
                    get("step"),
                    Some(get("text")),
                    carried,
                    get("model").filter(|m| !m.trim().is_empty()),
                    get("language").filter(|m| !m.trim().is_empty()),
                );
            }
            Err(e) => {
                out.skipped_rows += 1;
                out.warnings.push(IngestWarning::unreadable_row(line, &e));
            }
        }
    }
}

/// Checks one row's fields and keeps it. `text` is `None` when absent, `Some(None)` when not a
/// string.
#[allow(clippy::too_many_arguments)]
fn push_row(
    rows: &mut Vec<Row>,
    out: &mut ChainFile,
    at: Deferred,
    chain: Option<String>,
    step: Option<String>,
    text: Option<Option<String>>,
    carried: BTreeMap<String, f64>,
    model: Option<String>,
    language: Option<String>,
) {
    let Some(chain) = chain.filter(|c| !c.trim().is_empty()) else {
        out.skipped_rows += 1;
        out.warnings.push(IngestWarning::new(
            at,
            Some("chain_id"),
            msg!("ingest.missing_row"),
        ));
        return;
    };
    let Some(raw_step) = step else {
        out.skipped_rows += 1;
        out.warnings.push(IngestWarning::new(
            at,
            Some("step"),
            msg!("ingest.missing_row"),
        ));
        return;
    };
    let Some(step) = step_number(&raw_step) else {
        out.skipped_rows += 1;
        out.warnings.push(IngestWarning::new(
            at,
            Some("step"),
            msg!("telephone.ingest.step", value = clip(&raw_step)),
        ));
        return;
    };
    let text = match text {
        None => {
            out.skipped_rows += 1;
            out.warnings.push(IngestWarning::new(
                at,
                Some("text"),
                msg!("ingest.missing_row"),
            ));
            return;
        }
        Some(None) => {
            out.skipped_rows += 1;
            out.warnings.push(IngestWarning::new(
                at,
                Some("text"),
                msg!("ingest.not_string"),
            ));
            return;
        }
        Some(Some(t)) => t,
    };
    rows.push(Row {
        chain,
        step,
        at,
        text,
        carried,
        model,
        language,
    });
}

/// The Broken Telephone JSON formats: chains as raw slices first, so one bad chain spoils only
/// itself and a cut-off file keeps the chains before the cut.
fn read_nested(text: &str, rows: &mut Vec<Row>, out: &mut ChainFile, progress: Progress) {
    let mut raw_chains: Vec<(String, &RawValue)> = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let outcome = Collect {
        sink: &mut raw_chains,
    }
    .deserialize(&mut de)
    .and_then(|_| de.end());
    if let Err(e) = &outcome {
        out.warnings.push(IngestWarning::new(
            msg!(
                "ingest.at.line_column",
                line = e.line(),
                column = e.column()
            ),
            None,
            if raw_chains.is_empty() {
                msg!("telephone.ingest.not_chains", error = e)
            } else {
                msg!(
                    "telephone.ingest.cut_off",
                    error = e,
                    chains = raw_chains.len()
                )
            },
        ));
    }
    let base = text.as_ptr() as usize;
    let total = text.len() as u64;
    let mut inference = 0usize;
    // Chains come in file order: their lines are counted in one pass over the file.
    let mut lines = LineIndex::new(text);
    for (title, raw) in raw_chains {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(base);
        progress((offset + raw.get().len()) as u64, total);
        let chain_line = lines.line_at(offset);
        let line = || chain_line;
        let entries: Vec<(String, &RawValue)> =
            match serde_json::from_str::<HashMap<String, &RawValue>>(raw.get()) {
                Ok(m) => m.into_iter().collect(),
                Err(e) => {
                    out.skipped_chains += 1;
                    out.warnings.push(IngestWarning::new(
                        msg!(
                            "telephone.at.chain_line",
                            chain = clip(&title),
                            line = line()
                        ),
                        None,
                        msg!("telephone.ingest.not_steps", error = e),
                    ));
                    continue;
                }
            };
        let is_inference = entries.iter().any(|(k, _)| k.ends_with("_en"));
        inference += is_inference as usize;
        let models: Vec<String> = entries
            .iter()
            .find(|(k, _)| k == "model_sequence")
            .and_then(|(_, v)| serde_json::from_str::<Vec<String>>(v.get()).ok())
            .unwrap_or_default();
        for (key, value) in entries {
            let at = msg!(
                "telephone.at.chain_step",
                chain = clip(&title),
                step = clip(&key),
                line = line()
            );
            // (step, text, numbers carried alongside, model) of this entry.
            let (step, text, carried, model) = if is_inference {
                // "12_en" is the English text after iteration 12; "12_fr" the pivot, skipped.
                let Some(step) = key.strip_suffix("_en").and_then(step_number) else {
                    continue;
                };
                let model = models.get((2 * step as usize).saturating_sub(1)).cloned();
                let text = serde_json::from_str::<String>(value.get()).ok();
                (step, Some(text), BTreeMap::new(), model)
            } else {
                let Some(step) = step_number(&key) else {
                    out.warnings.push(IngestWarning::new(
                        at,
                        None,
                        msg!("telephone.ingest.not_step"),
                    ));
                    continue;
                };
                match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(
                    value.get(),
                ) {
                    Ok(obj) => {
                        let carried = obj
                            .iter()
                            .filter(|(k, _)| k.as_str() != "text")
                            .filter_map(|(k, v)| v.as_f64().map(|f| (k.clone(), f)))
                            .collect();
                        let text = obj.get("text").map(|t| t.as_str().map(str::to_string));
                        (step, text, carried, None)
                    }
                    // A bare string is a step's text.
                    Err(_) => {
                        let text = serde_json::from_str::<String>(value.get()).ok();
                        (step, Some(text), BTreeMap::new(), None)
                    }
                }
            };
            push_row(
                rows,
                out,
                at,
                Some(title.clone()),
                Some(step.to_string()),
                text,
                carried,
                model,
                None,
            );
        }
    }
    out.format = if inference > 0 {
        "broken-telephone-inference".into()
    } else {
        "broken-telephone".into()
    };
}

struct Collect<'s, 'de> {
    sink: &'s mut Vec<(String, &'de RawValue)>,
}

impl<'de> DeserializeSeed<'de> for Collect<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Collect<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object mapping chain titles to their steps")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let raw: &'de RawValue = map.next_value()?;
            self.sink.push((key, raw));
        }
        Ok(())
    }
}

/// Groups rows into chains (in order of first appearance) and applies the chain rules.
fn assemble(rows: Vec<Row>, out: &mut ChainFile) {
    let mut order: Vec<String> = Vec::new();
    let mut by_chain: HashMap<String, Vec<Row>> = HashMap::new();
    for row in rows {
        if !by_chain.contains_key(&row.chain) {
            order.push(row.chain.clone());
        }
        by_chain.entry(row.chain.clone()).or_default().push(row);
    }
    for id in order {
        let Some(mut rows) = by_chain.remove(&id) else {
            continue;
        };
        if rows.windows(2).any(|w| w[0].step > w[1].step) && out.format != "broken-telephone" {
            out.warnings.push(IngestWarning::new(
                msg!("telephone.at.chain", chain = clip(&id)),
                Some("step"),
                msg!("telephone.ingest.sorted"),
            ));
        }
        // Stable: the first of repeated steps stays first.
        rows.sort_by_key(|r| r.step);
        let mut steps: Vec<ChainStep> = Vec::with_capacity(rows.len());
        let mut first_at: Vec<Deferred> = Vec::with_capacity(rows.len());
        for r in rows {
            if steps.last().is_some_and(|s| s.step == r.step) {
                out.skipped_rows += 1;
                out.warnings.push(IngestWarning::new(
                    r.at,
                    Some("step"),
                    msg!(
                        "telephone.ingest.duplicate",
                        step = r.step,
                        chain = clip(&id),
                        first = first_at
                            .last()
                            .map_or_else(|| "?".to_string(), |a| a.to_string())
                    ),
                ));
                continue;
            }
            if r.text.trim().is_empty() && r.step > 0 {
                out.warnings.push(IngestWarning::new(
                    r.at.clone(),
                    Some("text"),
                    msg!("telephone.ingest.empty_text"),
                ));
            }
            first_at.push(r.at);
            steps.push(ChainStep {
                step: r.step,
                text: r.text,
                carried: r.carried,
                model: r.model,
                language: r.language,
            });
        }
        match steps.first() {
            Some(s) if s.step == 0 && !s.text.trim().is_empty() => {
                out.chains.push(Chain { id, steps });
            }
            Some(s) if s.step == 0 => {
                out.skipped_chains += 1;
                out.skipped_rows += steps.len();
                out.warnings.push(IngestWarning::new(
                    first_at
                        .first()
                        .cloned()
                        .unwrap_or_else(|| Deferred::from("")),
                    Some("text"),
                    msg!("telephone.ingest.empty_original", chain = clip(&id)),
                ));
            }
            _ => {
                out.skipped_chains += 1;
                out.skipped_rows += steps.len();
                out.warnings.push(IngestWarning::new(
                    msg!("telephone.at.chain", chain = clip(&id)),
                    Some("step"),
                    msg!(
                        "telephone.ingest.no_original",
                        first = steps.first().map(|s| s.step).unwrap_or(0)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_said_with_the_rows_it_swallowed() {
        let file = read_chains(
            b"chain_id,step,text\na,0,The cat sat.\na,1,\"The cat sat down.\na,2,lost\nb,0,lost\n",
        );
        let said: Vec<String> = file.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            said.iter()
                .any(|w| w
                    .starts_with("line 3: a quote opened on line 3 is never closed: lines 3–5")),
            "{said:?}"
        );
    }

    #[test]
    fn jsonl_chains_with_every_kind_of_trouble() {
        let jsonl = r#"{"chain_id":"a","step":0,"text":"The cat sat on the mat.","model":"llama","language":"fr"}
{"chain_id":"a","step":2,"text":"The cat sits on the mat."}
{"chain_id":"a","step":1,"text":"A cat sat on a mat."}
{"chain_id":"a","step":1,"text":"duplicate"}
{"chain_id":"b","step":1,"text":"no original"}
{"chain_id":"c","step":0,"text":"Original text here."}
{"chain_id":"c","step":1,"text":""}
{"chain_id":"d","step":"x","text":"bad step"}
{"chain_id":"d","step":0}
not json
{"step":0,"text":"no chain"}
"#;
        let f = read_chains(jsonl.as_bytes());
        assert_eq!(f.format, "jsonl");
        let ids: Vec<&str> = f.chains.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        let a = &f.chains[0];
        assert_eq!(
            a.steps.iter().map(|s| s.step).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert_eq!(
            a.steps[1].text, "A cat sat on a mat.",
            "the first of a repeated step is kept"
        );
        assert_eq!(a.steps[0].model.as_deref(), Some("llama"));
        let has = |loc: &str, needle: &str| {
            f.warnings
                .iter()
                .any(|w| w.location.to_string() == loc && w.to_string().contains(needle))
        };
        assert!(has("chain \"a\"", "out of order"));
        assert!(has("line 4", "first at line 3"));
        assert!(has("chain \"b\"", "no step 0"));
        assert!(has("line 7", "empty; kept"));
        assert!(has("line 8", "not a whole number"));
        assert!(has("line 9", "text: missing"));
        assert!(has("line 10", "not a JSON object"));
        assert!(has("line 11", "chain_id: missing"));
        // Skipped rows: duplicate, chain b's one row, bad step, missing text, not json, no chain.
        assert_eq!(f.skipped_rows, 6);
        assert_eq!(f.skipped_chains, 1);
    }

    #[test]
    fn broken_telephone_evaluation_json() {
        let json = r#"{
  "Truck driver fined": {"0": {"text": "A truck driver was fined.", "factscore": 0.96, "BLEU": 1.0},
                          "2": {"text": "A lorry driver was fined.", "factscore": 0.9, "BLEU": 0.5},
                          "2b": {"text": "?"}},
  "No original": {"4": {"text": "x"}},
  "Broken": [1, 2]
}"#;
        let f = read_chains(json.as_bytes());
        assert_eq!(f.format, "broken-telephone");
        assert_eq!(f.chains.len(), 1);
        let c = &f.chains[0];
        assert_eq!(c.id, "Truck driver fined");
        assert_eq!(c.steps.len(), 2);
        assert_eq!(c.steps[1].carried.get("factscore"), Some(&0.9));
        assert_eq!(f.skipped_chains, 2);
        assert!(f
            .warnings
            .iter()
            .any(|w| w.message.to_string().contains("not a step number")));
        assert!(f.warnings.iter().any(|w| w
            .location
            .to_string()
            .starts_with("chain \"Broken\" (line 6)")));
    }

    #[test]
    fn broken_telephone_inference_json_and_a_cut() {
        let json = r#"{"17": {"prompt": "Translate…", "0_en": "Original.", "1_fr": "Originale.", "1_en": "The original.",
  "2_fr": "L'original.", "2_en": "The original one.", "model_sequence": ["llama", "mistral", "llama", "llama"]},
 "18": {"0_en": "Second.", "1_fr": "Deuxième.", "1_en": "Sec"#;
        let f = read_chains(json.as_bytes());
        assert_eq!(f.format, "broken-telephone-inference");
        assert_eq!(f.chains.len(), 1);
        let c = &f.chains[0];
        assert_eq!(
            c.steps.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            ["Original.", "The original.", "The original one."]
        );
        assert_eq!(
            c.steps[1].model.as_deref(),
            Some("mistral"),
            "the model of the hop back to English"
        );
        assert!(f
            .warnings
            .iter()
            .any(|w| w.location.to_string().starts_with("line 3")
                && w.message.to_string().contains("kept the 1 chains")));
    }

    #[test]
    fn csv_with_carried_metrics_and_missing_columns() {
        let csv = "chain_id,step,text,bleu\nx,0,\"Hello, world.\",1\nx,1,\"Hello world!\",0.4\n";
        let f = read_chains(csv.as_bytes());
        assert_eq!(f.format, "csv");
        assert_eq!(f.chains[0].steps[1].carried.get("bleu"), Some(&0.4));
        let f = read_chains(b"id,text\n1,x\n");
        assert!(f.chains.is_empty());
        assert!(f.warnings[0]
            .to_string()
            .contains("missing column chain_id"));
        let f = read_chains(b"");
        assert_eq!(f.warnings[0].message.to_string(), "the file is empty");
        // A header and no rows, and JSON lines with nothing in them: said, not an empty report.
        for (bytes, said) in [
            (
                &b"chain_id,step,text\r\n"[..],
                "file: a header and no rows under it: nothing to measure",
            ),
            (
                &b"{}"[..],
                "file: no chain in this file: nothing to measure",
            ),
        ] {
            let f = read_chains(bytes);
            assert!(f.chains.is_empty());
            assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
            assert_eq!(f.warnings[0].to_string(), said);
        }
    }
}
