// The table's audio through a LiveKit server: a thin layer over LiveKit's browser client
// (npm `livekit-client`) for `app/src/ui/table/audio/livekit.rs`, which binds these exports.
// It holds no rules of its own: it connects, publishes the microphone, plays what it
// receives and reports the room's state; the Rust side decides what to show.
//
// Neither this file nor the client is part of the first page: `app/js/livekit.js` (linked
// into the app's glue, so every page loads it) imports this file on the first join, and
// this file imports the client (about 1.4 MB, 320 KB compressed; tools/install.sh copies
// it into public/vendor/, served at /vendor/livekit-client.esm.mjs). Pages at tables that
// use the built-in peer-to-peer audio download neither.

const CLIENT_URL = '/vendor/livekit-client.esm.mjs';

let client;

/** LiveKit's client module, imported once (again after a failed import). */
function loadClient() {
  if (!client) {
    client = import(CLIENT_URL).then((lk) => {
      lk.setLogLevel('warn');
      return lk;
    });
    client.catch(() => {
      client = undefined;
    });
  }
  return client;
}

/** A failed join. `kind` is 'unsupported' (no WebRTC in this browser), 'refused' (the
 *  server refused the token) or 'unreachable' (anything else: no answer in time, the
 *  client could not be loaded, the connection broke). */
class JoinError extends Error {
  constructor(kind, cause) {
    super(`${kind}: ${cause?.message ?? cause}`);
    this.name = 'LiveKitJoinError';
    this.kind = kind;
  }
}

/** Joins the room `token` admits to on the LiveKit server at `url`, listening only
 *  (the microphone is published by `setMicrophone`). Rejects with a JoinError when the
 *  room is not joined within `timeoutMs`. */
export async function join(url, token, timeoutMs) {
  let lk;
  try {
    lk = await loadClient();
  } catch (error) {
    throw new JoinError('unreachable', error);
  }
  if (!lk.isBrowserSupported()) {
    throw new JoinError('unsupported', 'no WebRTC');
  }
  const room = new lk.Room({
    // Audio only: no video layers to adapt or pause.
    adaptiveStream: false,
    dynacast: false,
    audioCaptureDefaults: {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
    publishDefaults: { audioPreset: lk.AudioPresets.speech, dtx: true, red: true },
  });
  const session = new Session(lk, room);
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([room.connect(url, token, { autoSubscribe: true }), deadline]);
  } catch (error) {
    session.close();
    const refused =
      error instanceof lk.ConnectionError && error.reason === lk.ConnectionErrorReason.NotAllowed;
    throw new JoinError(refused ? 'refused' : 'unreachable', error);
  } finally {
    clearTimeout(timer);
  }
  return session;
}

/** What a failed microphone request means for the student (as the Rust `Mic` says it). */
function micProblem(error) {
  switch (error?.name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'DeviceUnsupportedError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

/** The seat a participant's token names (its attribute `seat`), or null. */
function seatOf(participant) {
  const seat = Number.parseInt(participant.attributes.seat ?? '', 10);
  return Number.isInteger(seat) ? seat : null;
}

/** One joined room. */
class Session {
  constructor(lk, room) {
    this.lk = lk;
    this.room = room;
    // Remote audio plays through one <audio> element per track (outside the page's
    // markup, like the peer-to-peer audio's players).
    this.playing = new Set();
    room
      .on(lk.RoomEvent.TrackSubscribed, (track) => {
        if (track.kind === lk.Track.Kind.Audio) {
          track.attach();
          this.playing.add(track);
        }
      })
      .on(lk.RoomEvent.TrackUnsubscribed, (track) => {
        if (this.playing.delete(track)) track.detach();
      });
  }

  /** Turns the microphone on (`deviceId`, or the one chosen before, or the default) or
   *  mutes it. The first time on asks the browser for it and publishes it; later calls
   *  mute and unmute the published track (muted, it sends nothing to anyone). Rejects
   *  with 'denied' | 'missing' | 'unsupported' | 'failed'. */
  async setMicrophone(on, deviceId) {
    try {
      if (on && deviceId) await this.room.switchActiveDevice('audioinput', deviceId);
      await this.room.localParticipant.setMicrophoneEnabled(on);
    } catch (error) {
      throw micProblem(error);
    }
  }

  /** The microphones, as JSON `[{"id","label"}]` (labels once access was granted). Never
   *  asks for access itself. */
  async devices() {
    try {
      const list = await this.lk.Room.getLocalDevices('audioinput', false);
      return JSON.stringify(
        list.filter((d) => d.deviceId).map((d) => ({ id: d.deviceId, label: d.label })),
      );
    } catch {
      return '[]';
    }
  }

  /** The microphone in use: the device of the published track, or the one chosen. */
  device() {
    const track = this.micTrack();
    const id = track?.mediaStreamTrack.getSettings().deviceId;
    return id ?? this.room.getActiveDevice('audioinput') ?? null;
  }

  /** Moves the microphone (published or not yet) to `deviceId`; false if it failed. */
  async useDevice(deviceId) {
    try {
      return await this.room.switchActiveDevice('audioinput', deviceId);
    } catch {
      return false;
    }
  }

  /** Starts playback the browser held back; call it from a click. False if still held. */
  async startAudio() {
    try {
      await this.room.startAudio();
    } catch {
      // canPlaybackAudio stays false.
    }
    return this.room.canPlaybackAudio;
  }

  micTrack() {
    return this.room.localParticipant.getTrackPublication(this.lk.Track.Source.Microphone)?.track;
  }

  /** The room now, as JSON:
   *  {"state": "connecting"|"connected"|"reconnecting"|"signalReconnecting"|"disconnected",
   *   "can_play": bool, "mic": "off"|"live"|"muted"|"ended",
   *   "me": member, "others": [member]}, member = {"seat": int|null, "speaking": bool,
   *   "quality": "excellent"|"good"|"poor"|"lost"|"unknown"}. Speaking and quality are
   *  the server's view (its speaker detection and its reading of each link). */
  snapshot() {
    const { room } = this;
    const member = (p) => ({
      seat: seatOf(p),
      speaking: p.isSpeaking,
      quality: p.connectionQuality,
    });
    const track = this.micTrack();
    let mic = 'off';
    if (track) {
      if (track.mediaStreamTrack.readyState === 'ended') mic = 'ended';
      else mic = track.isMuted ? 'muted' : 'live';
    }
    return JSON.stringify({
      state: room.state,
      can_play: room.canPlaybackAudio,
      mic,
      me: member(room.localParticipant),
      others: [...room.remoteParticipants.values()].map(member),
    });
  }

  /** Leaves the room: stops playback and releases the microphone. */
  close() {
    for (const track of this.playing) track.detach();
    this.playing.clear();
    this.room.disconnect().catch(() => {});
  }
}
