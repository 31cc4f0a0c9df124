-- The program as a person goes through it: each step's state, and what each exercise kept.
-- Step ids are the program's public ids; the state and every answer are sealed with the
-- journal key.
CREATE TABLE step_states (
    step_id    TEXT NOT NULL PRIMARY KEY,
    updated_at TEXT NOT NULL,
    content    BLOB NOT NULL  -- sealed JSON: state
) STRICT;

CREATE TABLE exercise_records (
    id         TEXT NOT NULL PRIMARY KEY, -- uuid
    step_id    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    content    BLOB NOT NULL              -- sealed JSON: the answers, by field id
) STRICT;

CREATE INDEX exercise_records_by_step ON exercise_records (step_id, created_at);
