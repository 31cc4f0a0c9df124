-- Field format 2 and key rotation (docs/security.md): the recovery kit's public key, so a new
-- master key can be wrapped for the kit without the kit (NULL in vaults made before), and
-- settings that are sealed with the journal key (today the auto-lock time, which moves here
-- from the clear `settings` table at the next unlock).
ALTER TABLE vault ADD COLUMN recovery_public BLOB;

CREATE TABLE sealed_settings (
    name    TEXT NOT NULL PRIMARY KEY,
    content BLOB NOT NULL
) STRICT;
