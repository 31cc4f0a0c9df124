package pairing

import (
	"bytes"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
)

// SpaceKey is the shared key of a space and its epoch, which tells a key made after a leave
// or a revoke from the one before. It is the same thing as exchange.Key plus its epoch; the
// lead stores it.
type SpaceKey struct {
	Key   [32]byte
	Epoch uint32
}

// Context says what a wrapped key is for. Both sides must name the same one: a key wrapped
// for one space or purpose never opens as one for another. Pairing uses the purpose
// "pairing/<pairing id>"; the lead names its own for a new key after a leave or a revoke.
type Context struct {
	Space   string
	Purpose string
}

const (
	wrapFormat    = "goldseam-wrapped-key/1"
	wrapKeyPrefix = "goldseam/pairing/wrap-key/v1\x00"
	wrapSigPrefix = "goldseam/pairing/wrapped/v1\x00"
	maxPurpose    = 200
)

// wrapped is a wrapped key as it travels (JSON, the byte fields in base64).
type wrapped struct {
	Format    string `json:"format"`
	Space     string `json:"space"`
	Purpose   string `json:"purpose"`
	From      string `json:"from"`
	To        string `json:"to"`
	Epoch     uint32 `json:"epoch"`
	Ephemeral []byte `json:"ephemeral"`
	Nonce     []byte `json:"nonce"`
	Sealed    []byte `json:"sealed"`
	Sig       []byte `json:"sig"`
}

// ErrNotForThisDevice refuses a wrapped key that this device cannot take: it was sent to
// another device or for another purpose, it was not signed by the device it claims, or it
// was changed on the way.
var ErrNotForThisDevice = apperr.New(apperr.Invalid,
	"This key was not sent to this computer by your partner's computer, or it was changed on the way. Nothing was changed.")

// header is what HKDF's info, the AEAD's associated data and (with the sealed parts) the
// signature cover.
func (w *wrapped) header() []byte {
	out := []byte(wrapKeyPrefix)
	for _, p := range []string{w.Space, w.Purpose, w.From, w.To} {
		out = appendPart(out, []byte(p))
	}
	return binary.BigEndian.AppendUint32(out, w.Epoch)
}

func (w *wrapped) signed() []byte {
	out := append([]byte(wrapSigPrefix), w.header()...)
	for _, p := range [][]byte{w.Ephemeral, w.Nonce, w.Sealed} {
		out = appendPart(out, p)
	}
	return out
}

// aead derives the wrapping key from an X25519 shared secret.
func (w *wrapped) aead(shared, recipientBox []byte) ([]byte, error) {
	salt := append(bytes.Clone(w.Ephemeral), recipientBox...)
	return hkdf.Key(sha256.New, shared, salt, string(w.header()), chacha20poly1305.KeySize)
}

// Wrap seals key to the device to: an ephemeral X25519 key agreed with to's box key, HKDF
// bound to ctx, both device ids and the epoch, XChaCha20-Poly1305, and from's signature over
// all of it. The result is JSON.
func Wrap(key SpaceKey, to device.Public, from *device.Identity, ctx Context) ([]byte, error) {
	if err := to.Check(); err != nil {
		return nil, ErrNotForThisDevice
	}
	if !validContext(ctx) {
		return nil, errors.New("pairing: a wrap context needs a space id and a purpose")
	}
	eph, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	peer, err := ecdh.X25519().NewPublicKey(to.BoxKey)
	if err != nil {
		return nil, ErrNotForThisDevice
	}
	shared, err := eph.ECDH(peer)
	if err != nil {
		return nil, ErrNotForThisDevice
	}
	defer clear(shared)
	w := &wrapped{Format: wrapFormat, Space: ctx.Space, Purpose: ctx.Purpose, From: from.ID(), To: to.ID,
		Epoch: key.Epoch, Ephemeral: eph.PublicKey().Bytes(), Nonce: make([]byte, chacha20poly1305.NonceSizeX)}
	if _, err := rand.Read(w.Nonce); err != nil {
		return nil, err
	}
	k, err := w.aead(shared, to.BoxKey)
	if err != nil {
		return nil, err
	}
	defer clear(k)
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return nil, err
	}
	w.Sealed = aead.Seal(nil, w.Nonce, key.Key[:], w.header())
	w.Sig = from.Sign(w.signed())
	return json.Marshal(w)
}

// Unwrap opens a key Wrap sealed to me, checking that from signed it and that it was made
// for ctx. Anything else is ErrNotForThisDevice.
func Unwrap(data []byte, me *device.Identity, from device.Public, ctx Context) (SpaceKey, error) {
	var w wrapped
	if len(data) > maxFileSize || strictDecode(data, &w) != nil || w.Format != wrapFormat {
		return SpaceKey{}, ErrNotForThisDevice
	}
	if from.Check() != nil || w.From != from.ID || w.To != me.ID() || w.Space != ctx.Space || w.Purpose != ctx.Purpose ||
		len(w.Nonce) != chacha20poly1305.NonceSizeX || !device.Verify(from.SignKey, w.signed(), w.Sig) {
		return SpaceKey{}, ErrNotForThisDevice
	}
	shared, err := me.ECDH(w.Ephemeral)
	if err != nil {
		return SpaceKey{}, ErrNotForThisDevice
	}
	defer clear(shared)
	k, err := w.aead(shared, me.Public().BoxKey)
	if err != nil {
		return SpaceKey{}, ErrNotForThisDevice
	}
	defer clear(k)
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return SpaceKey{}, ErrNotForThisDevice
	}
	plain, err := aead.Open(nil, w.Nonce, w.Sealed, w.header())
	if err != nil || len(plain) != 32 {
		return SpaceKey{}, ErrNotForThisDevice
	}
	defer clear(plain)
	out := SpaceKey{Epoch: w.Epoch}
	copy(out.Key[:], plain)
	return out, nil
}

func validContext(ctx Context) bool {
	return ctx.Space != "" && ctx.Purpose != "" && len(ctx.Space) <= maxPurpose && len(ctx.Purpose) <= maxPurpose
}
