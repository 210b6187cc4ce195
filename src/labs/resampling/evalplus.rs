//! Resampling uploads: EvalPlus `eval_results.json` (current and legacy v0.1 schemas) and the
//! generic verifier table (CSV/JSONL `task_id, verifier_pass, correct[, model]`), sniffed from
//! the content, reduced to per-task counts.
//!
//! EvalPlus conventions (science.md §3.2): the base tests are the verifier; a sample is correct
//! when it passes both base and plus tests (EvalPlus' own definition); a timeout is a failure;
//! `plus_status: null` (a base-only run) means truth is unavailable.

use crate::msg;
use crate::text::Deferred;
use crate::tr;
use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::results::{IngestError, Progress, ResultsFile, ResultsFormat, TaskCounts};
use crate::ingest::{clip, IngestWarning, LineIndex};

/// Collects `eval`'s entries as raw slices, so one bad task spoils only itself and a
/// truncated file still yields the tasks before the cut.
struct TopSeed<'s, 'de> {
    sink: &'s mut Vec<(String, &'de RawValue)>,
    saw_eval: &'s mut bool,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an EvalPlus results object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "eval" {
                *self.saw_eval = true;
                map.next_value_seed(EvalSeed {
                    sink: &mut *self.sink,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct EvalSeed<'s, 'de> {
    sink: &'s mut Vec<(String, &'de RawValue)>,
}

impl<'de> DeserializeSeed<'de> for EvalSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EvalSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`eval`: an object mapping task ids to results")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let raw: &'de RawValue = map.next_value()?;
            self.sink.push((key, raw));
        }
        Ok(())
    }
}

/// A sample in the current schema; other fields (solution, fail tests) are skipped unread.
#[derive(Deserialize)]
struct CurrentSample<'a> {
    #[serde(borrow, default)]
    base_status: Option<&'a RawValue>,
    #[serde(borrow, default)]
    plus_status: Option<&'a RawValue>,
}

/// A task in the legacy v0.1 schema.
#[derive(Deserialize)]
struct LegacyTask<'a> {
    #[serde(default)]
    nfiles: Option<u64>,
    #[serde(default)]
    files: Option<u64>,
    #[serde(borrow, default)]
    base: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    plus: Option<Vec<&'a RawValue>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Pass,
    Fail,
    /// `null`: not run (truth unavailable).
    Missing,
}

fn status_of(raw: Option<&RawValue>) -> Result<Status, String> {
    let Some(raw) = raw else {
        return Ok(Status::Missing);
    };
    let text = raw.get().trim();
    if text == "null" {
        return Ok(Status::Missing);
    }
    let s: String = serde_json::from_str(text)
        .map_err(|_| tr!("evalplus.status_not_string", found = clip(text)))?;
    match s.as_str() {
        "pass" | "success" => Ok(Status::Pass),
        "fail" | "failed" | "timeout" | "timed out" => Ok(Status::Fail),
        other => Err(tr!("evalplus.unknown_status", status = clip(other))),
    }
}

/// The status of a legacy entry `[status, details]` (or a bare status string).
fn legacy_status(raw: &RawValue) -> Result<Status, String> {
    let text = raw.get().trim();
    if text.starts_with('[') {
        let parts: Vec<&RawValue> =
            serde_json::from_str(text).map_err(|e| format!("expected [status, details]: {e}"))?;
        status_of(parts.first().copied())
    } else {
        status_of(Some(raw))
    }
}

fn tally(task_id: &str, pairs: &[(Status, Status)]) -> TaskCounts {
    let mut t = TaskCounts {
        task_id: task_id.to_string(),
        n: pairs.len() as u32,
        truth: true,
        ..Default::default()
    };
    for &(base, plus) in pairs {
        if plus == Status::Missing || base == Status::Missing {
            t.truth = false;
        }
        // EvalPlus: correct ⇔ base and plus both pass.
        match (base == Status::Pass, plus == Status::Pass) {
            (true, true) => t.pass_correct += 1,
            (true, false) => t.pass_wrong += 1,
            (false, true) => {
                t.rejected += 1;
                t.rejected_correct += 1;
            }
            (false, false) => t.rejected += 1,
        }
    }
    if !t.truth {
        // Without plus results, every accepted sample is reported as "accepted" only.
        t.pass_correct += t.pass_wrong;
        t.pass_wrong = 0;
        t.rejected_correct = 0;
    }
    t
}

