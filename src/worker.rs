//! The parsing Web Worker: reads an uploaded file and runs its lab's job off the main thread,
//! posting progress and the reply back to the page, so a 100 MB upload never freezes the tab.
//! Built by Trunk from `src/bin/parse_worker.rs`; the protocol is [`crate::protocol`] and the
//! page's side is [`crate::ui::worker_job`]. It knows no lab: the registry gives each lab's job.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::protocol::{post_value, JobHeader, WorkerMessage};

type Scope = web_sys::DedicatedWorkerGlobalScope;

/// Installs the message handler: each message is `[JobHeader, request, File]`.
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<Scope>() else {
        return;
    };
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let reply = handle(&reply_scope, ev.data());
            let _ = reply_scope.post_message(&reply);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages that arrived while the wasm was still loading had no handler: ask for the file now.
    let _ = scope.post_message(&post_value::<()>(&WorkerMessage::Ready));
}

fn failed(error: crate::text::Deferred) -> JsValue {
    post_value::<()>(&WorkerMessage::Failed { error })
}

fn handle(scope: &Scope, data: JsValue) -> JsValue {
    let parts = data.dyn_into::<js_sys::Array>().unwrap_or_default();
    let header = serde_wasm_bindgen::from_value::<JobHeader>(parts.get(0));
    let Ok(header) = header else {
        return failed(crate::msg!("app.worker.unknown_job"));
    };
    // The messages are worded in the page's language.
    crate::text::set_language(&header.lang);
    let Some(run) = crate::labs::worker_job(header.lab) else {
        return failed(crate::msg!("app.worker.unknown_job"));
    };
    let Ok(file) = parts.get(2).dyn_into::<web_sys::File>() else {
        return failed(crate::msg!("app.worker.unknown_job"));
    };
    let name = file.name();
    let bytes = match web_sys::FileReaderSync::new().and_then(|r| r.read_as_array_buffer(&file)) {
        Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
        Err(_) => return failed(crate::msg!("app.worker.unreadable", name = name)),
    };
    // A file plainly of another lab or another tool is named, not parsed as this lab's.
    if let Some(error) = crate::labs::refuse_upload(header.lab, &name, &bytes) {
        return failed(error);
    }
    // Progress at most every 50 ms, in thousandths.
    let mut last = js_sys::Date::now();
    let mut progress = |share: f64| {
        let now = js_sys::Date::now();
        if now - last >= 50.0 {
            last = now;
            let done = (share.clamp(0.0, 1.0) * 1000.0) as u64;
            let message = post_value::<()>(&WorkerMessage::Progress { done, total: 1000 });
            let _ = scope.post_message(&message);
        }
    };
    run(&name, &bytes, parts.get(1), &mut progress)
}
