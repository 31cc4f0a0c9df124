-- The shared space as a log of signed changes (internal/space, change.go): every change is
-- one immutable row, never updated or deleted, so merging two copies is adding the rows one
-- lacks (INSERT OR IGNORE by id) and every copy holding the same rows shows the same space.
-- header is the canonical header, the truth every check uses; record, kind, parent, field,
-- clock and device are copies of it for lookups, and a row whose copies disagree with it is
-- refused on reading. sealed is the payload (a random salt, the author person and the value)
-- sealed with the shared key, header bound in; commitment is SHA-256 of that payload, and the
-- id and the author device's Ed25519 signature (sig, by pub) cover header and commitment.
-- The records of shared_records move here in a later step.
CREATE TABLE shared_changes (
    id         TEXT    NOT NULL PRIMARY KEY,  -- 32 hex digits from header and commitment
    record     TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    parent     TEXT    NOT NULL DEFAULT '',
    field      TEXT    NOT NULL DEFAULT '',
    clock      INTEGER NOT NULL CHECK (clock >= 1),
    device     TEXT    NOT NULL,
    at         TEXT    NOT NULL,              -- wall time, for people only
    header     BLOB    NOT NULL,
    commitment BLOB    NOT NULL,
    sealed     BLOB    NOT NULL,
    pub        BLOB    NOT NULL,
    sig        BLOB    NOT NULL
) STRICT;

CREATE INDEX shared_changes_by_record ON shared_changes (kind, record);
CREATE INDEX shared_changes_by_clock ON shared_changes (clock);
