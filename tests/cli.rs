//! The `cascade` binary: JSON field names are an interface (scripts depend on them).
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn cascade(args: &[&str]) -> (bool, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cascade"))
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn resampling_analyze_prints_the_documented_fields() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/current_command_r_temp0.8.eval_results.json"
    );
    let (ok, json, _) = cascade(&[
        "resampling",
        "analyze",
        fixture,
        "--lambda",
        "2",
        "--k",
        "1",
        "--json",
    ]);
    assert!(ok);
    let f = &json["files"][0];
    for key in [
        "name",
        "format",
        "tasks",
        "samples",
        "samples_per_task",
        "single_sample_accuracy",
        "verifier_pass_rate",
        "conditional_accuracy",
        "ceiling",
        "optimal_k",
        "curve",
    ] {
        assert!(f.get(key).is_some(), "missing {key}");
    }
    assert_eq!(f["samples_per_task"]["min"], 1);
    assert_eq!(f["samples_per_task"]["max"], 1);
    assert_eq!(f["format"], "evalplus-current");
    let point = &f["curve"][0];
    for key in ["k", "accuracy", "false_positive", "abstain", "utility"] {
        assert!(point.get(key).is_some(), "curve point missing {key}");
    }
    // λ = 2: utility at k = 1 is (64 − 2·5)/164.
    assert!((point["utility"].as_f64().unwrap() - 54.0 / 164.0).abs() < 1e-12);
}

