// Verifies LiveKit access tokens with LiveKit's own JavaScript server SDK
// (`livekit-server-sdk`'s TokenVerifier), for the integration tests.
//
//   LIVEKIT_API_KEY=… LIVEKIT_API_SECRET=… node tools/livekit-verify.mjs < tokens
//
// Reads one token per line and prints one JSON line per token: {"ok":true,"claims":{…}}
// with the verified claims, or {"ok":false,"error":"…"} when the SDK refuses it.
// Install the SDK with `npm ci` at the repository root (tools/install.sh does).
import { TokenVerifier } from 'livekit-server-sdk';
import { readFileSync } from 'node:fs';

const key = process.env.LIVEKIT_API_KEY;
const secret = process.env.LIVEKIT_API_SECRET;
if (!key || !secret) {
  console.error('set LIVEKIT_API_KEY and LIVEKIT_API_SECRET');
  process.exit(2);
}
const verifier = new TokenVerifier(key, secret);
const tokens = readFileSync(0, 'utf8').split('\n').map((t) => t.trim()).filter(Boolean);
for (const token of tokens) {
  try {
    const claims = await verifier.verify(token);
    console.log(JSON.stringify({ ok: true, claims }));
  } catch (err) {
    console.log(JSON.stringify({ ok: false, error: String(err?.code ?? err) }));
  }
}
