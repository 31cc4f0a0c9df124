-- Whether the kit before the current one has stopped working and the current one is not
-- confirmed yet (docs/security.md, "Recovery kit"), so Home and Settings can say the old kit
-- no longer works rather than only that the kit is not finished. A vault made before key
-- format 2 whose passphrase was changed before this step has no working kit at all (an empty
-- recovery wrap): that is a retired kit too.
ALTER TABLE vault ADD COLUMN recovery_replaced INTEGER NOT NULL DEFAULT 0;

UPDATE vault SET recovery_replaced = 1, recovery_confirmed = 0 WHERE format = 1 AND length(recovery_wrap) = 0;
