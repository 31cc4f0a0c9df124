-- Every lock purges the journal entries deleted more than the undo time ago; without an
-- index that is a scan of every row, which a lock (Ctrl+L, the quick exit) waits for. Only
-- deleted rows are indexed, so the index stays as small as the undo bin.
CREATE INDEX journal_entries_deleted ON journal_entries (deleted_at) WHERE deleted_at IS NOT NULL;
