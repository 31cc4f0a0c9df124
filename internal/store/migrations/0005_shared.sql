-- The shared space: agreements with their versions, signatures and history, check-ins, good
-- experiences and the couple's settings. Every record is one row here, shaped so the space can
-- later be shared with a partner's own device through a synced folder without a server:
-- uuid ids, a Lamport clock and the id of the device that made each change (the later change
-- wins a merge), and tombstones instead of deletes, so a deletion travels like any change.
-- What a record says is sealed with the shared key; its kind, its parent and its clock are not.
CREATE TABLE shared_records (
    id         TEXT    NOT NULL PRIMARY KEY,  -- uuid
    kind       TEXT    NOT NULL,              -- agreement, agreement-version, agreement-signature, ...
    parent_id  TEXT    NOT NULL DEFAULT '',   -- the agreement a version, signature or event belongs to
    clock      INTEGER NOT NULL,              -- Lamport clock: one more than any clock seen
    device_id  TEXT    NOT NULL,              -- the device that made this version of the record
    updated_at TEXT    NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    content    BLOB                           -- sealed JSON; NULL once the record is a tombstone
) STRICT;

CREATE INDEX shared_records_by_kind ON shared_records (kind, parent_id);

-- This copy of the data file's device id, made once; it says which device made a change.
CREATE TABLE shared_device (
    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    device_id TEXT    NOT NULL
) STRICT;
