//! The one protocol between the page and its Web Worker, which reads and measures uploads off
//! the main thread. It knows no lab: each lab defines its job once ([`WorkerJob`]: a typed
//! request and a typed reply, in `src/labs/<lab>/job.rs`, plain Rust tested natively), and the
//! registry hands the worker the lab's runner (`labs::worker_job`, in wasm builds).
//!
//! The page sends `[JobHeader, request, File]`; the worker answers with [`WorkerMessage`]s:
//! `Ready` once it listens, `Progress` as it goes, then `Done` with the lab's reply or `Failed`.
//! Messages travel through serde-wasm-bindgen (NaN and exact floats survive the trip).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::state::Lab;
use crate::text::Deferred;

/// Reports progress: the share of the job done, 0 … 1.
pub type Progress<'a> = &'a mut dyn FnMut(f64);

/// One lab's job in the worker: what the page asks, what the worker answers, and the work.
pub trait WorkerJob {
    /// The lab whose job this is (the worker looks the runner up by it).
    const LAB: Lab;
    /// Options the page sends with the file.
    type Request: Serialize + for<'de> Deserialize<'de>;
    /// What the worker sends back.
    type Reply: Serialize + for<'de> Deserialize<'de>;
    /// Reads and measures the file `name` (its `bytes`); `Err` when nothing in it is usable,
    /// with a message naming the file.
    fn run(
        name: &str,
        bytes: &[u8],
        request: &Self::Request,
        progress: Progress,
    ) -> Result<Self::Reply, Deferred>;
}

/// What the page tells the worker besides the request: whose job and in which language the
/// messages are to be worded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobHeader {
    /// The lab whose job runs.
    pub lab: Lab,
    /// The page's language (a file in `text/`).
    pub lang: String,
}

/// A message from the worker. Externally tagged (serde's default): an internally tagged enum
/// would buffer every message through serde's generic `Content` type (~25 KB of wasm).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerMessage<R> {
    /// The worker has started and is listening (messages sent before this would be lost).
    Ready,
    /// Work done so far, in thousandths.
    Progress { done: u64, total: u64 },
    /// The job's reply, the file's short hash and the milliseconds the job took.
    Done { reply: R, hash: String, ms: f64 },
    /// Nothing usable in the file (the message names it).
    Failed { error: Deferred },
}

/// Why a job gave no reply.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerError {
    /// The visitor cancelled it.
    Cancelled,
    /// The worker could not be started.
    NoStart,
    /// The file could not be handed to the worker.
    NoHandover,
    /// The worker stopped without answering (it crashed or ran out of memory).
    Stopped,
    /// The worker's answer could not be read.
    BadReply(String),
    /// The job ran and found nothing usable (the message names the file).
    Failed(Deferred),
}

impl WorkerError {
    /// What to tell the visitor, worded when shown.
    pub fn message(&self) -> Deferred {
        match self {
            WorkerError::Cancelled => crate::msg!("app.worker.cancelled"),
            WorkerError::NoStart => crate::msg!("app.worker.no_start"),
            WorkerError::NoHandover => crate::msg!("app.worker.no_handover"),
            WorkerError::Stopped => crate::msg!("app.worker.stopped"),
            WorkerError::BadReply(e) => crate::msg!("app.worker.bad_reply", error = e),
            WorkerError::Failed(e) => e.clone(),
        }
    }

    /// The one rule of every lab for a file that cannot be read: its error is added and no
    /// report is replaced or wiped. A lab that shows one report at a time says which file the
    /// report on screen still comes from (`older`), so it never looks like the failed file's.
    pub fn about_file_keeping(&self, name: &str, older: Option<&str>) -> Vec<Deferred> {
        let mut out = vec![self.about_file(name)];
        if let Some(older) = older {
            out.push(crate::msg!(
                "app.upload.older_kept",
                name = name,
                older = older
            ));
        }
        out
    }

    /// The message about file `name`: a failed job's own message names the file already.
    pub fn about_file(&self, name: &str) -> Deferred {
        match self {
            WorkerError::Failed(e) => e.clone(),
            other => Deferred::new(
                "app.file_message",
                vec![
                    ("name", Deferred::literal(name)),
                    ("message", other.message()),
                ],
            ),
        }
    }
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for WorkerError {}

/// Runs a job as the worker does, without the worker: the reply, the hash and the message a
/// failure gives (the command line and the native tests use it).
pub fn run_job<J: WorkerJob>(
    name: &str,
    bytes: &[u8],
    request: &J::Request,
    progress: Progress,
) -> WorkerMessage<J::Reply> {
    match J::run(name, bytes, request, progress) {
        Ok(reply) => WorkerMessage::Done {
            reply,
            hash: crate::ingest::short_hash(bytes),
            ms: 0.0,
        },
        Err(error) => WorkerMessage::Failed { error },
    }
}

/// The worker's side of a job, as the registry hands it out: reads the request, runs the job,
/// returns the message to post.
#[cfg(target_arch = "wasm32")]
pub type JobRunner = fn(&str, &[u8], wasm_bindgen::JsValue, Progress) -> wasm_bindgen::JsValue;

/// The [`JobRunner`] of job `J`.
#[cfg(target_arch = "wasm32")]
pub fn runner<J: WorkerJob>(
    name: &str,
    bytes: &[u8],
    request: wasm_bindgen::JsValue,
    progress: Progress,
) -> wasm_bindgen::JsValue {
    let message = match serde_wasm_bindgen::from_value::<J::Request>(request) {
        Ok(request) => {
            let started = js_sys::Date::now();
            match run_job::<J>(name, bytes, &request, progress) {
                WorkerMessage::Done { reply, hash, .. } => WorkerMessage::Done {
                    reply,
                    hash,
                    ms: js_sys::Date::now() - started,
                },
                other => other,
            }
        }
        Err(e) => WorkerMessage::Failed {
            error: crate::msg!("app.worker.bad_request", error = e),
        },
    };
    post_value(&message)
}

/// A message as a JS value; a reply that cannot be sent becomes a `Failed` message saying why.
#[cfg(target_arch = "wasm32")]
pub fn post_value<R: Serialize>(message: &WorkerMessage<R>) -> wasm_bindgen::JsValue {
    serde_wasm_bindgen::to_value(message).unwrap_or_else(|e| {
        let failed: WorkerMessage<()> = WorkerMessage::Failed {
            error: crate::msg!("app.worker.no_send", error = e),
        };
        serde_wasm_bindgen::to_value(&failed).unwrap_or(wasm_bindgen::JsValue::NULL)
    })
}
