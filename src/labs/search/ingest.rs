//! Search uploads: many samples per problem, each with an answer, whether it is right and
//! (optionally) a score.
//!
//! Formats (sniffed per line from the content):
//! - **search-and-learn** JSON lines (huggingface/search-and-learn, `scripts/test_time_compute.py`):
//!   `problem`, `answer` (gold, LaTeX), `completions` (n), `scores` (n lists of per-step scores),
//!   `agg_scores` (n, optional), `pred…`. Correctness is not stored: each completion's last
//!   `\boxed{}` is compared with `answer` under the MATH normalisation ([`answers`]). Score: the
//!   stored `agg_scores`, or the step scores aggregated (last, min or product).
//! - **Generic** CSV (with a header) or JSON lines: `problem_id, answer, correct[, score]
//!   [, model][, sample_id]`, one row per sample. A `model` column splits the file into one set
//!   of curves per model.
//!
//! Bad rows are skipped with a message naming the line and field; good rows are kept.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::answers;
use crate::ingest::{clip, decode_text, parse_bool, IngestWarning, LineIndex};
use crate::msg;

/// How a search-and-learn completion's per-step scores become one score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// The file's `agg_scores` where present, else the last step (search-and-learn's default).
    #[default]
    Stored,
    /// The last step's score.
    Last,
    /// The lowest step score.
    Min,
    /// The product of the step scores.
    Prod,
}

impl Aggregate {
    /// From its command-line name.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "stored" => Some(Self::Stored),
            "last" => Some(Self::Last),
            "min" => Some(Self::Min),
            "prod" => Some(Self::Prod),
            _ => None,
        }
    }

    fn of(self, steps: &[f64]) -> Option<f64> {
        match self {
            Self::Stored | Self::Last => steps.last().copied(),
            Self::Min => steps.iter().copied().reduce(f64::min),
            Self::Prod => (!steps.is_empty()).then(|| steps.iter().product()),
        }
    }
}

/// One sample.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleRow {
    /// The answer as votes count it (normalised for math answers); `None`: none could be read.
    pub answer: Option<String>,
    pub correct: bool,
    pub score: Option<f64>,
}

/// One problem and its samples.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub id: String,
    /// The gold answer, where the file has one.
    pub gold: Option<String>,
    /// The start of the problem's text (search-and-learn), for the drill-down.
    pub text: Option<String>,
    /// The line it starts on.
    pub line: usize,
    pub samples: Vec<SampleRow>,
}

/// What was read from one file (or one model of it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchFile {
    /// The file's name, with ` · model` when a model column split it.
    pub name: String,
    /// "search-and-learn", "csv" or "jsonl".
    pub format: String,
    pub problems: Vec<Problem>,
    pub warnings: Vec<IngestWarning>,
    /// Rows (or lines) that could not be used.
    pub skipped_rows: usize,
    /// Completions whose final answer could not be extracted (search-and-learn).
    pub unextracted: usize,
    /// Whether the file has scores (a sample without one ranks last for best-of-k and adds
    /// nothing to a weighted vote; each is named in a warning).
    pub scored: bool,
}

/// Progress callback: (bytes done, bytes in all).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// A search-and-learn line (other fields — `pred…`, `solution`, … — are skipped).
#[derive(Deserialize)]
struct SalRow {
    problem: Option<String>,
    answer: Option<serde_json::Value>,
    unique_id: Option<String>,
    completions: Option<Vec<serde_json::Value>>,
    scores: Option<Vec<serde_json::Value>>,
    agg_scores: Option<Vec<serde_json::Value>>,
}

/// A generic JSON line.
#[derive(Deserialize)]
struct GenericRow {
    problem_id: Option<serde_json::Value>,
    answer: Option<serde_json::Value>,
    correct: Option<serde_json::Value>,
    score: Option<serde_json::Value>,
    model: Option<serde_json::Value>,
    sample_id: Option<serde_json::Value>,
}

/// A JSON value as a cell's text (strings as they are, numbers and booleans written out).
fn cell(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A finite number from a JSON number or a numeric string.
fn number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|x| x.is_finite())
}

struct Reader {
    /// The first few warnings of each kind, the rest counted (memory bounded by kinds).
    warnings: crate::ingest::WarningLog,
    skipped: usize,
}