pub(super) fn read_evalplus(
    name: &str,
    text: &str,
    mut warnings: Vec<IngestWarning>,
    progress: Progress,
) -> Result<ResultsFile, IngestError> {
    let mut raw_tasks = Vec::new();
    let mut saw_eval = false;
    let mut de = serde_json::Deserializer::from_str(text);
    let outcome = TopSeed {
        sink: &mut raw_tasks,
        saw_eval: &mut saw_eval,
    }
    .deserialize(&mut de)
    .and_then(|_| de.end());
    if let Err(e) = &outcome {
        if raw_tasks.is_empty() && !saw_eval {
            return Err(IngestError::Unreadable {
                name: name.to_string(),
                message: msg!("evalplus.not_evalplus", error = e),
            });
        }
        warnings.push(IngestWarning::new(
            msg!(
                "ingest.at.line_column",
                line = e.line(),
                column = e.column()
            ),
            None,
            msg!("evalplus.cut_off", error = e, tasks = raw_tasks.len()),
        ));
    }
    if !saw_eval {
        return Err(IngestError::Unreadable {
            name: name.to_string(),
            message: msg!("evalplus.no_eval"),
        });
    }
    let mut tasks = Vec::with_capacity(raw_tasks.len());
    let mut skipped = 0;
    let (mut current, mut legacy) = (0usize, 0usize);
    let base_ptr = text.as_ptr() as usize;
    let total = text.len() as u64;
    // Tasks come in file order: the lines of those with a problem are counted in one pass.
    let lines = std::cell::RefCell::new(LineIndex::new(text));
    let mut seen = std::collections::HashSet::new();
    for (task_id, raw) in raw_tasks {
        let end = (raw.get().as_ptr() as usize).saturating_sub(base_ptr) + raw.get().len();
        progress(end as u64, total);
        // Only tasks with a problem are located.
        let at = || {
            let offset = (raw.get().as_ptr() as usize).saturating_sub(base_ptr);
            let line = lines.borrow_mut().line_at(offset);
            msg!("evalplus.at.task", task = clip(&task_id), line = line)
        };
        // A task listed twice in `eval` is counted once: the first (JSON keeps the last, but
        // counting both would weigh the task double, and silently).
        if !seen.insert(task_id.clone()) {
            skipped += 1;
            warnings.push(IngestWarning::new(
                at(),
                None,
                msg!("evalplus.duplicate_task"),
            ));
            continue;
        }
        let body = raw.get().trim_start();
        let parsed = if body.starts_with('[') {
            current += 1;
            parse_current(&task_id, raw)
        } else if body.starts_with('{') {
            legacy += 1;
            parse_legacy(&task_id, raw)
        } else {
            Err((None, msg!("evalplus.neither_schema")))
        };
        match parsed {
            Ok(task) if task.n == 0 => {
                skipped += 1;
                warnings.push(IngestWarning::new(at(), None, msg!("evalplus.no_samples")));
            }
            Ok(task) => tasks.push(task),
            Err((field, message)) => {
                skipped += 1;
                warnings.push(IngestWarning::new(
                    at(),
                    field.as_deref(),
                    msg!("evalplus.task_skipped", message = message),
                ));
            }
        }
    }
    if tasks.is_empty() && skipped == 0 && outcome.is_ok() {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            Some("eval"),
            msg!("evalplus.eval_empty"),
        ));
    }
    let format = if legacy > current {
        ResultsFormat::EvalplusLegacy
    } else {
        ResultsFormat::EvalplusCurrent
    };
    if current > 0 && legacy > 0 {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            Some("eval"),
            msg!("evalplus.mixed_schemas", current = current, legacy = legacy),
        ));
    }
    let without_truth = tasks.iter().filter(|t| !t.truth).count();
    if without_truth > 0 {
        warnings.push(IngestWarning::new(
            msg!("ingest.at.file"),
            Some("plus_status"),
            if without_truth == tasks.len() {
                msg!("evalplus.base_only")
            } else {
                msg!("evalplus.some_base_only", n = without_truth)
            },
        ));
    }
    Ok(ResultsFile {
        name: name.to_string(),
        format,
        tasks,
        warnings,
        skipped,
    })
}

