-- Sharing the space through an exchange folder (internal/sharing, issue 18). sharing_state is
-- one row: the folder, the space's id and keys, the paired partner devices and how far this
-- copy has read, as JSON sealed with the journal key (only this computer needs it; the space
-- key inside must never be in the clear). exchange_published lists the changes of this device
-- already written to a change file, by their ids, which are in the clear in shared_changes
-- anyway: the next file holds only what is not listed.
CREATE TABLE sharing_state (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    content BLOB    NOT NULL
) STRICT;

-- space_here says which of the couple's two places is the person at this computer, once this
-- copy is paired (a joiner takes the place the inviter gave it); sealed with the shared key,
-- which every service of the space holds, so an edit of the file cannot make this computer
-- write as the other person. Without a row the person at this computer is the first name.
CREATE TABLE space_here (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    content BLOB    NOT NULL
) STRICT;

CREATE TABLE exchange_published (
    change_id TEXT NOT NULL PRIMARY KEY,
    file      TEXT NOT NULL  -- the change file's name, for the diagnostics view
) STRICT;
