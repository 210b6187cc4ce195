//! The labs' pages: one folder each (the browser half of `src/labs/<lab>/`), and the one place
//! the shell asks for a lab's view and upload state. Adding a page makes the compiler ask for
//! its line in [`lab_view`].

mod resampling;
mod search;
mod snowball;
mod telephone;

use leptos::prelude::*;

use crate::state::Lab;
use crate::tr;
use crate::ui::about;
use crate::ui::lesson::{LessonPanel, LinkBuilder};
use crate::ui::widgets::tx;

/// Puts every lab's upload state in the app's context (uploads outlive a visit to another lab).
pub fn provide_state() {
    {
        resampling::provide_state();
        search::provide_state();
        snowball::provide_state();
        telephone::provide_state();
    }
}

/// The page for `lab`: a lab with its lesson panel and lesson-link builder, or a page beside
/// the labs. Every lab's view (and Analyze) is its own chunk of the page's wasm, fetched the first
/// time it is opened ([`LazyPage`]); About is in the shell.
pub fn lab_view(lab: Lab) -> AnyView {
    match lab {
        Lab::About => view! { <about::AboutPage /> }.into_any(),
        Lab::Resampling | Lab::Snowball | Lab::Telephone | Lab::Analyze | Lab::Search => {
            view! { <LazyPage lab=lab /> }.into_any()
        }
    }
}

/// A lab with its lesson panel and its lesson-link builder.
fn with_lesson(lab: Lab, page: AnyView) -> AnyView {
    view! { <LessonPanel lab=lab />{page}<LinkBuilder lab=lab /> }.into_any()
}

/// Why a lab's chunk could not be loaded (the browser's console has the details).
#[cfg(feature = "split")]
type LoadError = leptos::wasm_split::SplitLoaderError;
/// Without the split (tests, `cargo check`) nothing is loaded, so nothing fails.
#[cfg(not(feature = "split"))]
type LoadError = std::convert::Infallible;

/// One page's view as a split point. In the page build (`--features split`, which
/// `scripts/split.sh` builds for Trunk) wasm-split moves the view's code, and whatever only it
/// uses, into its own chunk; the function awaits that chunk before it runs, and `$preload` fetches
/// it without running anything (a hover on the lab's tab, an idle moment). Elsewhere (tests,
/// `cargo check`) both call straight through.
#[rustfmt::skip]
macro_rules! split_page {
    ($chunk:ident, $view:ident, $preload:ident, $body:expr) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        fn $view() -> Result<AnyView, LoadError> {
            // Built untracked: `LazyPage` builds it inside a closure that must re-run only when
            // the load's state changes, not whenever a signal the page reads while built does.
            Ok(untrack(|| $body))
        }
        #[cfg(not(feature = "split"))]
        async fn $view() -> Result<AnyView, LoadError> {
            Ok(untrack(|| $body))
        }
        #[cfg(not(feature = "split"))]
        async fn $preload() -> Result<(), LoadError> {
            Ok(())
        }
    };
}

split_page!(
    resampling_page,
    resampling_view,
    resampling_preload,
    with_lesson(
        Lab::Resampling,
        view! { <resampling::ResamplingLab /> }.into_any()
    )
);
split_page!(
    snowball_page,
    snowball_view,
    snowball_preload,
    with_lesson(
        Lab::Snowball,
        view! { <snowball::SnowballLab /> }.into_any()
    )
);
split_page!(
    telephone_page,
    telephone_view,
    telephone_preload,
    with_lesson(
        Lab::Telephone,
        view! { <telephone::TelephoneLab /> }.into_any()
    )
);
split_page!(
    search_page,
    search_view,
    search_preload,
    with_lesson(Lab::Search, view! { <search::SearchLab /> }.into_any())
);
split_page!(
    analyze_page,
    analyze_view,
    analyze_preload,
    view! { <resampling::analyze::AnalyzePage /> }.into_any()
);

