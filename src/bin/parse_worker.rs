//! The Web Worker that parses uploads off the main thread (Trunk builds it with
//! `data-type="worker"`; the page starts it as `parse-worker_loader.js`).

#[cfg(target_arch = "wasm32")]
fn main() {
    cascade_lab::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("parse-worker runs in the browser as a Web Worker; see scripts/serve.sh");
}
