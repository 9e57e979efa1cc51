#!/usr/bin/env bash
# Installs what Focus Squad needs to build (and, with --browser, to run its browser tests),
# skipping everything already present. Safe to run again; a warm machine takes seconds.
#   rustup target wasm32-unknown-unknown · cargo-leptos · wasm-bindgen-cli · leptosfmt ·
#   npm build tools (wasm-opt, Tailwind) and LiveKit's browser client ·
#   [--browser] Debian's Chromium + Playwright, and aiosmtpd (the tests' SMTP server);
#   with UPDATE_SCREENSHOTS set, Noto CJK fonts for the zh-TW screenshots
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs a newer rustc than this toolchain
WASM_BINDGEN_VERSION=0.2.130  # must equal the wasm-bindgen pin in Cargo.toml
LEPTOSFMT_VERSION=0.1.33      # formats the view! macros (CI checks them)

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
with_browser=false
[[ "${1:-}" == "--browser" ]] && with_browser=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# The build tools are programs that mostly run other programs: a light optimisation level
# halves their one-time compile on 2 cores without making builds noticeably slower.
light_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=0 \
    cargo install "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -qF "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (one time, ~15 min on 2 cores)"
  light_install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (one time)"
  # Not --locked: its lockfile names a crate version the registry no longer serves.
  light_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! leptosfmt --version 2>/dev/null | grep -qF "$LEPTOSFMT_VERSION"; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (one time, ~1 min)"
  light_install --locked leptosfmt --version "$LEPTOSFMT_VERSION"
fi

# wasm-opt and Tailwind come from npm; cargo-leptos finds them in node_modules/.bin.
# (Never Debian's binaryen: its old wasm-opt silently breaks the wasm.)
livekit_client=node_modules/livekit-client/dist/livekit-client.esm.mjs
if [[ ! -x node_modules/.bin/wasm-opt || ! -x node_modules/.bin/tailwindcss \
      || ! -f $livekit_client || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm build tools"
  npm ci --no-audit --no-fund --loglevel=error
fi

# LiveKit's browser client (one self-contained ES module), loaded by the table page only
# when the server uses LiveKit. cargo-leptos copies public/ into the site root, so it is
# served at /vendor/livekit-client.esm.mjs; the .gz beside it lets the server send it
# compressed. Copied again whenever the npm package changes (npm's files carry a fixed
# old mtime, so compare contents, not dates).
vendored=public/vendor/livekit-client.esm.mjs
if ! cmp -s "$livekit_client" "$vendored" || [[ ! -f $vendored.gz ]]; then
  say "copying LiveKit's browser client to $vendored"
  mkdir -p public/vendor
  cp "$livekit_client" "$vendored.tmp"
  gzip -9 -n -c "$vendored.tmp" > "$vendored.gz"
  mv "$vendored.tmp" "$vendored"
fi

if $with_browser; then
  if ! command -v chromium >/dev/null 2>&1; then
    say "installing Debian's Chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  fi
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    say "installing aiosmtpd (the SMTP server the email tests send to, tools/mailbox.py)"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore 'aiosmtpd==1.4.6'
  fi
  if [[ ! -d end2end/node_modules/@playwright/test \
        || end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
    say "installing Playwright (it drives Debian's Chromium; no browser download)"
    (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # Refreshing the screenshots (UPDATE_SCREENSHOTS=1) needs Chinese glyphs, or the zh-TW
  # pages come out as empty boxes; the tests themselves do not.
  if [[ -n "${UPDATE_SCREENSHOTS:-}" ]] && ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    say "installing Noto CJK fonts (for the zh-TW screenshots)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq fonts-noto-cjk >/dev/null
  fi
fi
