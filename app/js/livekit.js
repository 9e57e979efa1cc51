// Linked into the app's glue by wasm-bindgen (`ui/table/audio/livekit.rs`), so every page
// loads it: it only forwards `join` to the LiveKit layer, public/js/livekit-session.js,
// imported on the first join. A failed import rejects like an unreachable server.
export function join(url, token, timeoutMs) {
  return import('/js/livekit-session.js').then((session) => session.join(url, token, timeoutMs));
}
