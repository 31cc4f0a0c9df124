-- Where the person stands and what they told the safety check, their and their partner's
-- first names, and their private support contacts: one row, all of it sealed with the
-- journal key. Only the time it last changed is in the clear.
CREATE TABLE profile (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    updated_at TEXT    NOT NULL,
    content    BLOB    NOT NULL
) STRICT;
