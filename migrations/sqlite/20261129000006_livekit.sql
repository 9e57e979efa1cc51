-- Audio through LiveKit. Each student's audio connection is kept apart from the table
-- channel's presence (which drives focus minutes): LiveKit's webhooks and the
-- scheduler's reconciliation write it, and the webhook events already applied are
-- remembered so a retried delivery changes nothing.
--
-- On participants:
--   audio_connected_at  when the open audio connection began (NULL: not connected)
--   audio_connected_ms  audio time of the closed connections, in milliseconds (audio
--                       active minutes = this / 60000, plus the open connection if any)
--   audio_disconnects   audio connections that ended while the room existed
--   audio_event_at      creation time (LiveKit's clock, Unix seconds) of the latest
--                       participant event applied; older events arriving late are ignored
-- On study_sessions:
--   audio_checked_at    when the room's participants were last compared with LiveKit's list

ALTER TABLE participants ADD COLUMN audio_connected_at INTEGER;
ALTER TABLE participants ADD COLUMN audio_connected_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN audio_disconnects INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN audio_event_at INTEGER;
ALTER TABLE study_sessions ADD COLUMN audio_checked_at INTEGER;

-- Rooms that exist (opened, not yet closed): what reconciliation and room cleanup scan.
CREATE INDEX study_sessions_live_rooms ON study_sessions (audio_checked_at)
    WHERE room_opened_at IS NOT NULL AND room_closed_at IS NULL;

-- Webhook events applied, by LiveKit's event id; rows older than a day are swept.
CREATE TABLE livekit_events (
    event_id    TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL
);
CREATE INDEX livekit_events_received ON livekit_events (received_at);
