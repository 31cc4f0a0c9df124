package vault

import (
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
)

// The recovery key wraps the master key through a key pair (vault format 2): the kit's key
// gives an X25519 private key, and only its public key is stored. Rotation then wraps each
// new master key for the kit without the kit, so a passphrase change keeps the kit working
// while the old master key, and so an old passphrase, opens nothing written afterwards.
// (Format 1 wrapped with a key derived from the kit itself; such a vault's first passphrase
// change has to retire its kit, see rotate.go.)

// recoveryPrivate derives the kit's X25519 private key.
func recoveryPrivate(key RecoveryKey, vaultID string) (*ecdh.PrivateKey, error) {
	seed, err := hkdf.Key(sha256.New, key.raw, []byte(vaultID), "goldseam recovery x25519 v2", keySize)
	if err != nil {
		return nil, err
	}
	defer wipe(seed)
	return ecdh.X25519().NewPrivateKey(seed)
}

// recoveryPublic is the public key stored for the kit.
func recoveryPublic(key RecoveryKey, vaultID string) ([]byte, error) {
	priv, err := recoveryPrivate(key, vaultID)
	if err != nil {
		return nil, err
	}
	return priv.PublicKey().Bytes(), nil
}

// wrapForRecovery seals master for the holder of the kit whose public key is pub: an
// ephemeral X25519 share, then the master key sealed with a key derived from both.
// The result is the ephemeral public key (32 bytes) then sealKey's nonce and ciphertext.
func wrapForRecovery(pub, master, associated []byte) ([]byte, error) {
	peer, err := ecdh.X25519().NewPublicKey(pub)
	if err != nil {
		return nil, err
	}
	eph, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	kek, err := recoveryKEK(eph, peer)
	if err != nil {
		return nil, err
	}
	defer wipe(kek)
	return append(eph.PublicKey().Bytes(), sealKey(kek, master, associated)...), nil
}

// unwrapWithRecovery opens what wrapForRecovery sealed, with the kit's key.
func unwrapWithRecovery(key RecoveryKey, vaultID string, wrapped, associated []byte) ([]byte, error) {
	if len(wrapped) < 32 {
		return nil, ErrTampered
	}
	priv, err := recoveryPrivate(key, vaultID)
	if err != nil {
		return nil, err
	}
	eph, err := ecdh.X25519().NewPublicKey(wrapped[:32])
	if err != nil {
		return nil, ErrTampered
	}
	kek, err := recoveryKEK(priv, eph)
	if err != nil {
		return nil, ErrTampered
	}
	defer wipe(kek)
	return openKey(kek, wrapped[32:], associated)
}

// recoveryKEK derives the wrapping key from the shared secret, bound to both public keys.
func recoveryKEK(own *ecdh.PrivateKey, peer *ecdh.PublicKey) ([]byte, error) {
	shared, err := own.ECDH(peer)
	if err != nil {
		return nil, errors.New("recovery key agreement failed")
	}
	defer wipe(shared)
	pubs := [][]byte{own.PublicKey().Bytes(), peer.Bytes()}
	if string(pubs[0]) > string(pubs[1]) {
		pubs[0], pubs[1] = pubs[1], pubs[0]
	}
	return hkdf.Key(sha256.New, shared, append(pubs[0], pubs[1]...), "goldseam/wrap/recovery/x25519", keySize)
}
