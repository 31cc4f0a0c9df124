package journal

// PurgeSQL lets the tests ask SQLite how it runs the purge each lock waits for.
const PurgeSQL = purgeSQL