type TaskError = (Option<String>, Deferred);

fn parse_current(task_id: &str, raw: &RawValue) -> Result<TaskCounts, TaskError> {
    let samples: Vec<&RawValue> = serde_json::from_str(raw.get())
        .map_err(|e| (None, msg!("evalplus.not_a_list", error = e)))?;
    let mut pairs = Vec::with_capacity(samples.len());
    for (i, s) in samples.iter().enumerate() {
        if !s.get().trim_start().starts_with('{') {
            return Err((
                None,
                msg!("evalplus.sample_not_object", i = i, found = clip(s.get())),
            ));
        }
        let sample: CurrentSample = serde_json::from_str(s.get())
            .map_err(|e| (None, msg!("evalplus.sample_not_current", i = i, error = e)))?;
        if sample.base_status.is_none() {
            return Err((
                Some("base_status".into()),
                msg!("evalplus.no_base_status", i = i),
            ));
        }
        let base = status_of(sample.base_status).map_err(|m| {
            (
                Some("base_status".into()),
                msg!("evalplus.sample", i = i, message = m),
            )
        })?;
        if base == Status::Missing {
            return Err((
                Some("base_status".into()),
                msg!("evalplus.base_status_null", i = i),
            ));
        }
        let plus = status_of(sample.plus_status).map_err(|m| {
            (
                Some("plus_status".into()),
                msg!("evalplus.sample", i = i, message = m),
            )
        })?;
        pairs.push((base, plus));
    }
    Ok(tally(task_id, &pairs))
}

