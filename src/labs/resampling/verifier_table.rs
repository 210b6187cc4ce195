//! The generic verifier table: one row per sample, `task_id, verifier_pass, correct[, model]`,
//! as CSV (with a header) or JSON lines. A `model` column splits the file into one model each.

use crate::msg;
use crate::tr;
use std::collections::BTreeMap;

use super::results::{IngestError, Progress, ResultsFile, ResultsFormat, TaskCounts};
use crate::ingest::{clip, parse_bool, IngestWarning};

const REQUIRED: [&str; 3] = ["task_id", "verifier_pass", "correct"];

/// Accumulates rows into per-model, per-task counts, keeping first-seen order.
#[derive(Default)]
struct Tables {
    models: BTreeMap<String, (Vec<String>, BTreeMap<String, TaskCounts>)>,
    model_order: Vec<String>,
}

impl Tables {
    fn add(&mut self, model: &str, task: &str, pass: bool, correct: bool) {
        if !self.models.contains_key(model) {
            self.model_order.push(model.to_string());
        }
        let (order, tasks) = self.models.entry(model.to_string()).or_default();
        let t = tasks.entry(task.to_string()).or_insert_with(|| {
            order.push(task.to_string());
            TaskCounts {
                task_id: task.to_string(),
                truth: true,
                ..Default::default()
            }
        });
        t.n += 1;
        match (pass, correct) {
            (true, true) => t.pass_correct += 1,
            (true, false) => t.pass_wrong += 1,
            (false, c) => {
                t.rejected += 1;
                if c {
                    t.rejected_correct += 1;
                }
            }
        }
    }

    fn finish(
        mut self,
        name: &str,
        format: ResultsFormat,
        warnings: Vec<IngestWarning>,
        skipped: usize,
    ) -> Vec<ResultsFile> {
        let several = self.model_order.len() > 1;
        let mut out = Vec::new();
        for model in &self.model_order {
            let Some((order, mut tasks)) = self.models.remove(model) else {
                continue;
            };
            let tasks: Vec<TaskCounts> = order.iter().filter_map(|id| tasks.remove(id)).collect();
            let label = if several || !model.is_empty() && model != "-" {
                if model.is_empty() {
                    tr!("verifier.no_model", name = name)
                } else {
                    format!("{name} · {model}")
                }
            } else {
                name.to_string()
            };
            out.push(ResultsFile {
                name: label,
                format,
                tasks,
                warnings: warnings.clone(),
                skipped,
            });
        }
        if out.is_empty() {
            out.push(ResultsFile {
                name: name.to_string(),
                format,
                tasks: Vec::new(),
                warnings,
                skipped,
            });
        }
        out
    }
}

/// Reads the CSV layout.
pub fn read_csv(
    name: &str,
    text: &str,
    mut warnings: Vec<IngestWarning>,
    progress: Progress,
) -> Result<Vec<ResultsFile>, IngestError> {
    let total = text.len() as u64;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| IngestError::Unreadable {
            name: name.into(),
            message: crate::msg!("ingest.header", error = e),
        })?
        .clone();
    warnings.extend(crate::ingest::quote_warnings(text));
    let col = |want: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(want))
    };
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| col(c).is_none())
        .collect();
    if !missing.is_empty() {
        let found: Vec<&str> = headers.iter().take(12).collect();
        return Err(IngestError::Unreadable {
            name: name.into(),
            message: crate::msg!(
                "verifier.missing_columns",
                columns = missing.join(", "),
                found = found.join(", ")
            ),
        });
    }
    let (ti, vi, ci) = (
        col("task_id").unwrap_or(0),
        col("verifier_pass").unwrap_or(1),
        col("correct").unwrap_or(2),
    );
    let mi = col("model");
    let mut tables = Tables::default();
    let mut skipped = 0;
    for (i, record) in reader.records().enumerate() {
        if i % 4096 == 0 {
            if let Some(pos) = record.as_ref().ok().and_then(|r| r.position()) {
                progress(pos.byte(), total);
            }
        }
        let line = crate::ingest::record_line(&record, i);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                skipped += 1;
                warnings.push(IngestWarning::unreadable_row(line, &e));
                continue;
            }
        };
        let at = msg!("ingest.at.line", line = line);
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("");
        let task = cell(ti);
        if task.is_empty() {
            skipped += 1;
            warnings.push(IngestWarning::new(
                at,
                Some("task_id"),
                msg!("verifier.empty_task"),
            ));
            continue;
        }
        let (Some(pass), Some(correct)) = (parse_bool(cell(vi)), parse_bool(cell(ci))) else {
            skipped += 1;
            let (field, value) = if parse_bool(cell(vi)).is_none() {
                ("verifier_pass", cell(vi))
            } else {
                ("correct", cell(ci))
            };
            warnings.push(IngestWarning::new(
                at,
                Some(field),
                msg!("verifier.not_boolean", value = clip(value)),
            ));
            continue;
        };
        tables.add(mi.map(cell).unwrap_or(""), task, pass, correct);
    }
    Ok(tables.finish(name, ResultsFormat::Csv, warnings, skipped))
}

