//! The WebAssembly entry: Trunk builds this binary; it only mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    cascade_lab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "cascade-lab is the browser build; serve it with scripts/serve.sh.\n\
         The command-line tool is `cargo run --release --bin cascade -- --help`."
    );
}
