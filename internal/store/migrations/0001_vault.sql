-- The vault: the key material that turns a passphrase or a recovery key into the keys that
-- open everything else. One row. Nothing in it opens anything without the passphrase or the
-- recovery key; see docs/security.md.
CREATE TABLE vault (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    vault_id              TEXT    NOT NULL,           -- uuid, bound into every sealed field
    format                INTEGER NOT NULL,           -- key format version
    kdf_salt              BLOB    NOT NULL,
    kdf_time              INTEGER NOT NULL,
    kdf_memory_kib        INTEGER NOT NULL,
    kdf_threads           INTEGER NOT NULL,
    passphrase_wrap       BLOB    NOT NULL,           -- the master key sealed by the passphrase key
    recovery_wrap         BLOB    NOT NULL,           -- the master key sealed by the recovery key
    recovery_kit_id       TEXT    NOT NULL,           -- printed on the kit, to tell kits apart
    recovery_confirmed    INTEGER NOT NULL DEFAULT 0, -- the person typed part of the kit back
    created_at            TEXT    NOT NULL,
    passphrase_changed_at TEXT    NOT NULL,
    recovery_created_at   TEXT    NOT NULL
) STRICT;

-- Content keys, each sealed by the master key: one for the private journal, one for the
-- shared space, so the shared space can one day be shared without exposing the journal.
CREATE TABLE content_keys (
    key_id     TEXT NOT NULL PRIMARY KEY,                         -- uuid
    purpose    TEXT NOT NULL CHECK (purpose IN ('journal', 'shared')),
    wrapped    BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Settings that are not private (for example the auto-lock time), readable while locked.
CREATE TABLE settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
