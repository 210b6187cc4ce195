//! Every real file, dropped in every lab: a lab reads its own formats, names another lab's
//! format and the lab that reads it (the page links there), and names a format no lab reads
//! with what to export instead — one short message naming the file, never a parser's jargon.

use cascade_lab::labs::{goto, refuse_upload};
use cascade_lab::state::Lab;
use cascade_lab::text::t;

/// What a file is: read by a lab, or a format no lab reads (its name's catalog id).
enum Is {
    ReadBy(Lab),
    Foreign(&'static str),
}

fn files() -> Vec<(&'static str, Is)> {
    use Is::*;
    vec![
        (
            "current_command_r_temp0.8.eval_results.json",
            ReadBy(Lab::Resampling),
        ),
        (
            "legacy_all_timed_out.eval_results.json",
            ReadBy(Lab::Resampling),
        ),
        (
            "legacy_10_samples_all_failed.eval_results.json",
            ReadBy(Lab::Resampling),
        ),
        (
            "search_and_learn_beam_math500_first10.jsonl",
            ReadBy(Lab::Search),
        ),
        ("search_generic.csv", ReadBy(Lab::Search)),
        ("snowball_generic_claims.csv", ReadBy(Lab::Snowball)),
        ("snowball_halogen_small.csv", ReadBy(Lab::Snowball)),
        ("broken_telephone_eval_small.json", ReadBy(Lab::Telephone)),
        ("telephone_chains.jsonl", ReadBy(Lab::Telephone)),
        (
            "inspect_arc_easy_qwen2.5-0.5b.json",
            Foreign("ingest.format.inspect_json"),
        ),
        (
            "lm_eval_gpqa_first3.jsonl",
            Foreign("ingest.format.lm_eval"),
        ),
        (
            "gsm8k_solutions_first3.jsonl",
            Foreign("ingest.format.gsm8k"),
        ),
        ("tot_game24_first3.json", Foreign("ingest.format.tot")),
        (
            "snowball/primality_testing.json",
            Foreign("ingest.format.questions"),
        ),
        (
            "snowball/senator_search.json",
            Foreign("ingest.format.questions"),
        ),
    ]
}

const LABS: [(Lab, &str); 4] = [
    (Lab::Resampling, "resampling.format.advice"),
    (Lab::Search, "search.format.advice"),
    (Lab::Snowball, "snowball.format.advice"),
    (Lab::Telephone, "telephone.format.advice"),
];

fn read(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_real_file_is_read_by_its_lab_and_named_in_the_others() {
    for (name, is) in files() {
        let bytes = read(name);
        for (lab, advice) in LABS {
            let said = refuse_upload(lab, name, &bytes);
            let text = said.as_ref().map(|m| m.to_string());
            match (&is, &said) {
                (Is::ReadBy(reader), None) if *reader == lab => {}
                (Is::ReadBy(reader), Some(m)) if *reader != lab => {
                    let text = m.to_string();
                    assert_eq!(goto(m), Some(*reader), "{name} in {lab:?}: {text}");
                    assert!(text.starts_with(name), "{text}");
                    assert!(
                        text.contains(&format!("the {} lab reads", reader.title())),
                        "{text}"
                    );
                }
                (Is::Foreign(format), Some(m)) => {
                    let text = m.to_string();
                    assert!(text.starts_with(name), "{text}");
                    assert!(text.contains(t(format)), "{name} in {lab:?}: {text}");
                    assert!(text.contains(t(advice)), "{text}");
                    assert_eq!(goto(m), None);
                }
                _ => panic!("{name} in {lab:?}: {text:?}"),
            }
            if let Some(text) = text {
                assert!(text.chars().count() < 400, "{text}");
            }
        }
    }
}