#[test]
fn bad_files_are_reported_and_good_ones_kept() {
    let dir = std::env::temp_dir().join(format!("cascade-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "task,pass\nA,1\n").unwrap();
    let good = dir.join("good.csv");
    std::fs::write(&good, "task_id,verifier_pass,correct\nA,1,1\nA,0,0\n").unwrap();
    let (ok, json, stderr) = cascade(&[
        "resampling",
        "analyze",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        "--json",
    ]);
    assert!(ok, "one good file is enough to succeed");
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert!(json["errors"][0].as_str().unwrap().contains("bad.csv"));
    assert!(stderr.contains("missing column"));
    let (ok, _, _) = cascade(&["resampling", "analyze", bad.to_str().unwrap(), "--json"]);
    assert!(!ok, "no readable file is a failure");
    std::fs::remove_dir_all(&dir).ok();
}

/// Zhang et al.: "Let's think step by step" improves accuracy (while snowballing remains): the
/// reason-first link gives fewer wrong answers than the answer-first one, and still snowballs.
#[test]
fn reasoning_first_gives_fewer_wrong_answers_than_answer_first() {
    let wrong = |query: &str| {
        let (ok, json, err) = cascade(&["link", query, "--json"]);
        assert!(ok, "{err}");
        (
            json["page"]["sb_wrong_answer"].as_f64().unwrap(),
            json["page"]["sb_snowballed_share"].as_f64().unwrap(),
        )
    };
    let (answer_first, _) = wrong("?v=1&lab=snowball");
    let (reason_first, snowballed) = wrong("?v=1&lab=snowball&so=reason");
    assert!(
        reason_first < answer_first,
        "{reason_first} ≥ {answer_first}"
    );
    assert!(snowballed > 0.3, "snowballing remains: {snowballed}");
}

#[test]
fn link_decodes_with_warnings_and_numbers() {
    let (ok, json, _) = cascade(&[
        "link",
        "http://127.0.0.1:8080/?v=1&mix=two&lam=0.7&k=0&zzz=9",
        "--json",
    ]);
    assert!(ok);
    assert_eq!(json["state"]["resampling"]["lambda"], 0.7);
    assert_eq!(json["state"]["resampling"]["k_max"], 1);
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(json["numbers"]["optimal_k"], 3);
    assert_eq!(json["canonical"], "v=1&mix=two&lam=0.7&k=1");
}

#[test]
fn snowball_analyze_prints_the_documented_fields() {
    let dir = std::env::temp_dir().join(format!("cascade-cli-snow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("answers.csv");
    std::fs::write(
        &file,
        "prompt,category,response,true_answer,yesno\nIs 9677 a prime number?,primality,\"No, 9677 = 13 x 745.\",Yes,[]\nQ?,weather,x,No,[]\n",
    )
    .unwrap();
    let (ok, json, _) = cascade(&["snowball", "analyze", file.to_str().unwrap(), "--json"]);
    assert!(ok);
    assert_eq!(json["rows"], 1);
    let p = &json["categories"]["primality"];
    for key in [
        "n",
        "wrong",
        "wrong_rate",
        "wrong_with_false_claim",
        "claims_checked",
        "claims_false",
    ] {
        assert!(p.get(key).is_some(), "missing {key}");
    }
    assert_eq!(p["wrong_with_false_claim"], 1);
    assert_eq!(json["skipped"], 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn telephone_analyze_prints_the_documented_fields() {
    let (ok, json, _) = cascade(&[
        "telephone",
        "analyze",
        "tests/fixtures/telephone_bad_chains.jsonl",
        "--json",
    ]);
    assert!(ok);
    assert_eq!(json["chains"], 3);
    let steps = json["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    for s in steps {
        assert!(s["step"].is_u64() && s["n"].is_u64());
        for key in ["bleu", "chrf", "rouge1", "rougeL", "length_ratio"] {
            assert!(s[key]["mean"].is_number(), "{key}");
            assert!(s[key]["std"].is_number(), "{key}");
        }
    }
    for key in ["plateau", "amplitude", "tau", "half_life"] {
        assert!(json["fit"][key].is_number(), "fit.{key}");
    }
    // A metric the file does not carry is refused with the choices.
    let (ok, _, err) = cascade(&[
        "telephone",
        "analyze",
        "tests/fixtures/telephone_bad_chains.jsonl",
        "--fit-metric",
        "factscore",
    ]);
    assert!(!ok);
    assert!(
        err.contains("choose from bleu, chrf, rouge1, rougeL"),
        "{err}"
    );
    // The Broken Telephone evaluation format, fitted to its own FActScore.
    let (ok, json, _) = cascade(&[
        "telephone",
        "analyze",
        "tests/fixtures/broken_telephone_eval_small.json",
        "--fit-metric",
        "factscore",
        "--json",
    ]);
    assert!(ok);
    assert_eq!(json["format"], "broken-telephone");
    assert_eq!(json["fit"]["metric"], "factscore");
    assert!(
        (json["steps"][2]["carried"]["factscore"]["mean"]
            .as_f64()
            .unwrap()
            - 0.85)
            .abs()
            < 1e-12
    );
}

/// A Telephone CSV with a header and no rows fails with its reason, not silently.
#[test]
fn a_header_only_telephone_csv_fails_saying_why() {
    // Its own folder: the tests of this file run at once, and another one clears its folder.
    let dir = std::env::temp_dir().join(format!("cascade-cli-telephone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("header_only.csv");
    std::fs::write(&file, "chain_id,step,text\n").unwrap();
    let path = file.to_string_lossy().into_owned();
    let (ok, json, err) = cascade(&["telephone", "analyze", &path, "--json"]);
    assert!(!ok);
    assert_eq!(json["chains"], 0);
    let warnings = json["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .is_some_and(|w| w.contains("a header and no rows under it"))),
        "{warnings:?}"
    );
    assert!(
        err.contains("header_only.csv: no chain could be read"),
        "{err}"
    );
    assert!(err.contains("a header and no rows under it"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_analyze_command_names_a_file_it_does_not_read_and_where_it_goes() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let lm_eval = format!("{dir}/tests/fixtures/lm_eval_gpqa_first3.jsonl");
    let chains = format!("{dir}/tests/fixtures/telephone_chains.jsonl");
    let evalplus = format!("{dir}/tests/fixtures/current_command_r_temp0.8.eval_results.json");
    for lab in ["resampling", "search", "snowball", "telephone"] {
        let (ok, _, err) = cascade(&[lab, "analyze", &lm_eval]);
        assert!(!ok, "{lab}");
        assert!(
            err.contains(
                "lm_eval_gpqa_first3.jsonl: this is an lm-evaluation-harness samples file"
            ),
            "{lab}: {err}"
        );
        assert!(err.lines().count() <= 2, "{lab}: {err}");
        let (file, reader) = if lab == "telephone" {
            (&evalplus, "Resampling")
        } else {
            (&chains, "Telephone")
        };
        let (ok, _, err) = cascade(&[lab, "analyze", file]);
        assert!(!ok, "{lab}");
        assert!(
            err.contains(&format!("which the {reader} lab reads")),
            "{lab}: {err}"
        );
    }
}

#[test]
fn snowball_and_telephone_group_their_warnings_in_json_too() {
    let dir = env!("CARGO_MANIFEST_DIR");
    for (lab, file) in [
        ("snowball", "snowball_generic_claims.csv"),
        ("telephone", "telephone_bad_chains.jsonl"),
    ] {
        let path = format!("{dir}/tests/fixtures/{file}");
        let (_, json, _) = cascade(&[lab, "analyze", &path, "--json"]);
        let warnings = json["warnings"].as_array().map_or(0, Vec::len);
        let groups = json["warning_groups"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(warnings > 0 && !groups.is_empty(), "{lab}: {json}");
        let counted: u64 = groups.iter().filter_map(|g| g["count"].as_u64()).sum();
        assert_eq!(counted as usize, warnings, "{lab}: {json}");
        for g in &groups {
            for key in ["kind", "count", "first", "example"] {
                assert!(g.get(key).is_some(), "{lab}: {key} in {g}");
            }
        }
    }
}
