-- The private journal. Everything a person writes is in `content`, sealed with the journal
-- key; the date an entry is about and its timestamps stay in the clear so the journal can
-- be browsed by month without decrypting it (see docs/security.md).
CREATE TABLE journal_entries (
    id         TEXT NOT NULL PRIMARY KEY,  -- uuid, bound into the sealed content
    entry_date TEXT NOT NULL,              -- YYYY-MM-DD, the day the entry is about
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,                       -- set while a deletion can still be undone
    content    BLOB NOT NULL               -- sealed JSON: title, body, mood, feelings, tags, step
) STRICT;

CREATE INDEX journal_entries_by_date ON journal_entries (entry_date DESC, created_at DESC);