/// Reads the JSON-lines layout.
pub fn read_jsonl(
    name: &str,
    text: &str,
    mut warnings: Vec<IngestWarning>,
    progress: Progress,
) -> Result<Vec<ResultsFile>, IngestError> {
    let total = text.len() as u64;
    let mut offset = 0u64;
    let mut tables = Tables::default();
    let mut skipped = 0;
    for (i, line) in text.lines().enumerate() {
        if i % 4096 == 0 {
            progress(offset, total);
        }
        offset += line.len() as u64 + 1;
        let at = msg!("ingest.at.line", line = i + 1);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let obj: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(line) {
            Ok(o) => o,
            Err(e) => {
                skipped += 1;
                warnings.push(IngestWarning::new(
                    at,
                    None,
                    msg!("ingest.not_object", error = e),
                ));
                continue;
            }
        };
        let text_of = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let bool_of = |v: Option<&serde_json::Value>| match v {
            Some(serde_json::Value::Bool(b)) => Some(*b),
            Some(serde_json::Value::Number(n)) => n.as_f64().and_then(|x| {
                if x == 1.0 {
                    Some(true)
                } else if x == 0.0 {
                    Some(false)
                } else {
                    None
                }
            }),
            Some(serde_json::Value::String(s)) => parse_bool(s),
            _ => None,
        };
        let Some(task) = obj
            .get("task_id")
            .and_then(text_of)
            .filter(|t| !t.is_empty())
        else {
            skipped += 1;
            warnings.push(IngestWarning::new(
                at,
                Some("task_id"),
                msg!("verifier.task_not_string"),
            ));
            continue;
        };
        let mut bad = None;
        let pass = bool_of(obj.get("verifier_pass"));
        let correct = bool_of(obj.get("correct"));
        if pass.is_none() {
            bad = Some("verifier_pass");
        } else if correct.is_none() {
            bad = Some("correct");
        }
        let (Some(pass), Some(correct)) = (pass, correct) else {
            skipped += 1;
            let field = bad.unwrap_or("verifier_pass");
            let shown = obj
                .get(field)
                .map(|v| clip(&v.to_string()))
                .unwrap_or_else(|| "missing".into());
            warnings.push(IngestWarning::new(
                at,
                Some(field),
                msg!("verifier.json_not_boolean", value = shown),
            ));
            continue;
        };
        let model = obj.get("model").and_then(text_of).unwrap_or_default();
        tables.add(&model, &task, pass, correct);
    }
    Ok(tables.finish(name, ResultsFormat::Jsonl, warnings, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::resampling::ingest::read_results;

    #[test]
    fn csv_with_models_splits_and_reports_bad_cells() {
        let text = "task_id,verifier_pass,correct,model\nA,1,1,m1\nA,true,false,m1\nA,0,yes,m1\nB,maybe,1,m1\nA,1,1,m2\n";
        let files = read_results("r.csv", text.as_bytes()).unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].name, "r.csv · m1");
        let t = &files[0].tasks[0];
        assert_eq!(
            (
                t.n,
                t.pass_correct,
                t.pass_wrong,
                t.rejected,
                t.rejected_correct
            ),
            (3, 1, 1, 1, 1)
        );
        assert_eq!(files[0].skipped, 1);
        let w = files[0].warnings[0].to_string();
        assert!(
            w.contains("line 5") && w.contains("verifier_pass") && w.contains("maybe"),
            "{w}"
        );
    }

    #[test]
    fn csv_missing_column_names_it() {
        let err = read_results("r.csv", b"task_id,verifier_pass\nA,1\n").unwrap_err();
        assert!(
            err.to_string().contains("missing column(s) correct"),
            "{err}"
        );
    }

    #[test]
    fn jsonl_rows() {
        let text = "{\"task_id\": \"A\", \"verifier_pass\": true, \"correct\": false}\n{\"task_id\": 7, \"verifier_pass\": 1, \"correct\": 1}\nnot json\n{\"task_id\": \"A\", \"verifier_pass\": \"x\", \"correct\": 1}\n";
        let files = read_results("r.jsonl", text.as_bytes()).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].format, ResultsFormat::Jsonl);
        assert_eq!(files[0].tasks.len(), 2);
        assert_eq!(files[0].skipped, 2);
        assert!(files[0]
            .warnings
            .iter()
            .any(|w| w.location.to_string() == "line 3"));
        assert!(files[0]
            .warnings
            .iter()
            .any(|w| w.location.to_string() == "line 4"
                && w.field.as_deref() == Some("verifier_pass")));
    }
}