impl Reader {
    fn warn(&mut self, line: usize, field: Option<&str>, message: crate::text::Deferred) {
        self.warnings.push(IngestWarning::new(
            msg!("ingest.at.line", line = line),
            field,
            message,
        ));
    }
}

/// Per-model accumulation of generic rows: problems in first-seen order.
#[derive(Default)]
struct Generic {
    order: Vec<String>,
    problems: HashMap<String, Problem>,
    seen_ids: HashSet<(String, String)>,
}

impl Generic {
    fn push(&mut self, id: String, line: usize, sample: SampleRow) {
        if !self.problems.contains_key(&id) {
            self.order.push(id.clone());
        }
        self.problems
            .entry(id.clone())
            .or_insert_with(|| Problem {
                id,
                gold: None,
                text: None,
                line,
                samples: Vec::new(),
            })
            .samples
            .push(sample);
    }

    fn into_problems(mut self) -> Vec<Problem> {
        self.order
            .iter()
            .filter_map(|id| self.problems.remove(id))
            .collect()
    }
}

/// One generic row, from its cells, into `models`.
#[allow(clippy::too_many_arguments)]
fn generic_row(
    r: &mut Reader,
    models: &mut BTreeMap<String, Generic>,
    line: usize,
    problem_id: Option<String>,
    answer: Option<String>,
    correct: Option<&str>,
    score: Option<(Option<f64>, String)>,
    model: Option<String>,
    sample_id: Option<String>,
) {
    let Some(id) = problem_id.filter(|s| !s.trim().is_empty()) else {
        r.warn(line, Some("problem_id"), msg!("search.ingest.missing"));
        r.skipped += 1;
        return;
    };
    let Some(correct) = correct.and_then(parse_bool) else {
        r.warn(
            line,
            Some("correct"),
            msg!(
                "search.ingest.not_bool",
                value = clip(correct.unwrap_or(""))
            ),
        );
        r.skipped += 1;
        return;
    };
    let answer = answer
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    if answer.is_none() {
        r.warn(line, Some("answer"), msg!("search.ingest.no_answer"));
    }
    let score = match score {
        None => None,
        Some((Some(x), _)) => Some(x),
        Some((None, raw)) => {
            r.warn(
                line,
                Some("score"),
                msg!("search.ingest.bad_score", value = clip(&raw)),
            );
            None
        }
    };
    let model_key = model.unwrap_or_default();
    let g = models.entry(model_key).or_default();
    if let Some(sid) = sample_id.filter(|s| !s.is_empty()) {
        if !g.seen_ids.insert((id.clone(), sid.clone())) {
            r.warn(
                line,
                Some("sample_id"),
                msg!(
                    "search.ingest.duplicate",
                    sample = clip(&sid),
                    problem = clip(&id)
                ),
            );
            r.skipped += 1;
            return;
        }
    }
    g.push(
        id,
        line,
        SampleRow {
            answer,
            correct,
            score,
        },
    );
}

