-- The pixel room: the character a student picked (NULL until they pick one; the app then
-- draws a stable default), whether they see a table as the room or in the classic layout,
-- and the room each table is held in (chosen when the table is created).
ALTER TABLE users ADD COLUMN character_key TEXT;
ALTER TABLE users ADD COLUMN table_view TEXT NOT NULL DEFAULT 'pixel';
ALTER TABLE study_sessions ADD COLUMN room TEXT NOT NULL DEFAULT 'cozy-study';
