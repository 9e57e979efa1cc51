//! The browser entry point: hydrates the HTML the server rendered. Nothing else lives here.
// Whole pages are deeply nested view types; their layouts need more than the default 128.
#![recursion_limit = "512"]

use leptos::prelude::*;

/// Called by the generated JS once the wasm is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    _ = any_spawner::Executor::init_wasm_bindgen();
    // Lazy routes: a page's own code chunk is fetched before its part is hydrated, so
    // hydration is asynchronous and the page is interactive only once it has finished.
    leptos::task::spawn_local(async {
        let owner =
            leptos::mount::hydrate_from_async(document().body().expect("a <body>"), app::App).await;
        owner.forget();
        // Marks the page interactive: forms and buttons now run in the browser (end-to-end
        // tests wait for this instead of guessing, and must not touch the page before it).
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
