//! The shell around the pages: header (navigation, seed, link, sessions, projector, theme),
//! link and session warnings, footer (language), and the page of the current lab.

use leptos::prelude::*;

use crate::ui::widgets::tx;

use super::context::AppContext;
use super::{labs, web};
use crate::link::warning_summary;
use crate::msg;
use crate::state::{AppState, Lab};
use crate::text::{t, Deferred};
use crate::tr;

thread_local! {
    /// Notified when the language changes; every text lookup on the page tracks it.
    static LANGUAGE: ArcTrigger = ArcTrigger::new();
}

/// Subscribes the reactive code now running to the language (registered as the catalog's
/// tracker, so every `t()` inside a view closure, memo or effect follows a change of language).
fn track_language() {
    LANGUAGE.with(|l| l.track());
}

/// Tells every text on the page that the language changed.
fn language_changed() {
    LANGUAGE.with(|l| l.notify());
}

/// How long after the start the other labs' code starts to be fetched (when the browser is idle).
const PREFETCH_AFTER_MS: i32 = 3000;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    crate::text::set_tracker(track_language);
    let mut decoded = crate::lessons::decode_link(&web::location_search());
    // Warnings are worded in the link's language: read it again once that language is set.
    if crate::text::set_language(&decoded.state.lang) && decoded.state.lang != crate::text::DEFAULT
    {
        decoded = crate::lessons::decode_link(&web::location_search());
    }
    let expected_from_link: Vec<crate::session::FileRef> = decoded
        .state
        .files
        .iter()
        .map(|(lab, hash)| crate::session::FileRef {
            lab: *lab,
            name: String::new(),
            hash: hash.clone(),
        })
        .collect();
    // The pseudo-language is for checking the catalog: offered in the menu only to a page
    // opened with it (`lang=en-XA`), never to ordinary visitors.
    let offer_pseudo = decoded.state.lang == crate::text::PSEUDO;
    // The opened page's code, asked for before anything else is built: its chunks (which boot.js
    // is already fetching) compile while the shell mounts and its first effects run.
    labs::start_loading(decoded.state.lab);
    let state = RwSignal::new(decoded.state);
    let lesson = crate::ui::context::LessonUi::new();
    let ctx = AppContext {
        state,
        lesson,
        predicting: crate::ui::context::predicting(state, lesson),
        link_warnings: RwSignal::new(decoded.warnings),
        files: RwSignal::new(Vec::new()),
        expected_files: RwSignal::new(expected_from_link),
        session_warnings: RwSignal::new(Vec::new()),
        dark: RwSignal::new(match web::storage_get("cascade-theme").as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => web::prefers_dark(),
        }),
    };
    provide_context(ctx);
    labs::provide_state();
    // The other labs' code, fetched once the opened one has settled and the browser is idle (not
    // when the visitor asked to save data): switching to any of them is then instant.
    leptos::task::spawn_local(async move {
        web::idle_after(PREFETCH_AFTER_MS).await;
        if web::saves_data() {
            return;
        }
        let open = ctx.state.with_untracked(|s| s.lab);
        for lab in Lab::ALL.into_iter().filter(|&l| l != open) {
            labs::prefetch(lab);
        }
    });

    // Keep the URL in step with the state: replace (never push) the history entry, debounced
    // so dragging a slider writes once it settles.
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        let query = ctx.state.with(|s| s.encode());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || web::replace_query(&query),
            std::time::Duration::from_millis(150),
        )
        .ok();
        pending.set_value(handle);
    });
    Effect::new(move |_| web::apply_theme(ctx.dark.get()));

    let lab = Memo::new(move |_| ctx.state.with(|s| s.lab));
    let embed = Memo::new(move |_| ctx.state.with(|s| s.embed));
    let lang = Memo::new(move |_| ctx.state.with(|s| s.lang.clone()));
    // A new language updates the texts on screen in place (each text node and chart follows
    // the language signal), so view state — a typed guess, an open builder, a sorted table,
    // the scroll position — stays as it was.
    Effect::new(move |first: Option<()>| {
        let code = lang.get();
        crate::text::set_language(&code);
        if first.is_some() {
            language_changed();
        }
        web::apply_language(&code, t("app.document_title"));
    });
    {
        view! {
        <div class="shell" class:embed=move || embed.get() class:projector=move || ctx.state.with(|s| s.projector)>
            <a class="skip-link" href="#main">{tx("app.skip_to_content")}</a>
            <Show when=move || !embed.get()>
                <Header />
            </Show>
            <LinkWarnings />
            <SessionWarnings />
            // Hiding a control group is a property of the registry: every group a lab declares.
            <style>{Lab::hide_css()}</style>
            <main id="main" tabindex="-1" data-lab=move || lab.get().key() class:predicting=move || ctx.predicting.get()
                class:no-text=move || !ctx.state.with(|s| s.text)
                data-hide=move || ctx.state.with(|s| s.hide.join(" "))>
                {move || labs::lab_view(lab.get())}
            </main>
            <Show when=move || !embed.get()>
                <footer class="footer">
                    <p>
                        {tx("app.cascade_lab_runs_entirely_in")}" "
                        <a href=move || nav_href(ctx.state, Lab::About)>{tx("app.about_papers_and_how_to")}</a>
                    </p>
                    <p><label class="lang">{tx("app.language")}" "
                        <select id="lang" on:change=move |ev| {
                            let code = event_target_value(&ev);
                            ctx.state.update(|s| s.lang = code);
                        }>
                            {crate::text::languages().iter().filter(|c| offer_pseudo || **c != crate::text::PSEUDO).map(|&code| view! {
                                <option value=code translate="no" selected=move || ctx.state.with(|s| s.lang == code)>{crate::text::language_name(code)}</option>
                            }).collect_view()}
                        </select>
                    </label></p>
                </footer>
            </Show>
        </div>
        }
    }
}

