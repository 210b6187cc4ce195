//! The text metrics against values computed by sacrebleu and rouge-score
//! (tests/data/text_metric_vectors.json, written by scripts/text_metric_vectors.py).
#![cfg(not(target_arch = "wasm32"))]

use cascade_lab::text_metrics::compare_texts;

#[test]
fn metrics_match_the_standard_libraries() {
    let raw = std::fs::read_to_string("tests/data/text_metric_vectors.json").unwrap();
    let doc: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 30);
    let mut worst = 0.0f64;
    for v in vectors {
        let hyp = v["hypothesis"].as_str().unwrap();
        let reference = v["reference"].as_str().unwrap();
        let s = compare_texts(hyp, reference);
        for (name, ours) in [
            ("bleu", s.bleu),
            ("chrf", s.chrf),
            ("rouge1", s.rouge1),
            ("rougeL", s.rouge_l),
        ] {
            let want = v[name].as_f64().unwrap();
            let diff = (ours - want).abs();
            worst = worst.max(diff);
            assert!(
                diff < 1e-9,
                "{name}: ours {ours}, library {want}\n  hyp: {hyp:?}\n  ref: {reference:?}"
            );
        }
    }
    eprintln!("largest difference from the libraries: {worst:e}");
}
