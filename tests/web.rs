//! Component tests in a real browser (headless Chromium via wasm-bindgen-test-runner):
//! mount the App, click, wait a tick, assert DOM and URL.
#![cfg(target_arch = "wasm32")]

use cascade_lab::charts::{Figure, Point, Series, SeriesStyle};
use cascade_lab::ui::widgets::Chart;
use cascade_lab::ui::{web, App};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("test runs in a browser")
}

/// A fresh container to mount into.
fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

async fn tick() {
    // Let effects, the debounced URL writer and the browser run.
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 250)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Polls `cond` every 50 ms for up to 10 s (debug wasm renders the lab slowly).
async fn wait_for(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..200 {
        if cond() {
            return;
        }
        sleep(50).await;
    }
    panic!("timed out waiting for {what}");
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).ok().flatten()
}

#[wasm_bindgen_test]
async fn app_mounts_navigates_and_rewrites_the_url() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    tick().await;
    let main = query(&root, "main").expect("main rendered");
    assert_eq!(
        main.get_attribute("data-lab").as_deref(),
        Some("resampling")
    );
    assert!(query(&root, "[data-metric=\"sim_ceiling\"]").is_some());
    assert!(query(&root, "[data-chart=\"resampling-outcomes\"] svg polyline").is_some());

    let about = query(&root, "a[data-nav=\"about\"]")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    about.click();
    tick().await;
    assert_eq!(
        query(&root, "main")
            .unwrap()
            .get_attribute("data-lab")
            .as_deref(),
        Some("about")
    );
    assert!(
        web::location_search().contains("lab=about"),
        "{}",
        web::location_search()
    );

    let back = query(&root, "a[data-nav=\"resampling\"]")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    back.click();
    wait_for("lab= gone from the URL", || {
        !web::location_search().contains("lab=")
    })
    .await;
    assert_eq!(
        query(&root, "main")
            .unwrap()
            .get_attribute("data-lab")
            .as_deref(),
        Some("resampling")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn slider_input_changes_the_numbers() {
    web::replace_query("v=1&mix=two");
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    tick().await;
    let k = || {
        query(&root, "[data-metric=\"sim_optimal_k\"]")
            .unwrap()
            .get_attribute("data-value")
    };
    assert_eq!(k().as_deref(), Some("2"));
    let slider = query(&root, "#lambda")
        .unwrap()
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    slider.set_value("0.7");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    slider
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    wait_for("k* = 3", || k().as_deref() == Some("3")).await;
    wait_for("lam=0.7 in the URL", || {
        web::location_search().contains("lam=0.7")
    })
    .await;
    root.remove();
    web::replace_query("v=1");
}

#[wasm_bindgen_test]
async fn theme_toggle_sets_data_theme() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    tick().await;
    let html = document().document_element().unwrap();
    let before = html.get_attribute("data-theme").unwrap();
    query(&root, "#theme-toggle")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    tick().await;
    assert_ne!(html.get_attribute("data-theme").unwrap(), before);
    root.remove();
}

#[wasm_bindgen_test]
async fn chart_shows_a_table_on_request_and_escapes_text() {
    let fig = Figure {
        id: "t".into(),
        title: "<img src=x onerror=alert(1)>".into(),
        summary: "s".into(),
        x_label: "k".into(),
        y_label: "y".into(),
        x_log: false,
        x_range: (0.0, 2.0),
        y_range: (0.0, 1.0),
        series: vec![Series {
            name: "a".into(),
            color: 0,
            style: SeriesStyle::Line,
            labels: Vec::new(),
            points: vec![Point::new(0.0, 0.1), Point::new(2.0, 0.9)],
        }],
        rules: vec![],
    };
    let root = container();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Chart figure=Signal::derive(move || fig.clone()) /> },
    );
    tick().await;
    assert!(
        query(&root, "img").is_none(),
        "title text must not become markup"
    );
    assert!(query(&root, "table").is_none());
    let toggle = query(&root, ".chart-tools button")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    toggle.click();
    tick().await;
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 2);
    root.remove();
}

