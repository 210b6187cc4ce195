//! The parsing Web Worker: reads an uploaded file and parses it off the main thread, posting
//! progress and the result back to the page, so a 100 MB upload never freezes the tab.
//! Built by Trunk from `src/bin/parse_worker.rs`; the page talks to it in `ui::analyze`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::ingest::evalplus::read_results_with_progress;
use crate::ingest::{short_hash, ParseReply};

/// Installs the message handler: each message is a `File`; the replies are [`ParseReply`]s.
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let reply = match ev.data().dyn_into::<web_sys::File>() {
                Ok(file) => parse(&reply_scope, &file),
                Err(_) => ParseReply::Failed {
                    error: "the parser was sent something that is not a file".into(),
                },
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
                error: format!("could not send the result: {e}"),
            };
            if let Ok(value) = serde_wasm_bindgen::to_value(&failed) {
                let _ = scope.post_message(&value);
            }
        }
    }
}

fn parse(scope: &web_sys::DedicatedWorkerGlobalScope, file: &web_sys::File) -> ParseReply {
    let name = file.name();
    let bytes = match web_sys::FileReaderSync::new().and_then(|r| r.read_as_array_buffer(file)) {
        Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
        Err(_) => {
            return ParseReply::Failed {
                error: format!("{name}: could not be read"),
            }
        }
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