/// One search-and-learn line into a problem (or a warning).
fn sal_problem(
    r: &mut Reader,
    row: SalRow,
    line: usize,
    aggregate: Aggregate,
    unextracted: &mut usize,
) -> Option<Problem> {
    let gold = row.answer.as_ref().and_then(cell);
    let Some(gold) = gold else {
        r.warn(line, Some("answer"), msg!("search.ingest.no_gold"));
        r.skipped += 1;
        return None;
    };
    let completions = row.completions.unwrap_or_default();
    if completions.is_empty() {
        r.warn(
            line,
            Some("completions"),
            msg!("search.ingest.no_completions"),
        );
        r.skipped += 1;
        return None;
    }
    let n = completions.len();
    let stored: Option<Vec<Option<f64>>> = match (aggregate, &row.agg_scores) {
        (Aggregate::Stored, Some(a)) => Some(a.iter().map(number).collect()),
        _ => None,
    };
    let steps: Option<Vec<Option<f64>>> = row.scores.as_ref().map(|all| {
        all.iter()
            .map(|s| match s {
                serde_json::Value::Array(v) => {
                    let xs: Option<Vec<f64>> = v.iter().map(number).collect();
                    xs.and_then(|xs| aggregate.of(&xs))
                }
                other => number(other),
            })
            .collect()
    });
    let scores = stored.or(steps);
    if let Some(s) = &scores {
        if s.len() != n {
            r.warn(
                line,
                Some(
                    if row.agg_scores.is_some() && aggregate == Aggregate::Stored {
                        "agg_scores"
                    } else {
                        "scores"
                    },
                ),
                msg!(
                    "search.ingest.score_count",
                    scores = s.len(),
                    completions = n
                ),
            );
        }
    }
    let norm_gold = answers::normalise(&gold);
    let mut bad_scores = 0usize;
    let samples: Vec<SampleRow> = completions
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let text = c.as_str().unwrap_or_default();
            let boxed = answers::last_boxed(text);
            if boxed.is_none() {
                *unextracted += 1;
            }
            let score = scores.as_ref().and_then(|s| s.get(j).copied().flatten());
            if scores.is_some() && score.is_none() {
                bad_scores += 1;
            }
            SampleRow {
                correct: boxed
                    .as_deref()
                    .is_some_and(|b| answers::is_equiv(b, &gold)),
                answer: boxed.map(|b| answers::normalise(&b)),
                score,
            }
        })
        .collect();
    if bad_scores > 0 {
        r.warn(
            line,
            Some("scores"),
            msg!("search.ingest.bad_scores", n = bad_scores),
        );
    }
    let id = row
        .unique_id
        .clone()
        .unwrap_or_else(|| format!("line {line}"));
    Some(Problem {
        id,
        gold: Some(norm_gold),
        text: row.problem.map(|p| p.chars().take(400).collect()),
        line,
        samples,
    })
}

/// The formats this lab reads, recognised from a file's outline (the catalog id of the one it
/// is): search-and-learn output, or a generic best-of-N table.
pub fn recognise(sniff: &crate::ingest::detect::Sniff) -> Option<&'static str> {
    if sniff.has_columns(&["problem", "completions"]) {
        return Some("search.format.sal");
    }
    sniff
        .has_columns(&["problem_id", "answer", "correct"])
        .then_some("search.format.generic")
}

