//! Integration tests of the resampling pipeline on real files and hand-made broken ones,
//! through the same functions the page and the CLI call.
#![cfg(not(target_arch = "wasm32"))]

use cascade_lab::labs::resampling::analysis::{analyze, AnalyzeOptions, OptimalKStatus};
use cascade_lab::labs::resampling::ingest::read_results;
use cascade_lab::labs::resampling::results::{ResultsFormat, TaskCounts};
use cascade_lab::labs::resampling::sim::{TaskMix, TaskType};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn totals(tasks: &[TaskCounts]) -> (u32, u32, u32, u32, u32) {
    tasks.iter().fold((0, 0, 0, 0, 0), |t, c| {
        (
            t.0 + c.n,
            t.1 + c.pass_correct,
            t.2 + c.pass_wrong,
            t.3 + c.rejected,
            t.4 + c.rejected_correct,
        )
    })
}

#[test]
fn every_fixture_parses_with_the_expected_counts() {
    // (file, format, tasks, samples, pass&correct, pass&wrong, rejected, rejected but correct),
    // counted independently with Python's json module.
    let cases = [
        (
            "current_command_r_temp0.8.eval_results.json",
            ResultsFormat::EvalplusCurrent,
            164,
            164,
            64,
            5,
            95,
            1,
        ),
        (
            "current_single_sample_with_timeout.eval_results.json",
            ResultsFormat::EvalplusCurrent,
            164,
            164,
            89,
            9,
            66,
            0,
        ),
        (
            "legacy_10_samples_all_failed.eval_results.json",
            ResultsFormat::EvalplusLegacy,
            164,
            1640,
            0,
            0,
            1640,
            0,
        ),
        (
            "legacy_all_timed_out.eval_results.json",
            ResultsFormat::EvalplusLegacy,
            164,
            164,
            0,
            0,
            164,
            0,
        ),
    ];
    for (name, format, tasks, samples, a, b, m, fneg) in cases {
        let files = read_results(name, &fixture(name)).unwrap();
        assert_eq!(files.len(), 1, "{name}");
        let f = &files[0];
        assert_eq!(f.format, format, "{name}");
        assert_eq!(f.tasks.len(), tasks, "{name}");
        assert_eq!(totals(&f.tasks), (samples, a, b, m, fneg), "{name}");
        assert_eq!(f.skipped, 0, "{name}");
        assert!(f.has_truth(), "{name}");
    }
}

#[test]
fn analysis_of_a_real_file() {
    let name = "current_command_r_temp0.8.eval_results.json";
    let file = read_results(name, &fixture(name)).unwrap().remove(0);
    let a = analyze(&file, &AnalyzeOptions::default());
    assert_eq!((a.tasks, a.samples), (164, 164));
    assert!((a.single_sample_accuracy.unwrap() - 64.0 / 164.0).abs() < 1e-12);
    assert!((a.verifier_pass_rate - 69.0 / 164.0).abs() < 1e-12);
    assert!((a.conditional_accuracy.unwrap() - 64.0 / 69.0).abs() < 1e-12);
    assert!((a.ceiling.unwrap() - 64.0 / 164.0).abs() < 1e-12);
    assert_eq!(a.curve.len(), 1);
    // One sample per task: k = 1 is the most the file supports, and utility is positive there.
    assert_eq!(
        (a.optimal_k, a.optimal_k_status),
        (Some(1), OptimalKStatus::StillRising)
    );
    let filtered = analyze(
        &file,
        &AnalyzeOptions {
            drop_false_negatives: true,
            ..Default::default()
        },
    );
    assert_eq!(filtered.tasks, 163);
    assert_eq!(filtered.dropped_false_negative_tasks.len(), 1);
}

