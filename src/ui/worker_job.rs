//! One hook for every upload read in the parsing Web Worker (Analyze, Snowball, Telephone):
//! progress, run, cancel. The job is typed ([`WorkerJob`]): the page sends the lab's request
//! and gets the lab's reply back, or a [`WorkerError`].

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::protocol::{JobHeader, WorkerError, WorkerJob};

/// A finished job: the lab's reply, the file's short hash, the milliseconds the job took.
pub struct Finished<R> {
    /// What the lab's job answered.
    pub reply: R,
    /// Short hash of the file's bytes.
    pub hash: String,
    /// Milliseconds the worker spent on the job.
    pub ms: f64,
}

struct Running {
    worker: web_sys::Worker,
    reject: js_sys::Function,
    cancelled: Rc<Cell<bool>>,
}

/// The state of one upload point's worker jobs (see [`use_worker_job`]).
#[derive(Clone, Copy)]
pub struct UseWorkerJob {
    /// The share done while a job runs; `None` when none does.
    pub progress: RwSignal<Option<f64>>,
    running: StoredValue<Option<Running>, LocalStorage>,
}

/// A worker-job handle for a component: one job at a time, cancellable.
pub fn use_worker_job() -> UseWorkerJob {
    UseWorkerJob {
        progress: RwSignal::new(None),
        running: StoredValue::new_local(None),
    }
}

impl UseWorkerJob {
    /// Stops the running job (its `run` ends with [`WorkerError::Cancelled`]).
    pub fn cancel(&self) {
        self.running.with_value(|r| {
            if let Some(r) = r {
                r.cancelled.set(true);
                r.worker.terminate();
                let _ = r.reject.call1(&JsValue::NULL, &JsValue::NULL);
            }
        });
    }

    /// Runs job `J` on `file` in a fresh worker (`parse-worker_loader.js`, built by Trunk).
    /// Only the request's and the reply's conversions are per job: the worker's plumbing is one
    /// function for every lab (`run_raw`), so each lab adds little to the page's wasm.
    pub async fn run<J: WorkerJob>(
        self,
        file: &web_sys::File,
        request: &J::Request,
    ) -> Result<Finished<J::Reply>, WorkerError> {
        let request = serde_wasm_bindgen::to_value(request).map_err(|_| WorkerError::NoHandover)?;
        let (reply, hash, ms) = self.run_raw(J::LAB, file, request).await?;
        match serde_wasm_bindgen::from_value::<J::Reply>(reply) {
            Ok(reply) => Ok(Finished { reply, hash, ms }),
            Err(e) => Err(WorkerError::BadReply(e.to_string())),
        }
    }

    /// The worker's round trip for lab `lab`: the `Done` message's reply (still a JS value), hash
    /// and milliseconds, or why there is none.
    async fn run_raw(
        self,
        lab: crate::state::Lab,
        file: &web_sys::File,
        request: JsValue,
    ) -> Result<(JsValue, String, f64), WorkerError> {
        let header = JobHeader {
            lab,
            lang: crate::text::language().to_string(),
        };
        let payload = match serde_wasm_bindgen::to_value(&header) {
            Ok(h) => js_sys::Array::of3(&h, &request, file),
            _ => return Err(WorkerError::NoHandover),
        };
        let worker =
            web_sys::Worker::new("parse-worker_loader.js").map_err(|_| WorkerError::NoStart)?;
        let cancelled = Rc::new(Cell::new(false));
        let handover_failed = Rc::new(Cell::new(false));
        let progress = self.progress;
        progress.set(Some(0.0));
        let mut handler: Option<Closure<dyn FnMut(web_sys::MessageEvent)>> = None;
        let mut reject_fn: Option<js_sys::Function> = None;
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let (me, payload, fail) = (worker.clone(), payload.clone(), reject.clone());
            let handover_failed = handover_failed.clone();
            let closure = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |ev: web_sys::MessageEvent| {
                    let data = ev.data();
                    if data.as_string().as_deref() == Some("ready") {
                        if me.post_message(&payload).is_err() {
                            handover_failed.set(true);
                            let _ = fail.call1(&JsValue::NULL, &JsValue::NULL);
                        }
                        return;
                    }
                    let p = js_sys::Reflect::get(&data, &JsValue::from_str("progress"))
                        .unwrap_or(JsValue::UNDEFINED);
                    if !p.is_undefined() {
                        let get = |k: &str| {
                            js_sys::Reflect::get(&p, &JsValue::from_str(k))
                                .ok()
                                .and_then(|v| v.as_f64())
                                .unwrap_or(0.0)
                        };
                        progress.try_set(Some(get("done") / get("total").max(1.0)));
                        return;
                    }
                    let _ = resolve.call1(&JsValue::NULL, &data);
                },
            );
            worker.set_onmessage(Some(closure.as_ref().unchecked_ref()));
            worker.set_onerror(Some(&reject));
            handler = Some(closure);
            reject_fn = Some(reject);
        });
        if let Some(reject) = reject_fn {
            self.running.set_value(Some(Running {
                worker: worker.clone(),
                reject,
                cancelled: cancelled.clone(),
            }));
        }
        let outcome = JsFuture::from(promise).await;
        worker.terminate();
        drop(handler);
        self.running.try_set_value(None);
        progress.try_set(None);
        if cancelled.get() {
            return Err(WorkerError::Cancelled);
        }
        if handover_failed.get() {
            return Err(WorkerError::NoHandover);
        }
        let value = outcome.map_err(|_| WorkerError::Stopped)?;
        // The message's envelope (externally tagged: {"done": {...}} or {"failed": {...}}), read
        // without the reply's type.
        let field = |v: &JsValue, k: &str| {
            js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
        };
        let done = field(&value, "done");
        if done.is_object() {
            let hash = field(&done, "hash").as_string().unwrap_or_default();
            let ms = field(&done, "ms").as_f64().unwrap_or(f64::NAN);
            return Ok((field(&done, "reply"), hash, ms));
        }
        let failed = field(&value, "failed");
        if failed.is_object() {
            return match serde_wasm_bindgen::from_value::<crate::text::Deferred>(field(
                &failed, "error",
            )) {
                Ok(error) => Err(WorkerError::Failed(error)),
                Err(e) => Err(WorkerError::BadReply(e.to_string())),
            };
        }
        Err(WorkerError::Stopped)
    }
}

/// The progress bar and cancel button of a running job (nothing when none runs); ids
/// `{prefix}-progress` and `{prefix}-cancel`.
#[component]
pub fn JobProgress(
    /// The job shown.
    job: UseWorkerJob,
    /// Prefix of the elements' ids (`upload`, `sb`, `tel`).
    prefix: &'static str,
) -> impl IntoView {
    move || {
        job.progress.get().map(|share| {
            view! {
                <div class="progress">
                    <progress id=format!("{prefix}-progress") max="1" value=share.to_string()></progress>
                    " "{format!("{:.0} %", 100.0 * share)}" "
                    <button type="button" class="small" id=format!("{prefix}-cancel")
                        on:click=move |_| job.cancel()>{move || crate::text::t("app.cancel")}</button>
                </div>
            }
        })
    }
}
