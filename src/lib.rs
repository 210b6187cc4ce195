//! Cascade Lab: see how errors compound in LLM systems.
//!
//! The core (everything but `ui` and `worker`) is plain Rust that builds and tests natively and
//! is what the `cascade` command-line tool runs; `ui` is the Leptos single-page app and `worker`
//! the parsing Web Worker, both built only for wasm32. ARCHITECTURE.md is the map.

// Shared machinery: knows no lab by name.
pub mod charts;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
pub mod ingest;
pub mod link;
pub mod play;
pub mod rng;
pub mod stats;
pub mod text;
pub mod text_metrics;

// The labs and the registry.
pub mod labs;

// The app around the labs.
pub mod golden;
pub mod lessons;
pub mod protocol;
pub mod session;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
