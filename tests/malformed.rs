//! The malformed-input corpus (`tests/support/corpus.rs`) through every lab, as the worker runs
//! an upload: the registry's check first (`labs::refuse_upload`), then the lab's job. For every
//! file and lab: no panic, a bounded time, a bounded peak of memory (a counting allocator), and
//! every message short — each value a message quotes is clipped, each worded warning under 600
//! characters. The counts are printed (`cargo test --test malformed -- --nocapture`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/corpus.rs"]
mod corpus;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cascade_lab::labs::{refuse_upload, resampling, search, snowball, telephone};
use cascade_lab::protocol::{run_job, WorkerJob, WorkerMessage};
use cascade_lab::state::Lab;
use cascade_lab::text::Deferred;

/// Counts the bytes allocated now and the most at once since the last reset.
struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Every message in a reply (as JSON): Deferreds worded, the telephone report's worded
/// warnings, and each quoted value.
fn messages(value: &serde_json::Value, out: &mut Vec<String>, literals: &mut Vec<usize>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(text) = map.get("Literal").and_then(|v| v.as_str()) {
                literals.push(text.chars().count());
            }
            if map.len() == 1 && (map.contains_key("Text") || map.contains_key("Literal")) {
                if let Ok(d) = serde_json::from_value::<Deferred>(value.clone()) {
                    out.push(d.to_string());
                }
            }
            for (k, v) in map {
                if k == "warnings" {
                    if let Some(list) = v.as_array() {
                        out.extend(list.iter().filter_map(|w| w.as_str().map(str::to_string)));
                    }
                }
                messages(v, out, literals);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|v| messages(v, out, literals)),
        _ => {}
    }
}

/// What one lab made of one file — the messages it gave, or its panic — with the time and the
/// peak of memory of the job itself (measured before its reply is walked for messages).
fn run<J: WorkerJob>(
    name: &str,
    bytes: &[u8],
    request: &J::Request,
) -> (Result<Vec<String>, String>, Duration, usize)
where
    J::Reply: serde::Serialize,
{
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let started = Instant::now();
    let cost = std::cell::Cell::new(None);
    let measure = || {
        cost.set(Some((
            started.elapsed(),
            PEAK.load(Ordering::Relaxed).saturating_sub(base),
        )))
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if let Some(refused) = refuse_upload(J::LAB, name, bytes) {
            measure();
            return vec![refused.to_string()];
        }
        let message = run_job::<J>(name, bytes, request, &mut |share| {
            assert!((0.0..=1.0).contains(&share))
        });
        measure();
        let mut said = Vec::new();
        let mut literals = Vec::new();
        match message {
            WorkerMessage::Done { reply, .. } => {
                let value = serde_json::to_value(&reply).unwrap_or_default();
                messages(&value, &mut said, &mut literals);
            }
            WorkerMessage::Failed { error } => {
                let text = error.to_string();
                assert!(text.contains(name), "a failure names its file: {text}");
                said.push(text);
            }
            _ => panic!("neither a reply nor a failure"),
        }
        assert!(
            literals.iter().all(|&n| n <= cascade_lab::text::Shown::MAX),
            "a quoted value longer than {}: {literals:?}",
            cascade_lab::text::Shown::MAX
        );
        said
    }));
    if cost.get().is_none() {
        measure();
    }
    let (took, peak) = cost.get().unwrap_or_default();
    let result = result.map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    });
    (result, took, peak)
}

#[test]
fn every_malformed_file_in_every_lab_is_answered_in_bounded_time_memory_and_words() {
    let big = std::env::var_os("CASCADE_CORPUS_BIG").is_some();
    let mut cases = corpus::corpus(big);
    // Every crash the fuzzer found (scripts/fuzz.sh keeps them there) stays a test.
    let kept = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for dir in std::fs::read_dir(&kept).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(bytes) = std::fs::read(file.path()) {
                let name = file.file_name().to_string_lossy().into_owned();
                cases.push(corpus::Case { name, bytes });
            }
        }
    }
    let search_req = search::job::Request {
        aggregate: search::ingest::Aggregate::Stored,
        seed: 1,
    };
    let tel_req = telephone::job::Request { fit: "bleu".into() };
    let mut failures = Vec::new();
    let (mut runs, mut refused, mut slowest, mut heaviest) = (
        0usize,
        0usize,
        (Duration::ZERO, String::new()),
        (0.0f64, String::new()),
    );
    for case in &cases {
        for lab in [Lab::Resampling, Lab::Search, Lab::Snowball, Lab::Telephone] {
            let (said, took, peak) = match lab {
                Lab::Resampling => {
                    run::<resampling::job::ReadResults>(&case.name, &case.bytes, &())
                }
                Lab::Search => {
                    run::<search::job::AnalyzeSearch>(&case.name, &case.bytes, &search_req)
                }
                Lab::Snowball => run::<snowball::job::AnalyzeAnswers>(&case.name, &case.bytes, &()),
                Lab::Telephone => {
                    run::<telephone::job::MeasureChains>(&case.name, &case.bytes, &tel_req)
                }
                Lab::Analyze | Lab::About => unreachable!(),
            };
            runs += 1;
            let what = format!("{} in {lab:?}", case.name);
            // Memory linear in the input: its text, the records, the reply (a chain of 10⁵
            // steps keeps a report row per step; a text its n-gram counts, ~16 bytes a
            // character and order) — 40 bytes per input byte and 64 MB.
            let bound = 40 * case.bytes.len() + (64 << 20);
            if peak > bound {
                failures.push(format!(
                    "{what}: peak {} MB > {} MB",
                    peak >> 20,
                    bound >> 20
                ));
            }
            // A debug build: 10⁵ rows take seconds; anything quadratic in them, hours.
            if took > Duration::from_secs(60) {
                failures.push(format!("{what}: {took:?}"));
            }
            if took > slowest.0 {
                slowest = (took, what.clone());
            }
            let ratio = peak as f64 / case.bytes.len().max(1) as f64;
            if case.bytes.len() > 100_000 && ratio > heaviest.0 {
                heaviest = (ratio, what.clone());
            }
            match said {
                Err(panic) => failures.push(format!("{what}: panicked: {panic}")),
                Ok(said) => {
                    if said.len() == 1 && said[0].contains("not a file any lab reads")
                        || said.iter().any(|s| s.contains("which the"))
                    {
                        refused += 1;
                    }
                    for s in said {
                        if s.chars().count() > 600 {
                            failures.push(format!(
                                "{what}: a message of {} characters: {}…",
                                s.chars().count(),
                                s.chars().take(200).collect::<String>()
                            ));
                        }
                    }
                }
            }
        }
    }
    let summary = format!(
        "malformed corpus: {} files, {runs} runs through the labs ({refused} named as another lab's or tool's), 0 panics allowed; slowest {:?} ({}); most memory per input byte {:.1} ({})",
        cases.len(),
        slowest.0,
        slowest.1,
        heaviest.0,
        heaviest.1
    );
    println!("{summary}");
    // The test command prints it in its summary (scripts/test.sh).
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        let _ = std::fs::write(
            std::path::Path::new(&dir).join("malformed-corpus.txt"),
            format!("{summary}; failures: {}\n", failures.len()),
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