/// `lab`'s view, loading its chunk first when it is not loaded yet.
async fn load_view(lab: Lab) -> Result<AnyView, LoadError> {
    match lab {
        Lab::Resampling => resampling_view().await,
        Lab::Snowball => snowball_view().await,
        Lab::Telephone => telephone_view().await,
        Lab::Search => search_view().await,
        Lab::Analyze => analyze_view().await,
        Lab::About => Ok(untrack(|| view! { <about::AboutPage /> }.into_any())),
    }
}

/// Loads `lab`'s chunk without running anything from it.
async fn preload(lab: Lab) -> Result<(), LoadError> {
    let loaded = match lab {
        Lab::Resampling => resampling_preload().await,
        Lab::Snowball => snowball_preload().await,
        Lab::Telephone => telephone_preload().await,
        Lab::Search => search_preload().await,
        Lab::Analyze => analyze_preload().await,
        Lab::About => Ok(()),
    };
    if loaded.is_ok() {
        LOADED.with(|l| l.set(l.get() | bit(lab)));
    }
    loaded
}

thread_local! {
    /// The pages whose chunk is in (one bit each): they show at once, without a loading line.
    static LOADED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn bit(lab: Lab) -> u32 {
    1 << (lab as u32)
}

/// Whether `lab`'s view can be built now (its chunk is in, or the page is not split).
fn is_loaded(lab: Lab) -> bool {
    cfg!(not(feature = "split")) || lab == Lab::About || LOADED.with(|l| l.get() & bit(lab) != 0)
}

/// Fetches `lab`'s chunk without showing it (a pointer resting on its tab, an idle moment), so
/// that opening it later shows it at once. A failure is forgotten: opening the lab tries again and
/// says so if it fails.
pub fn prefetch(lab: Lab) {
    if !is_loaded(lab) {
        leptos::task::spawn_local(async move {
            let _ = preload(lab).await;
        });
    }
}

/// Starts fetching and compiling `lab`'s chunk at once, before the caller goes on (the first poll
/// of its load calls the split loader synchronously); whoever needs the page later awaits the same
/// load. For the page a link opens, asked for before the shell mounts.
pub fn start_loading(lab: Lab) {
    if !is_loaded(lab) {
        // Pending (almost always): the loader goes on in the browser; the future is dropped,
        // and the next `preload` of this page joins the load in flight (the loader keeps it).
        let _ = ready_now(preload(lab));
    }
}

/// The output of `future` if it is ready on its first poll. A page's view function is ready at
/// once when its chunk is in: it only checks that before building the view.
fn ready_now<F: std::future::Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => Some(out),
        std::task::Poll::Pending => None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed,
}

/// A page whose code loads when it is opened: a line saying so while its chunk is fetched (the
/// first time only; later the view shows at once), and if the fetch fails, a message with a
/// button that tries again — never a blank panel. The view is built synchronously once the chunk
/// is in, exactly as an unsplit page would be (no `Suspense`: a suspended view is rebuilt when a
/// signal it read changes).
#[component]
fn LazyPage(lab: Lab) -> impl IntoView {
    let load = RwSignal::new(if is_loaded(lab) {
        Load::Ready
    } else {
        Load::Loading
    });
    let fetch = move || {
        leptos::task::spawn_local(async move {
            let done = if preload(lab).await.is_ok() {
                Load::Ready
            } else {
                Load::Failed
            };
            // The visitor may have moved on to another page meanwhile.
            let _ = load.try_set(done);
        });
    };
    if load.get_untracked() == Load::Loading {
        fetch();
    }
    let failed = move || {
        view! {
            <div class="banner error lab-load-failed" role="alert" id="lab-load-failed">
                <p>{move || tr!("app.lab.load_failed", lab = lab.title())}</p>
                <button type="button" id="lab-retry" on:click=move |_| {
                    load.set(Load::Loading);
                    fetch();
                }>{tx("app.lab.retry")}</button>
            </div>
        }
        .into_any()
    };
    move || {
        match load.get() {
        Load::Loading => view! {
            <p class="lab-loading" role="status" id="lab-loading">{move || tr!("app.lab.loading", lab = lab.title())}</p>
        }
        .into_any(),
        Load::Ready => match ready_now(load_view(lab)) {
            Some(Ok(page)) => page,
            _ => failed(),
        },
        Load::Failed => failed(),
    }
    }
}
