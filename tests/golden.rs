//! Golden links: one share link per preset of every lab with the exact numbers it must show
//! (tests/golden_links.json). Natively, `golden::page_numbers` must reproduce them bit for bit;
//! the end-to-end test opens every link in Chromium and reads the same numbers from the page.
//!
//! After a deliberate change of a model, rewrite the file with
//! `GOLDEN_UPDATE=1 cargo test --test golden` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

use cascade_lab::golden::{golden_links, page_numbers};
use cascade_lab::state::AppState;

const PATH: &str = "tests/golden_links.json";

fn current() -> serde_json::Value {
    let links: Vec<serde_json::Value> = golden_links()
        .into_iter()
        .map(|(name, query)| {
            let d = AppState::decode(&query);
            assert!(
                d.warnings.is_empty(),
                "{name}: {query} decodes with warnings"
            );
            serde_json::json!({
                "name": name,
                "query": query,
                "numbers": page_numbers(&d.state),
            })
        })
        .collect();
    serde_json::json!({
        "about": "One share link per preset of every lab and the numbers its page must show (data-metric name → data-value). Checked natively by tests/golden.rs and in Chromium by e2e/shell.test.mjs.",
        "links": links,
    })
}

#[test]
fn golden_links_show_their_pinned_numbers() {
    let now = current();
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        let text = serde_json::to_string_pretty(&now).unwrap() + "\n";
        std::fs::write(PATH, text).unwrap();
        return;
    }
    let pinned: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(PATH).unwrap()).unwrap();
    let (a, b) = (
        pinned["links"].as_array().unwrap(),
        now["links"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len(), "the set of golden links changed");
    assert!(a.len() >= 20);
    for (p, n) in a.iter().zip(b) {
        assert_eq!(p["query"], n["query"], "{}", p["name"]);
        // serde_json prints the shortest representation that reads back to the same f64, so
        // equal JSON numbers are equal bits.
        assert_eq!(p["numbers"], n["numbers"], "{}", p["name"]);
    }
}
