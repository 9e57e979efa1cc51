// A stand-in for a LiveKit server, for the browser tests (no LiveKit server is
// installable here). It does what is needed to see what a page sends LiveKit, and no more:
//
// - WebSocket upgrades on /rtc and /rtc/v1 (livekit-client 2.x opens /rtc/v1, and /rtc
//   on older servers), with the access token in `access_token`: the token is verified
//   with LiveKit's own server SDK (TokenVerifier) and the attempt is recorded. A refused
//   token gets 401, as LiveKit answers. An accepted one gets its socket, but the fake never
//   sends the join response, so the client gives up on its own: a server that cannot
//   complete the join.
// - GET /rtc/validate and /rtc/v1/validate (the client asks after a failed upgrade).
// - The room service (POST /twirp/livekit.RoomService/*), so the app's scheduler finds a
//   server: every call with a valid token succeeds with an empty answer (a protobuf
//   message with all fields at their defaults: a room, no participants).
// - GET /joins: every join attempt as JSON, `[{ path, ok, claims | error }]`, in order.
// - GET /healthz.
//
//   FAKE_LIVEKIT_PORT=7880 LIVEKIT_API_KEY=… LIVEKIT_API_SECRET=… node fake-signal.mjs
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { TokenVerifier } from 'livekit-server-sdk';

const port = Number(process.env.FAKE_LIVEKIT_PORT ?? 7880);
const key = process.env.LIVEKIT_API_KEY;
const secret = process.env.LIVEKIT_API_SECRET;
if (!key || !secret) {
  console.error('set LIVEKIT_API_KEY and LIVEKIT_API_SECRET');
  process.exit(2);
}
const verifier = new TokenVerifier(key, secret);
const SIGNAL_PATHS = new Set(['/rtc', '/rtc/v1']);
const VALIDATE_PATHS = new Set(['/rtc/validate', '/rtc/v1/validate']);
// RFC 6455's fixed GUID for Sec-WebSocket-Accept.
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Every join attempt seen. */
const joins = [];

/** The verified claims of `token`, or why LiveKit would refuse it. */
async function verify(token) {
  if (!token) return { ok: false, error: 'no token' };
  try {
    return { ok: true, claims: await verifier.verify(token) };
  } catch (err) {
    return { ok: false, error: String(err?.code ?? err?.message ?? err) };
  }
}

function send(res, status, body, type = 'application/json') {
  // Pages call the validate endpoint from their own origin, as LiveKit allows.
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
  });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://fake');
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, 'ok', 'text/plain');
  if (req.method === 'GET' && url.pathname === '/joins') return send(res, 200, JSON.stringify(joins));
  if (req.method === 'GET' && VALIDATE_PATHS.has(url.pathname)) {
    const result = await verify(url.searchParams.get('access_token'));
    return result.ok ? send(res, 200, 'success', 'text/plain') : send(res, 401, result.error, 'text/plain');
  }
  if (req.method === 'POST' && url.pathname.startsWith('/twirp/livekit.RoomService/')) {
    req.resume();
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const result = await verify(bearer);
    if (!result.ok) return send(res, 401, JSON.stringify({ code: 'unauthenticated', msg: result.error }));
    return send(res, 200, Buffer.alloc(0), 'application/protobuf');
  }
  send(res, 404, JSON.stringify({ code: 'not_found' }));
});

server.on('upgrade', async (req, socket) => {
  socket.on('error', () => {});
  const url = new URL(req.url, 'http://fake');
  if (!SIGNAL_PATHS.has(url.pathname)) {
    socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    return;
  }
  const result = await verify(url.searchParams.get('access_token'));
  joins.push({ path: url.pathname, ...result });
  if (!result.ok) {
    socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    return;
  }
  const accept = createHash('sha1')
    .update(`${req.headers['sec-websocket-key']}${WEBSOCKET_GUID}`)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  // Nothing is ever sent. When the client closes (opcode 8), close back and hang up.
  socket.on('data', (frame) => {
    if ((frame[0] & 0x0f) === 0x8) socket.end(Buffer.from([0x88, 0x00]));
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`fake LiveKit signalling on ws://127.0.0.1:${port}`);
});