/// Reads a search upload: one [`SearchFile`] per model (one for most files).
pub fn read_search(
    name: &str,
    bytes: &[u8],
    aggregate: Aggregate,
    progress: Progress,
) -> Vec<SearchFile> {
    let mut r = Reader {
        warnings: crate::ingest::WarningLog::default(),
        skipped: 0,
    };
    let mut decoding = Vec::new();
    let text = decode_text(bytes, &mut decoding);
    for w in decoding {
        r.warnings.push(w);
    }
    let total = text.len() as u64;
    let trimmed = text.trim_start();
    let mut format = String::new();
    let mut sal: Vec<Problem> = Vec::new();
    let mut models: BTreeMap<String, Generic> = BTreeMap::new();
    let mut unextracted = 0usize;
    if trimmed.starts_with('{') {
        // JSON lines: split on \n only (texts may hold U+2028).
        let mut lines = LineIndex::new(&text);
        let mut offset = 0usize;
        let mut last_report = 0usize;
        for raw in text.split('\n') {
            let line = lines.line_at(offset);
            offset += raw.len() + 1;
            if offset - last_report > 1 << 20 {
                last_report = offset;
                progress(offset as u64, total);
            }
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_str(raw) {
                Ok(v) => v,
                Err(e) => {
                    r.warn(line, None, msg!("ingest.not_object", error = e));
                    r.skipped += 1;
                    continue;
                }
            };
            let is_sal = value.get("completions").is_some();
            let kind = if is_sal { "search-and-learn" } else { "jsonl" };
            if format.is_empty() {
                format = kind.to_string();
            } else if format != kind {
                r.warn(
                    line,
                    None,
                    msg!("search.ingest.mixed", first = format, this = kind),
                );
                r.skipped += 1;
                continue;
            }
            if is_sal {
                match serde_json::from_value::<SalRow>(value) {
                    Ok(row) => {
                        if let Some(p) = sal_problem(&mut r, row, line, aggregate, &mut unextracted)
                        {
                            sal.push(p);
                        }
                    }
                    Err(e) => {
                        r.warn(line, None, msg!("search.ingest.bad_row", error = e));
                        r.skipped += 1;
                    }
                }
            } else {
                match serde_json::from_value::<GenericRow>(value) {
                    Ok(row) => {
                        let score = row.score.as_ref().map(|v| (number(v), v.to_string()));
                        let correct = row.correct.as_ref().and_then(cell);
                        generic_row(
                            &mut r,
                            &mut models,
                            line,
                            row.problem_id.as_ref().and_then(cell),
                            row.answer.as_ref().and_then(cell),
                            correct.as_deref(),
                            score,
                            row.model.as_ref().and_then(cell),
                            row.sample_id.as_ref().and_then(cell),
                        );
                    }
                    Err(e) => {
                        r.warn(line, None, msg!("search.ingest.bad_row", error = e));
                        r.skipped += 1;
                    }
                }
            }
        }
    } else if !trimmed.is_empty() {
        format = "csv".into();
        match crate::ingest::open_csv(&text) {
            Err(w) => r.warnings.push(w),
            Ok((mut reader, headers)) => {
                for w in crate::ingest::quote_warnings(&text) {
                    r.warnings.push(w);
                }
                let col = |want: &str| headers.iter().position(|h| h == want);
                let (pid, ans, cor) = (col("problem_id"), col("answer"), col("correct"));
                let missing: Vec<&str> = [("problem_id", pid), ("answer", ans), ("correct", cor)]
                    .iter()
                    .filter(|(_, c)| c.is_none())
                    .map(|(n, _)| *n)
                    .collect();
                if !missing.is_empty() {
                    r.warnings.push(IngestWarning::new(
                        msg!("ingest.at.line", line = 1),
                        None,
                        msg!(
                            "search.ingest.missing_columns",
                            columns = missing.join(", "),
                            found = headers.join(", ")
                        ),
                    ));
                } else {
                    let (sc, mo, sid) = (col("score"), col("model"), col("sample_id"));
                    for (i, record) in reader.records().enumerate() {
                        let line = crate::ingest::record_line(&record, i);
                        let rec = match record {
                            Ok(rec) => rec,
                            Err(e) => {
                                r.warnings.push(IngestWarning::unreadable_row(line, &e));
                                r.skipped += 1;
                                continue;
                            }
                        };
                        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::to_string);
                        let score = sc
                            .and_then(|c| rec.get(c))
                            .filter(|s| !s.trim().is_empty())
                            .map(|s| {
                                (
                                    s.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
                                    s.to_string(),
                                )
                            });
                        generic_row(
                            &mut r,
                            &mut models,
                            line,
                            get(pid),
                            get(ans),
                            get(cor).as_deref(),
                            score,
                            get(mo),
                            get(sid),
                        );
                    }
                }
            }
        }
    }
    progress(total, total);
    let warnings = r.warnings.finish();
    let mut out = Vec::new();
    if format == "search-and-learn" {
        let scored = sal
            .iter()
            .any(|p| p.samples.iter().any(|s| s.score.is_some()));
        out.push(SearchFile {
            name: name.to_string(),
            format,
            problems: sal,
            warnings,
            skipped_rows: r.skipped,
            unextracted,
            scored,
        });
    } else {
        let several = models.len() > 1;
        let mut warnings = Some(warnings);
        for (model, g) in models {
            let problems = g.into_problems();
            let scored = problems
                .iter()
                .any(|p| p.samples.iter().any(|s| s.score.is_some()));
            out.push(SearchFile {
                name: if several {
                    format!("{name} · {model}")
                } else {
                    name.to_string()
                },
                format: format.clone(),
                problems,
                // The file's warnings go with its first model.
                warnings: warnings.take().unwrap_or_default(),
                skipped_rows: r.skipped,
                unextracted: 0,
                scored,
            });
        }
        if out.is_empty() {
            out.push(SearchFile {
                name: name.to_string(),
                format: if format.is_empty() {
                    "unknown".into()
                } else {
                    format
                },
                warnings: warnings.take().unwrap_or_default(),
                skipped_rows: r.skipped,
                ..SearchFile::default()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Vec<SearchFile> {
        read_search("t", bytes, Aggregate::Stored, &mut |_, _| {})
    }

    #[test]
    fn generic_csv_and_jsonl_read_alike_with_bad_rows_named() {
        let csv = b"problem_id,answer,correct,score\np1,4,1,0.9\np1,5,0,0.2\np1,4,true,NaN\np2,,0,0.1\n,3,1,0.5\np2,7,maybe,0.3\np2,7,1,0.8\n";
        let f = &read(csv)[0];
        assert_eq!(f.format, "csv");
        assert_eq!(f.problems.len(), 2);
        assert_eq!(f.problems[0].samples.len(), 3);
        assert_eq!(f.problems[1].samples.len(), 2);
        assert_eq!(f.skipped_rows, 2, "{:?}", f.warnings);
        assert!(f.scored, "one NaN score leaves the file scored");
        assert_eq!(f.problems[0].samples[2].score, None);
        let text: Vec<String> = f.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            text.iter().any(|w| w.starts_with("line 4, field score")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|w| w.starts_with("line 5, field answer")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|w| w.starts_with("line 6, field problem_id")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|w| w.starts_with("line 7, field correct")),
            "{text:?}"
        );
        let jsonl = b"{\"problem_id\": \"p1\", \"answer\": 4, \"correct\": 1, \"score\": 0.9}\n{\"problem_id\": \"p1\", \"answer\": \"5\", \"correct\": false, \"score\": \"0.2\"}\n";
        let j = &read(jsonl)[0];
        assert_eq!(j.format, "jsonl");
        assert_eq!(j.problems[0].samples[0].answer.as_deref(), Some("4"));
        assert_eq!(j.problems[0].samples[1].score, Some(0.2));
        assert!(j.scored);
    }

    #[test]
    fn a_model_column_splits_the_file_and_duplicates_are_skipped() {
        let csv =
            b"problem_id,answer,correct,model,sample_id\np1,4,1,a,s1\np1,4,1,a,s1\np1,5,0,b,s1\n";
        let files = read(csv);
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].name, "t · a");
        assert_eq!(files[0].problems[0].samples.len(), 1);
        assert_eq!(files[0].skipped_rows, 1);
        assert!(files[0]
            .warnings
            .iter()
            .any(|w| w.field.as_deref() == Some("sample_id")));
    }

    #[test]
    fn search_and_learn_lines_are_graded_by_their_last_box() {
        let line = r#"{"problem": "1+1?", "answer": "\\frac12", "unique_id": "test/a.json", "completions": ["so \\boxed{0.5}", "\\boxed{2}", "no box"], "scores": [[0.1, 0.9], [0.5, 0.4], [0.2]], "agg_scores": [0.9, 0.4, 0.2], "pred": "\\boxed{0.5}"}
{"answer": "3", "completions": ["\\boxed{3}"], "scores": [[0.5, "x"]]}
{"problem_id": "p", "answer": "1", "correct": 1}
"#;
        let f = &read(line.as_bytes())[0];
        assert_eq!(f.format, "search-and-learn");
        assert_eq!(f.problems.len(), 2);
        let p = &f.problems[0];
        assert_eq!(p.id, "test/a.json");
        assert_eq!(
            p.samples.iter().map(|s| s.correct).collect::<Vec<_>>(),
            [true, false, false]
        );
        assert_eq!(p.samples[2].answer, None);
        assert_eq!(f.unextracted, 1);
        assert_eq!(p.samples[0].score, Some(0.9));
        // A step score that is not a number: that sample has no score, said at its line.
        assert_eq!(f.problems[1].samples[0].score, None);
        assert!(f.scored);
        let text: Vec<String> = f.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            text.iter().any(|w| w.starts_with("line 2, field scores")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|w| w.starts_with("line 3:")),
            "mixed formats: {text:?}"
        );
        // Other aggregations of the step scores.
        let min = &read_search("t", line.as_bytes(), Aggregate::Min, &mut |_, _| {})[0];
        assert_eq!(min.problems[0].samples[0].score, Some(0.1));
        let prod = &read_search("t", line.as_bytes(), Aggregate::Prod, &mut |_, _| {})[0];
        assert!((prod.problems[0].samples[1].score.unwrap_or(0.0) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn nothing_usable_still_names_what_was_wrong() {
        for bytes in [
            &b""[..],
            b"\xff\xfe\x00garbage",
            b"a,b\n1,2\n",
            b"{\"x\": 1}\n",
            b"[1,2]",
        ] {
            let files = read(bytes);
            assert_eq!(files.len(), 1);
            assert!(files[0].problems.is_empty());
        }
        assert!(read(b"a,b\n1,2\n")[0].warnings[0]
            .to_string()
            .contains("problem_id"));
    }
}
