//! The browser entry point: hydrates the HTML the server rendered. Nothing else lives here.
// Whole pages are deeply nested view types; their layouts need more than the default 128.
#![recursion_limit = "512"]

/// Called by the generated JS once the wasm is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes: a page's own code chunk is fetched before its part is hydrated.
    leptos::mount::hydrate_lazy(app::App);
    // Marks the page interactive: forms and buttons now run in the browser (end-to-end
    // tests wait for this instead of guessing).
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
