//! The browser entry point: wakes the page's islands (the interactive parts of a page the
//! server rendered). Nothing else lives here: everything that is not an island stays on
//! the server and ships no code.

// The islands are exported by the `app` crate; naming it links it into the wasm.
extern crate app;

/// Called by the generated JS once the wasm is loaded; the islands script then hydrates
/// each island on the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