/// The link to `lab` with every other setting kept.
fn nav_href(state: RwSignal<AppState>, lab: Lab) -> String {
    let mut s = state.get();
    s.lab = lab;
    format!("?{}", s.encode())
}

/// A message about the file `name`, worded when shown.
fn about_file(name: &str, message: Deferred) -> Deferred {
    Deferred::new(
        "app.file_message",
        vec![("name", Deferred::literal(name)), ("message", message)],
    )
}

#[component]
fn Header() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let copied = RwSignal::new(Deferred::default());
    let copy_link = move |_| {
        let link = web::link_for(&ctx.state.with_untracked(|s| s.encode()));
        leptos::task::spawn_local(async move {
            let ok = web::copy_text(&link).await;
            copied.set(if ok {
                msg!("app.link.copied")
            } else {
                msg!("app.link.copy_by_hand", link = link)
            });
        });
    };
    let toggle_theme = move |_| {
        let dark = !ctx.dark.get_untracked();
        ctx.dark.set(dark);
        web::storage_set("cascade-theme", if dark { "dark" } else { "light" });
    };
    let save_session = move |_| {
        let text = ctx
            .state
            .with_untracked(|s| ctx.files.with_untracked(|f| crate::session::export(s, f)));
        web::download_text("cascade-lab-session.json", "application/json", &text);
    };
    let open_session = move |ev: leptos::ev::Event| {
        let Some(file) = web::picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = match web::read_file(&file).await {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    ctx.session_warnings
                        .update(|v| v.push(msg!("app.file_message", name = name, message = e)));
                    return;
                }
            };
            match crate::session::import(&text) {
                Ok(imported) => {
                    let expected = imported.files.clone();
                    ctx.state.set(imported.state);
                    ctx.expected_files.set(imported.files);
                    let mut warnings: Vec<Deferred> = imported
                        .warnings
                        .into_iter()
                        .map(|w| about_file(&name, w))
                        .collect();
                    if !expected.is_empty() {
                        let files = expected
                            .iter()
                            .map(|f| {
                                tr!(
                                    "app.session.file",
                                    name = f.name,
                                    lab = f.lab.key(),
                                    hash = f.hash
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        warnings.push(msg!("app.session.files", name = name, files = files));
                    }
                    ctx.session_warnings.set(warnings);
                    copied.set(msg!("app.session.opened", name = name));
                }
                Err(e) => ctx.session_warnings.set(vec![about_file(&name, e)]),
            }
        });
    };
    let new_seed = move |_| {
        ctx.state.update(|s| {
            let mut rng = crate::rng::Stream::new(s.seed, "ui/new-seed");
            s.seed = rng.fresh_seed() % (crate::state::MAX_SEED + 1);
        })
    };
    view! {
        <header class="header">
            <div class="brand">
                <a class="brand-name" href="?v=1" on:click=move |ev| {
                    ev.prevent_default();
                    ctx.state.update(|s| s.lab = Lab::default());
                }>{tx("app.cascade_lab")}</a>
                <span class="tagline">{tx("app.how_errors_compound_in_llm")}</span>
            </div>
            <nav class="nav" aria-label=tx("app.labs")>
                <ul>
                    {Lab::ALL.into_iter().map(|lab| view! {
                        <li>
                            <a
                                href=move || nav_href(ctx.state, lab)
                                data-nav=lab.key()
                                aria-current=move || (ctx.state.with(|s| s.lab) == lab).then_some("page")
                                on:click=move |ev: leptos::ev::MouseEvent| {
                                    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                                        return;
                                    }
                                    ev.prevent_default();
                                    ctx.state.update(|s| s.lab = lab);
                                    scroll_to_top();
                                }
                                // The lab's code, fetched while the pointer rests on its tab or the
                                // tab has the keyboard focus: opening it then shows it at once.
                                on:pointerenter=move |_| labs::prefetch(lab)
                                on:focus=move |_| labs::prefetch(lab)
                            >{move || lab.title()}</a>
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
            <div class="header-tools">
                <label class="seed">
                    {tx("app.seed")}" "
                    <input type="number" id="seed" min="0" step="1"
                        prop:value=move || ctx.state.with(|s| s.seed.to_string())
                        on:change=move |ev| {
                            let raw = event_target_value(&ev);
                            match raw.trim().parse::<u64>() {
                                Ok(v) if v <= crate::state::MAX_SEED => ctx.state.update(|s| s.seed = v),
                                _ => copied.set(msg!("app.seed.invalid", value = raw.chars().take(24).collect::<String>())),
                            }
                        } />
                </label>
                <button type="button" id="new-seed" on:click=new_seed>{tx("app.new_seed")}</button>
                <button type="button" id="copy-link" on:click=copy_link>{tx("app.copy_link")}</button>
                <button type="button" id="save-session" on:click=save_session>{tx("app.save_session")}</button>
                <label class="button" for="open-session">{tx("app.open_session")}</label>
                <input id="open-session" class="visually-hidden" type="file" accept=".json,application/json" on:change=open_session />
                <button type="button" id="projector-toggle" aria-pressed=move || ctx.state.with(|s| s.projector).to_string()
                    on:click=move |_| ctx.state.update(|s| s.projector = !s.projector)>{tx("app.projector")}</button>
                <button type="button" id="theme-toggle" aria-pressed=move || ctx.dark.get().to_string() on:click=toggle_theme>
                    {move || if ctx.dark.get() { t("app.theme.light") } else { t("app.theme.dark") }}
                </button>
                <span class="status" role="status" id="header-status">{move || copied.with(|m| m.to_string())}</span>
            </div>
        </header>
    }
}

fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

#[component]
fn SessionWarnings() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        {move || {
            let warnings = ctx.session_warnings.get();
            (!warnings.is_empty()).then(|| view! {
                <div class="banner warning" role="alert" id="session-warnings">
                    <ul>{warnings.into_iter().map(|w| view! { <li>{move || w.to_string()}</li> }).collect_view()}</ul>
                    <button type="button" on:click=move |_| ctx.session_warnings.set(Vec::new())>{tx("app.dismiss")}</button>
                </div>
            })
        }}
    }
}

#[component]
fn LinkWarnings() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        {move || {
            let warnings = ctx.link_warnings.get();
            warning_summary(&warnings).map(|summary| view! {
                <div class="banner warning" role="alert" id="link-warnings">
                    <strong>{summary}</strong>
                    <ul>
                        {warnings.iter().map(|w| view! { <li>{w.to_string()}</li> }).collect_view()}
                    </ul>
                    <button type="button" on:click=move |_| ctx.link_warnings.set(Vec::new())>{tx("app.dismiss")}</button>
                </div>
            })
        }}
    }
}
