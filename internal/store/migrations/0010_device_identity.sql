-- This copy's device identity (internal/device, docs/security.md): made once, when the vault
-- is made or, for a vault from before, at its next unlock. Its id and public keys are in the
-- clear, so a partner's copy can check what this device signed; the private halves are sealed
-- with the journal key (vault.DeviceSecret), bound to the public ones, and are resealed by
-- every key rotation like any sealed value. shared_device stays: legacy_device_id copies the
-- uuid this file stamped its shared records with before, so they can still be told apart as
-- this device's own.
CREATE TABLE device_identity (
    id               INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    device_id        TEXT    NOT NULL,            -- 32 hex digits derived from sign_public
    sign_public      BLOB    NOT NULL,            -- Ed25519 public key
    box_public       BLOB    NOT NULL,            -- X25519 public key
    box_signature    BLOB    NOT NULL,            -- Ed25519 signature binding box_public to the device
    legacy_device_id TEXT    NOT NULL DEFAULT '', -- shared_device's uuid, when this file had one
    created_at       TEXT    NOT NULL,
    secret           BLOB    NOT NULL             -- sealed: Ed25519 seed and X25519 private key
) STRICT;