/// The ceiling is one thing (accuracy as k → ∞), given with the range that n samples per task
/// leave open; the accuracy measured at k = n is named apart. Tasks: (a, b, m) = (3, 1, 1) →
/// a/(a+b) = 0.75; (0, 2, 3) → 0; (0, 0, 5) never passed.
#[test]
fn the_ceiling_is_the_limit_with_its_range_and_the_measured_accuracy_apart() {
    let text = many_samples(&[(3, 1, 1), (0, 2, 3), (0, 0, 5)]);
    let file = read_results("c.json", text.as_bytes()).unwrap().remove(0);
    let a = analyze(&file, &AnalyzeOptions::default());
    assert_eq!(a.tasks_never_passed, 1);
    assert!((a.ceiling.unwrap() - 0.75 / 3.0).abs() < 1e-12);
    assert!(
        (a.accuracy_at_n_max.unwrap() - a.curve.last().unwrap().accuracy.unwrap()).abs() < 1e-12
    );
    let r = a.ceiling_range.unwrap();
    // Never-passed counted 0 … counted 1, each widened by sampling error over tasks.
    assert!(r.lo <= 0.25 && r.lo >= 0.0, "{r:?}");
    assert!(r.hi >= 1.75 / 3.0 && r.hi <= 1.0, "{r:?}");
    // One sample per task, 64 of 164 correct, 69 passing: 95 tasks never passed, so the range
    // runs from about 0.39 to about 0.97 — the file cannot pin the ceiling down.
    let name = "current_command_r_temp0.8.eval_results.json";
    let file = read_results(name, &fixture(name)).unwrap().remove(0);
    let a = analyze(&file, &AnalyzeOptions::default());
    assert_eq!(a.tasks_never_passed, 95);
    let r = a.ceiling_range.unwrap();
    assert!(r.lo < 64.0 / 164.0 && r.hi > (64.0 + 95.0) / 164.0, "{r:?}");
}

/// A file in which no sample passes is named as what it most likely is, first among its
/// warnings.
#[test]
fn a_file_where_nothing_passes_says_what_it_likely_is() {
    let text = many_samples(&[(0, 0, 5), (0, 0, 5)]);
    let file = read_results("unsanitized.json", text.as_bytes())
        .unwrap()
        .remove(0);
    let a = analyze(&file, &AnalyzeOptions::default());
    let first = a
        .warnings
        .first()
        .map(|w| w.to_string())
        .unwrap_or_default();
    assert!(first.contains("sanitize"), "{first}");
    // A file where something passes gets no such warning.
    let ok = many_samples(&[(1, 0, 4)]);
    let file = read_results("ok.json", ok.as_bytes()).unwrap().remove(0);
    let a = analyze(&file, &AnalyzeOptions::default());
    assert!(a
        .warnings
        .iter()
        .all(|w| !w.to_string().contains("sanitize")));
}

/// A many-sample file in the current schema with known per-task counts.
fn many_samples(tasks: &[(u32, u32, u32)]) -> String {
    let mut out = String::from("{\"eval\":{");
    for (i, &(a, b, m)) in tasks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("\"T/{i}\":["));
        let mut first = true;
        for (count, base, plus) in [
            (a, "pass", "pass"),
            (b, "pass", "fail"),
            (m, "fail", "fail"),
        ] {
            for _ in 0..count {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&format!(
                    "{{\"base_status\":\"{base}\",\"plus_status\":\"{plus}\",\"solution\":\"x\"}}"
                ));
            }
        }
        out.push(']');
    }
    out.push_str("},\"pass_at_k\":{\"base\":{\"pass@1\":0.5}}}");
    out
}

