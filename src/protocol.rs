//! The messages between the page and its parsing Web Worker ([`crate::worker`]).

use serde::{Deserialize, Serialize};

/// Messages from the parsing Web Worker to the page (sent through serde-wasm-bindgen).
/// Externally tagged (serde's default): an internally tagged enum would buffer every message
/// through serde's generic `Content` type, which costs ~25 KB of wasm in the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParseReply {
    /// The worker has started and is listening (messages sent before this would be lost).
    Ready,
    /// Bytes of the file processed so far.
    Progress { done: u64, total: u64 },
    /// The models read from the file.
    Done {
        files: Vec<crate::labs::resampling::results::ResultsFile>,
        hash: String,
        ms: f64,
    },
    /// Chains read and measured (the Telephone lab). Texts come back for the first
    /// [`CHAINS_WITH_TEXT`] chains only (the diff view); the report covers all.
    Chains {
        file: Box<crate::labs::telephone::ingest::ChainFile>,
        report: Box<crate::labs::telephone::analysis::TelephoneReport>,
        hash: String,
        ms: f64,
    },
    /// Nothing usable in the file.
    Failed { error: String },
}

/// Chains whose texts the worker sends back to the page.
pub const CHAINS_WITH_TEXT: usize = 500;
