//! An upload dropped in the Search lab, as the worker reads it: the registry's check, then the
//! lab's job (a panic is a crash).
#![no_main]

use cascade_lab::labs::*;
use cascade_lab::protocol::run_job;
use cascade_lab::state::Lab;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if refuse_upload(Lab::Search, "fuzz", data).is_none() {
        let _ = run_job::<search::job::AnalyzeSearch>(
            "fuzz",
            data,
            &search::job::Request {
                aggregate: search::ingest::Aggregate::Stored,
                seed: 1,
            },
            &mut |_| {},
        );
    }
});
