-- Automatic backups: the folder, how often, how many to keep, the backup passphrase they are
-- locked with, and how the last one went. One row, all of it sealed with the journal key; the
-- backups only run while Goldseam is unlocked, so nothing here is needed while locked.
CREATE TABLE auto_backup (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    updated_at TEXT    NOT NULL,
    content    BLOB    NOT NULL
) STRICT;