#[wasm_bindgen_test]
async fn crash_panel_replaces_a_blank_page() {
    let doc = document();
    let panel = doc.create_element("div").unwrap();
    panel.set_id("crash");
    panel.set_attribute("hidden", "").unwrap();
    let msg = doc.create_element("pre").unwrap();
    msg.set_id("crash-message");
    panel.append_child(&msg).unwrap();
    let reload = doc.create_element("a").unwrap();
    reload.set_id("crash-reload");
    panel.append_child(&reload).unwrap();
    doc.body().unwrap().append_child(&panel).unwrap();
    web::show_crash_panel("boom at src/x.rs:1");
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(msg.text_content().as_deref(), Some("boom at src/x.rs:1"));
    assert!(reload.get_attribute("href").unwrap().starts_with("http"));
    panel.remove();
}

#[wasm_bindgen_test]
async fn telephone_lab_shows_the_exact_numbers_and_follows_its_controls() {
    use cascade_lab::labs::telephone::sim::{exact, Lang, TelephoneParams};
    web::replace_query("v=1&lab=telephone");
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    let value = |name: &str| {
        query(&root, &format!("[data-metric=\"{name}\"]"))
            .and_then(|e| e.get_attribute("data-value"))
            .unwrap_or_default()
    };
    wait_for("the telephone lab", || !value("tel_factscore").is_empty()).await;
    // The page shows what the core computes in this same wasm, to the bit.
    let want = exact(&TelephoneParams::default()).last().unwrap().factscore;
    assert_eq!(value("tel_factscore"), want.to_string());
    // Ticking Thai as a second bridge language: the link and the numbers follow.
    let thai = query(&root, "#tel-lang-th")
        .unwrap()
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    thai.click();
    let want = exact(&TelephoneParams {
        langs: vec![Lang::Fr, Lang::Th],
        ..TelephoneParams::default()
    })
    .last()
    .unwrap()
    .factscore;
    wait_for("fr + th numbers", || {
        value("tel_factscore") == want.to_string()
    })
    .await;
    wait_for("tl=fr,th in the URL", || {
        web::location_search().contains("tl=fr%2Cth")
    })
    .await;
    // The last bridge language cannot be unticked away.
    let french = query(&root, "#tel-lang-fr")
        .unwrap()
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    french.click();
    thai.click();
    tick().await;
    assert!(thai.checked(), "one language always stays");
    root.remove();
    web::replace_query("v=1");
}

#[wasm_bindgen_test]
async fn search_lab_shows_the_exact_numbers_and_a_preset_changes_them() {
    use cascade_lab::labs::search::sim::{exact, presets, vote_table, SearchParams};
    web::replace_query("v=1&lab=search");
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    let value = |name: &str| {
        query(&root, &format!("[data-metric=\"{name}\"]"))
            .and_then(|e| e.get_attribute("data-value"))
            .unwrap_or_default()
    };
    wait_for("the search lab", || !value("search_sim_best").is_empty()).await;
    // The page shows what the core computes in this same wasm, to the bit.
    let p = SearchParams::default();
    let want = exact(&p, &vote_table(&p)).last().unwrap().best_of_n;
    assert_eq!(value("search_sim_best"), want.to_string());
    // Chen et al.'s two-type preset: one click, the vote at N = 101 is one half.
    let chen = presets()
        .into_iter()
        .find(|x| x.0 == "chen-rise")
        .unwrap()
        .2;
    let want = exact(&chen, &vote_table(&chen))
        .last()
        .unwrap()
        .majority
        .unwrap();
    query(&root, "#search-preset-chen-rise")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    wait_for("the preset's numbers", || {
        value("search_sim_majority") == want.to_string()
    })
    .await;
    assert!((want - 0.5).abs() < 1e-4);
    wait_for("sn=101 in the URL", || {
        web::location_search().contains("sn=101")
    })
    .await;
    root.remove();
    web::replace_query("v=1");
}
