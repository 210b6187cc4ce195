//! Everything that touches the browser directly (location, history, storage, clipboard,
//! downloads, files, the crash panel) lives here, so the rest of the UI stays declarative.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The page's query string, with its leading `?`.
pub fn location_search() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's full URL.
pub fn location_href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Replaces the current history entry's query (no new entry, no scroll), keeping the path.
pub fn replace_query(query: &str) {
    let Some(w) = window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let target = format!("{path}?{query}");
    if location_search().trim_start_matches('?') == query {
        return;
    }
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&target));
    }
}

/// The page's own address (origin and path, no query): what a citation points at.
pub fn page_address() -> String {
    let Some(w) = window() else {
        return String::new();
    };
    let loc = w.location();
    format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

/// The absolute link for a query string, on this page's path.
pub fn link_for(query: &str) -> String {
    let Some(w) = window() else {
        return format!("?{query}");
    };
    let loc = w.location();
    format!(
        "{}{}?{query}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

/// Reads a value from localStorage (absent if storage is blocked).
pub fn storage_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Writes a value to localStorage; silently does nothing if storage is blocked.
pub fn storage_set(key: &str, value: &str) {
    if let Some(Ok(Some(s))) = window().map(|w| w.local_storage()) {
        let _ = s.set_item(key, value);
    }
}

/// Keeps `near` telling whether `el` is on screen or within 150 px of it, until the returned
/// watch is dropped.
pub struct Nearness {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn Fn(js_sys::Array)>,
}

impl Drop for Nearness {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// See [`Nearness`].
pub fn observe_nearness(
    el: &web_sys::Element,
    near: leptos::prelude::RwSignal<bool>,
) -> Option<Nearness> {
    use leptos::prelude::Set;
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(e) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            near.try_set(e.is_intersecting());
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("150px 0px");
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(el);
    Some(Nearness {
        observer,
        _callback: callback,
    })
}

/// The viewport's width in CSS pixels.
pub fn viewport_width() -> Option<f64> {
    window()?.inner_width().ok()?.as_f64()
}

/// Whether the media query `query` matches.
fn media(query: &str) -> bool {
    window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// Whether the system prefers a dark colour scheme.
pub fn prefers_dark() -> bool {
    media("(prefers-color-scheme: dark)")
}

/// Whether the system asks for reduced motion (plays then step only when asked).
pub fn reduced_motion() -> bool {
    media("(prefers-reduced-motion: reduce)")
}

/// Sets `data-theme` on `<html>`.
pub fn apply_theme(dark: bool) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// Sets the document's language (`<html lang>`) and its title, for screen readers and tabs.
pub fn apply_language(code: &str, title: &str) {
    if let Some(d) = document() {
        if let Some(el) = d.document_element() {
            let _ = el.set_attribute("lang", code);
        }
        d.set_title(title);
    }
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Offers `content` as a download named `filename`.
pub fn download_text(filename: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click_link(&url, filename);
    // Revoking at once can cancel the download in some browsers: give it a minute.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
}

fn click_link(href: &str, filename: &str) {
    let Some(doc) = document() else { return };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    a.set_href(href);
    a.set_download(filename);
    a.click();
}

/// Renders an SVG document to PNG (2× scale, white background) and offers it as a download.
pub async fn download_png(
    filename: &str,
    svg: &str,
    width: u32,
    height: u32,
) -> Result<(), String> {
    let doc = document().ok_or("no document")?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| "cannot create an image")?;
    let encoded = js_sys::encode_uri_component(svg);
    let src = format!("data:image/svg+xml;charset=utf-8,{}", String::from(encoded));
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    img.set_src(&src);
    JsFuture::from(loaded)
        .await
        .map_err(|_| "the chart image did not load")?;
    let canvas = doc
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| "no canvas")?;
    let scale = 2;
    canvas.set_width(width * scale);
    canvas.set_height(height * scale);
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or("no 2d context")?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, (width * scale) as f64, (height * scale) as f64);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        (width * scale) as f64,
        (height * scale) as f64,
    )
    .map_err(|_| "could not draw the chart")?;
    let url = canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "could not encode PNG")?;
    click_link(&url, filename);
    Ok(())
}

/// Reads a picked or dropped file's bytes.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{}: could not be read", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Resolves after the browser has painted the next frame (a task queued from a frame callback
/// runs after that frame's paint), or after 100 ms where frames are not running (a hidden tab).
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = window() else { return };
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        let after_frame = Closure::once_into_js(move || {
            if let Some(w) = window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        let _ = w.request_animation_frame(after_frame.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the page has been quiet for `delay_ms` and then the browser is idle
/// (`requestIdleCallback`, where there is one; at most two more seconds of waiting for it).
pub async fn idle_after(delay_ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = window() else { return };
        let when_idle = Closure::once_into_js(move || {
            let Some(w) = window() else { return };
            let idle = js_sys::Reflect::get(&w, &JsValue::from_str("requestIdleCallback"))
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            match idle {
                Some(idle) => {
                    let options = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(
                        &options,
                        &JsValue::from_str("timeout"),
                        &JsValue::from_f64(2000.0),
                    );
                    if idle.call2(&w, &resolve, &options).is_err() {
                        let _ = resolve.call0(&JsValue::NULL);
                    }
                }
                None => {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
        });
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            when_idle.unchecked_ref(),
            delay_ms,
        );
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether the visitor asked the browser to save data (`navigator.connection.saveData`): then
/// nothing is fetched ahead of being asked for.
pub fn saves_data() -> bool {
    let Some(w) = window() else { return false };
    js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("connection"))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("saveData")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Resolves on the next macrotask: lets the browser handle input and paint between chunks of work.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The file picked in a file input's `change` event, if any; the input is cleared so picking
/// the same file again fires again.
pub fn picked_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|l| l.get(0))?;
    input.set_value("");
    Some(file)
}

/// Milliseconds since page load.
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Shows the static crash panel from index.html with `message` (used by the panic hook).
pub fn show_crash_panel(message: &str) {
    let Some(doc) = document() else { return };
    for (id, text) in [
        ("crash-title", crate::text::t("app.crash.title")),
        ("crash-text", crate::text::t("app.crash.text")),
        ("crash-reload", crate::text::t("app.crash.reload")),
    ] {
        if let Some(el) = doc.get_element_by_id(id) {
            el.set_text_content(Some(text));
        }
    }
    if let Some(msg) = doc.get_element_by_id("crash-message") {
        msg.set_text_content(Some(message));
    }
    if let Some(a) = doc.get_element_by_id("crash-reload") {
        let _ = a.set_attribute("href", &location_href());
    }
    if let Some(panel) = doc.get_element_by_id("crash") {
        let _ = panel.remove_attribute("hidden");
    }
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("hidden", "");
    }
}