#[test]
fn measured_curves_equal_the_population_formula_for_the_same_rates() {
    // With tp = a/n, fp = b/n the estimator's expectation over orderings is the exact
    // population curve of science.md §3.3 evaluated at sampling *without* replacement; for
    // k = 1 both are exactly a/n.
    let counts = [(120, 30, 50), (5, 20, 175), (0, 3, 197), (200, 0, 0)];
    let text = many_samples(&counts);
    let file = read_results("many.json", text.as_bytes())
        .unwrap()
        .remove(0);
    let a = analyze(
        &file,
        &AnalyzeOptions {
            lambda: 2.0,
            ..Default::default()
        },
    );
    assert_eq!(a.samples_per_task.min, 200);
    assert_eq!(a.curve.len(), 200);
    let mix = TaskMix {
        types: counts
            .iter()
            .map(|&(a, b, _)| TaskType {
                weight: 0.25,
                correct: a as f64 / 200.0,
                tp: a as f64 / 200.0,
                fp: b as f64 / 200.0,
            })
            .collect(),
    };
    let exact = mix.curve(1, 2.0, 0.0);
    assert!((a.curve[0].accuracy.unwrap() - exact[0].accuracy).abs() < 1e-12);
    assert!((a.curve[0].utility.unwrap() - exact[0].utility).abs() < 1e-12);
    // At k = n every task with a pass is certain to return one: accuracy = mean a/(a+b).
    let ceiling = (120.0 / 150.0 + 5.0 / 25.0 + 0.0 + 1.0) / 4.0;
    assert!((a.curve[199].accuracy.unwrap() - ceiling).abs() < 1e-12);
    assert!((a.ceiling.unwrap() - ceiling).abs() < 1e-12);
    // The curve is monotone in accuracy; with λ = 2 the hard task makes utility peak early.
    assert!(a.curve.windows(2).all(|w| w[1].accuracy >= w[0].accuracy));
    assert_eq!(a.optimal_k_status, OptimalKStatus::Finite);
    let k = a.optimal_k.unwrap() as usize;
    assert!(a
        .curve
        .iter()
        .all(|p| p.utility.unwrap() <= a.curve[k - 1].utility.unwrap()));
    // --k selects budgets; budgets beyond the data are reported, not invented.
    let picked = analyze(
        &file,
        &AnalyzeOptions {
            ks: Some(vec![1, 2, 5, 500]),
            ..Default::default()
        },
    );
    assert_eq!(
        picked.curve.iter().map(|p| p.k).collect::<Vec<_>>(),
        vec![1, 2, 5]
    );
    assert!(picked
        .warnings
        .iter()
        .any(|w| w.to_string().contains("500")));
}

#[test]
fn malformed_files_give_located_errors_and_keep_the_good_tasks() {
    let whole = many_samples(&[(1, 1, 1), (2, 0, 1)]);
    let cut = whole.find("\"T/1\"").unwrap() + 20;
    let f = read_results("cut.json", &whole.as_bytes()[..cut])
        .unwrap()
        .remove(0);
    assert_eq!(f.tasks.len(), 1);
    assert!(f
        .warnings
        .iter()
        .any(|w| w.location.to_string().starts_with("line 1, column")));

    let invalid_utf8 = b"task_id,verifier_pass,correct\nA,1,1\nB\xff,0,0\n";
    let f = read_results("bytes.csv", invalid_utf8).unwrap().remove(0);
    assert_eq!(f.tasks.len(), 2);
    assert!(f
        .warnings
        .iter()
        .any(|w| w.location.to_string() == "line 3"
            && w.message.to_string().contains("not valid UTF-8")));

    let base_only = r#"{"eval":{"A":[{"base_status":"pass","plus_status":null},{"base_status":"fail","plus_status":null}]}}"#;
    let f = read_results("base.json", base_only.as_bytes())
        .unwrap()
        .remove(0);
    let a = analyze(&f, &AnalyzeOptions::default());
    assert_eq!(a.single_sample_accuracy, None);
    assert_eq!(a.ceiling, None);
    assert_eq!(a.optimal_k_status, OptimalKStatus::Unavailable);
    assert!((a.verifier_pass_rate - 0.5).abs() < 1e-12);
    assert!(a
        .curve
        .iter()
        .all(|p| p.accuracy.is_none() && p.abstain <= 1.0));
}
