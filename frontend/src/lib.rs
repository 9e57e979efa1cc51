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

/// Slack for the wasm splitter. It moves the strings of every lazy island into the chunk
/// that uses them, laying each module's strings out on its own alignment; when that
/// layout comes out longer than the linker's (a few hundred bytes decide it) it gives up
/// and keeps the whole data segment, every page's strings, in the first page's module
/// (`wasm_split_cli_support`: "Overlong segment … putting it in main module"; see
/// docs/measurements.md, "Where the strings go"). These bytes are kept by the linker
/// (`#[used]`) but read by no code, so the splitter places them in no module: they give
/// the segment room and no page downloads them.
#[used]
static SPLIT_SLACK: [u8; 4096] = [0x5a; 4096];
