//! The Leptos single-page app: the shell ([`shell`]: header, navigation, link warnings, theme,
//! footer), the labs' pages (`labs`, one folder each), and the browser plumbing ([`web`],
//! [`widgets`], [`worker_job`]). Components are thin: numbers come from the core modules.

mod about;
pub mod context;
mod labs;
mod lesson;
pub mod shell;
pub mod web;
pub mod widgets;
pub mod worker_job;

pub use context::AppContext;
pub use shell::App;

use wasm_bindgen::JsCast;

/// Starts the app: panic hook, then mount into `#app` (replacing the loading message).
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        web::show_crash_panel(&info.to_string());
    }));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = doc
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, shell::App).forget();
}
