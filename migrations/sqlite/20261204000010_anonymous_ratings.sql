-- Ratings that cannot be tied to their rater: a rating from a table where fewer than two
-- other students could have rated counts and shows only from the next weekly batch
-- (`effective_at`, `held` until then), and the ledger names a rating by a random
-- reference instead of its row number (which would order it among the others).

ALTER TABLE ratings ADD COLUMN effective_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ratings ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ratings ADD COLUMN public_id TEXT;
UPDATE ratings SET effective_at = created_at;
UPDATE ratings SET public_id = lower(hex(randomblob(8))) WHERE value <> 'skip';
CREATE UNIQUE INDEX ratings_public_id ON ratings (public_id);
CREATE INDEX ratings_held ON ratings (held, effective_at);