fn parse_legacy(task_id: &str, raw: &RawValue) -> Result<TaskCounts, TaskError> {
    let task: LegacyTask = serde_json::from_str(raw.get())
        .map_err(|e| (None, msg!("evalplus.not_legacy", error = e)))?;
    let base = task
        .base
        .ok_or_else(|| (Some("base".into()), msg!("evalplus.no_base")))?;
    let declared = task.nfiles.or(task.files);
    if let Some(n) = declared {
        if n != base.len() as u64 {
            return Err((
                Some("nfiles".into()),
                msg!("evalplus.nfiles", n = n, base = base.len()),
            ));
        }
    }
    let plus = task.plus.unwrap_or_default();
    if !plus.is_empty() && plus.len() != base.len() {
        return Err((
            Some("plus".into()),
            msg!("evalplus.plus_length", plus = plus.len(), base = base.len()),
        ));
    }
    let mut pairs = Vec::with_capacity(base.len());
    for (i, b) in base.iter().enumerate() {
        let bs = legacy_status(b).map_err(|m| {
            (
                Some("base".into()),
                msg!("evalplus.sample", i = i, message = m),
            )
        })?;
        let ps = match plus.get(i) {
            Some(p) => legacy_status(p).map_err(|m| {
                (
                    Some("plus".into()),
                    msg!("evalplus.sample", i = i, message = m),
                )
            })?,
            None => Status::Missing,
        };
        pairs.push((bs, ps));
    }
    Ok(tally(task_id, &pairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::resampling::ingest::read_results;

    fn one(name: &str, text: &str) -> ResultsFile {
        let mut files = read_results(name, text.as_bytes()).unwrap();
        assert_eq!(files.len(), 1);
        files.remove(0)
    }

    #[test]
    fn current_schema_counts() {
        let f = one(
            "x.json",
            r#"{"date":"d","eval":{"T/0":[
              {"task_id":"T/0","solution":"s","base_status":"pass","plus_status":"pass"},
              {"base_status":"pass","plus_status":"fail"},
              {"base_status":"fail","plus_status":"pass"},
              {"base_status":"timeout","plus_status":"timeout"}]}}"#,
        );
        assert_eq!(f.format, ResultsFormat::EvalplusCurrent);
        let t = &f.tasks[0];
        assert_eq!(
            (
                t.n,
                t.pass_correct,
                t.pass_wrong,
                t.rejected,
                t.rejected_correct
            ),
            (4, 1, 1, 2, 1)
        );
        assert!(t.truth);
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    }

    #[test]
    fn a_task_listed_twice_is_counted_once_and_said() {
        let f = one(
            "x.json",
            r#"{"eval":{
              "T/0":[{"base_status":"pass","plus_status":"pass"}],
              "T/1":[{"base_status":"fail","plus_status":"fail"}],
              "T/0":[{"base_status":"fail","plus_status":"fail"}]}}"#,
        );
        assert_eq!(f.tasks.len(), 2);
        assert_eq!(f.tasks[0].pass_correct, 1);
        assert_eq!(f.skipped, 1);
        let said: Vec<String> = f.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            said,
            vec!["task T/0 (line 4): this task is listed again in eval: only its first entry is counted"]
        );
    }

    #[test]
    fn legacy_schema_counts() {
        let f = one(
            "l.json",
            r#"{"eval":{"A":{"nfiles":3,"base":[["success",[]],["failed",[]],["timed out",[]]],
                             "plus":[["success",[]],["success",[]],["failed",[]]]}}}"#,
        );
        assert_eq!(f.format, ResultsFormat::EvalplusLegacy);
        let t = &f.tasks[0];
        assert_eq!(
            (
                t.n,
                t.pass_correct,
                t.pass_wrong,
                t.rejected,
                t.rejected_correct
            ),
            (3, 1, 0, 2, 1)
        );
    }

    #[test]
    fn base_only_runs_have_no_truth() {
        let f = one(
            "b.json",
            r#"{"eval":{"A":[{"base_status":"pass","plus_status":null}]}}"#,
        );
        assert!(!f.has_truth());
        assert!(f
            .warnings
            .iter()
            .any(|w| w.message.to_string().contains("truth is unavailable")));
    }

    #[test]
    fn bad_tasks_are_skipped_with_their_names() {
        let f = one(
            "bad.json",
            r#"{"eval":{
              "good":[{"base_status":"pass","plus_status":"pass"}],
              "weird":[{"base_status":"maybe","plus_status":"pass"}],
              "mixed":[{"base_status":"pass","plus_status":"pass"}, ["failed", []]],
              "empty":[]}}"#,
        );
        assert_eq!(f.tasks.len(), 1);
        assert_eq!(f.skipped, 3);
        let text: Vec<String> = f.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            text.iter().any(|w| w.contains("task weird")
                && w.contains("base_status")
                && w.contains("maybe")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|w| w.contains("task mixed") && w.contains("sample 1")),
            "{text:?}"
        );
        assert!(text.iter().any(|w| w.contains("task empty")), "{text:?}");
    }

    #[test]
    fn truncated_json_keeps_the_tasks_before_the_cut() {
        let full = r#"{"eval":{"A":[{"base_status":"pass","plus_status":"pass"}],"B":[{"base_status":"fail","plus_status":"fail"}],"C":[{"base_status":"pa"#;
        let f = one("cut.json", full);
        assert_eq!(f.tasks.len(), 2);
        assert!(
            f.warnings[0]
                .message
                .to_string()
                .contains("kept the 2 tasks"),
            "{:?}",
            f.warnings
        );
        assert!(f.warnings[0]
            .location
            .to_string()
            .starts_with("line 1, column"));
    }

    #[test]
    fn not_evalplus_is_an_error_not_a_panic() {
        assert!(matches!(
            read_results("e.json", b""),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            read_results("e.json", b"   \n"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            read_results("x.json", b"{\"date\": 1}"),
            Err(IngestError::Unreadable { .. })
        ));
        assert!(matches!(
            read_results("x.json", b"{oops"),
            Err(IngestError::Unreadable { .. })
        ));
        let f = one("e.json", r#"{"eval":{}}"#);
        assert!(f.tasks.is_empty());
        assert!(f
            .warnings
            .iter()
            .any(|w| w.message.to_string().contains("empty")));
    }

    #[test]
    fn nfiles_mismatch_is_reported() {
        let f = one(
            "l.json",
            r#"{"eval":{"A":{"nfiles":2,"base":[["success",[]]],"plus":[]}}}"#,
        );
        assert_eq!(f.skipped, 1);
        assert_eq!(f.warnings[0].field.as_deref(), Some("nfiles"));
    }
}
