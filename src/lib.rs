//! Cascade Lab: see how errors compound in LLM systems.
//!
//! The core (everything but `ui`) is plain Rust that builds and tests natively and is what the
//! `cascade` command-line tool runs; `ui` is the Leptos single-page app, built only for wasm32.

pub mod analysis;
pub mod charts;
pub mod golden;
pub mod ingest;
pub mod lessons;
pub mod rng;
pub mod session;
pub mod share;
pub mod sims;
pub mod stats;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
