package backup

import (
	"crypto/subtle"
	"errors"
	"slices"

	"filippo.io/age"
)

// rememberingRecipient wraps the scrypt recipient and remembers the file key age hands it,
// so the read-back check after an export can decrypt and authenticate every byte on disk
// without deriving the passphrase key a second time (a second or two of scrypt). It returns
// exactly the scrypt recipient's stanza and labels, so the file is the same standard one.
type rememberingRecipient struct {
	inner   *age.ScryptRecipient
	fileKey []byte
	stanza  *age.Stanza
}

func (r *rememberingRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	s, _, err := r.WrapWithLabels(fileKey)
	return s, err
}

func (r *rememberingRecipient) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	stanzas, labels, err := r.inner.WrapWithLabels(fileKey)
	if err != nil || len(stanzas) != 1 {
		return stanzas, labels, err
	}
	r.fileKey, r.stanza = slices.Clone(fileKey), stanzas[0]
	return stanzas, labels, nil
}

// wipe forgets the file key.
func (r *rememberingRecipient) wipe() {
	clear(r.fileKey)
	r.fileKey = nil
}

// identity opens only the file this recipient wrote: the same stanza, byte for byte. age
// still checks the header's MAC and every payload chunk's tag with the key.
func (r *rememberingRecipient) identity() age.Identity { return knownKey{r} }

type knownKey struct{ r *rememberingRecipient }

func (k knownKey) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	want := k.r.stanza
	if want == nil || k.r.fileKey == nil || len(stanzas) != 1 {
		return nil, age.ErrIncorrectIdentity
	}
	got := stanzas[0]
	if got.Type != want.Type || !slices.Equal(got.Args, want.Args) || subtle.ConstantTimeCompare(got.Body, want.Body) != 1 {
		return nil, errors.Join(age.ErrIncorrectIdentity, errors.New("the header on disk is not the one written"))
	}
	return slices.Clone(k.r.fileKey), nil
}
