//! The parsing Web Worker: reads an uploaded file and parses it off the main thread, posting
//! progress and the result back to the page, so a 100 MB upload never freezes the tab.
//! Built by Trunk from `src/bin/parse_worker.rs`; the page talks to it in `ui::analyze`.

use crate::text::t;
use crate::tr;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::ingest::short_hash;
use crate::labs::resampling::ingest::read_results_with_progress;
use crate::protocol::ParseReply;

/// Installs the message handler: each message is a `File`; the replies are [`ParseReply`]s.
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            // [language, job]: the messages are worded in the page's language.
            let mut data = ev.data();
            if let Some(pair) = data.dyn_ref::<js_sys::Array>() {
                if let Some(code) = pair.get(0).as_string() {
                    crate::text::set_language(&code);
                    data = pair.get(1);
                }
            }
            let reply = if let Some(file) = data.dyn_ref::<web_sys::File>() {
                parse(&reply_scope, file)
            } else if let Some(job) = data.dyn_ref::<js_sys::Array>() {
                // ["telephone", file, fit metric]
                match (
                    job.get(0).as_string().as_deref(),
                    job.get(1).dyn_into::<web_sys::File>(),
                ) {
                    (Some("telephone"), Ok(file)) => {
                        let fit = job.get(2).as_string().unwrap_or_else(|| "chrf".into());
                        telephone(&reply_scope, &file, &fit)
                    }
                    _ => ParseReply::Failed {
                        error: t("app.worker.unknown_job").into(),
                    },
                }
            } else {
                ParseReply::Failed {
                    error: t("app.worker.not_a_file").into(),
                }
            };
            post(&reply_scope, &reply);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages that arrived while the wasm was still loading had no handler: ask for the file now.
    post(&scope, &ParseReply::Ready);
}

fn post(scope: &web_sys::DedicatedWorkerGlobalScope, reply: &ParseReply) {
    match serde_wasm_bindgen::to_value(reply) {
        Ok(value) => {
            let _ = scope.post_message(&value);
        }
        Err(e) => {
            let failed = ParseReply::Failed {
                error: tr!("app.worker.no_send", error = format!("{e:?}")),
            };
            if let Ok(value) = serde_wasm_bindgen::to_value(&failed) {
                let _ = scope.post_message(&value);
            }
        }
    }
}

fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, Box<ParseReply>> {
    match web_sys::FileReaderSync::new().and_then(|r| r.read_as_array_buffer(file)) {
        Ok(buf) => Ok(js_sys::Uint8Array::new(&buf).to_vec()),
        Err(_) => Err(Box::new(ParseReply::Failed {
            error: tr!("app.worker.unreadable", name = file.name()),
        })),
    }
}

/// Reads and measures a chain file: parsing is the first 30 % of the progress bar, scoring
/// the chains the rest.
fn telephone(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    file: &web_sys::File,
    fit: &str,
) -> ParseReply {
    use crate::labs::telephone::analysis::{score_chains, summarize};
    let bytes = match read_bytes(file) {
        Ok(b) => b,
        Err(reply) => return *reply,
    };
    let started = js_sys::Date::now();
    let mut last = started;
    let mut report_progress = |share: f64| {
        let now = js_sys::Date::now();
        if now - last >= 50.0 {
            last = now;
            let done = (share.clamp(0.0, 1.0) * 1000.0) as u64;
            post(scope, &ParseReply::Progress { done, total: 1000 });
        }
    };
    let mut chains =
        crate::labs::telephone::ingest::read_chains_with_progress(&bytes, &mut |d, t| {
            report_progress(0.3 * d as f64 / t.max(1) as f64)
        });
    if chains.chains.is_empty() {
        let why = chains
            .warnings
            .first()
            .map(|w| w.to_string())
            .unwrap_or_else(|| t("telephone.ingest.no_chains").into());
        return ParseReply::Failed {
            error: tr!("telephone.ingest.nothing", name = file.name(), why = why),
        };
    }
    let per_chain = score_chains(&chains.chains, &mut |d, t| {
        report_progress(0.3 + 0.7 * d as f64 / t.max(1) as f64)
    });
    let report = summarize(&chains, per_chain, fit);
    chains.chains.truncate(crate::protocol::CHAINS_WITH_TEXT);
    ParseReply::Chains {
        file: Box::new(chains),
        report: Box::new(report),
        hash: short_hash(&bytes),
        ms: js_sys::Date::now() - started,
    }
}

fn parse(scope: &web_sys::DedicatedWorkerGlobalScope, file: &web_sys::File) -> ParseReply {
    let name = file.name();
    let bytes = match read_bytes(file) {
        Ok(b) => b,
        Err(reply) => return *reply,
    };
    let started = js_sys::Date::now();
    let mut last = started;
    let mut progress = |done: u64, total: u64| {
        let now = js_sys::Date::now();
        if now - last >= 100.0 {
            last = now;
            post(scope, &ParseReply::Progress { done, total });
        }
    };
    match read_results_with_progress(&name, &bytes, &mut progress) {
        Ok(files) => ParseReply::Done {
            files,
            hash: short_hash(&bytes),
            ms: js_sys::Date::now() - started,
        },
        Err(e) => ParseReply::Failed {
            error: e.to_string(),
        },
    }
}
