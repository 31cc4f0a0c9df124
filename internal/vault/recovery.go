package vault

import (
	"crypto/sha256"
	"errors"
	"strings"
)

// RecoveryKey is the random secret printed on the recovery kit. With it, the vault opens
// without the passphrase; it is shown once and never stored anywhere but on the kit.
type RecoveryKey struct {
	raw []byte // 20 random bytes: 160 bits, beyond any guessing
}

const recoveryBytes = 20

// crockford is Crockford's base32: no I, L, O or U, so nothing is read as something else.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// ErrRecoveryTypo means a typed recovery key is not one Goldseam could have made: a
// character is missing, extra or mistyped. Its checksum group tells this apart from a
// real key that simply belongs to another kit.
var ErrRecoveryTypo = errors.New("recovery key has a typo")

func newRecoveryKey() RecoveryKey { return RecoveryKey{raw: randomBytes(recoveryBytes)} }

// String is the key as printed: nine groups of four, the last a checksum,
// for example 7K2M-Q9XD-...-H4TR.
func (r RecoveryKey) String() string {
	body := encode32(r.raw)
	all := body + checksum(r.raw)
	groups := make([]string, 0, len(all)/4)
	for i := 0; i < len(all); i += 4 {
		groups = append(groups, all[i:i+4])
	}
	return strings.Join(groups, "-")
}

// Group returns the n-th group of four (1-based), for asking the person to type it back.
func (r RecoveryKey) Group(n int) string {
	s := strings.ReplaceAll(r.String(), "-", "")
	if n < 1 || n*4 > len(s) {
		return ""
	}
	return s[(n-1)*4 : n*4]
}

// Groups is how many groups of four the printed key has.
const Groups = 9

// Wipe forgets the key.
func (r *RecoveryKey) Wipe() { wipe(r.raw); r.raw = nil }

// ParseRecoveryKey reads a key as a person typed it: any case, with or without dashes or
// spaces, and the letters I, L and O taken as 1, 1 and 0.
func ParseRecoveryKey(typed string) (RecoveryKey, error) {
	var b strings.Builder
	for _, c := range strings.ToUpper(typed) {
		switch {
		case c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		case c == 'I' || c == 'L':
			c = '1'
		case c == 'O':
			c = '0'
		}
		b.WriteRune(c)
	}
	s := b.String()
	if len(s) != 36 {
		return RecoveryKey{}, ErrRecoveryTypo
	}
	raw, ok := decode32(s[:32])
	if !ok || checksum(raw) != s[32:] {
		return RecoveryKey{}, ErrRecoveryTypo
	}
	return RecoveryKey{raw: raw}, nil
}

// checksum is 20 bits of SHA-256 over the key, as four base32 characters.
func checksum(raw []byte) string {
	sum := sha256.Sum256(raw)
	v := uint32(sum[0])<<12 | uint32(sum[1])<<4 | uint32(sum[2])>>4
	out := make([]byte, 4)
	for i := 3; i >= 0; i-- {
		out[i] = crockford[v&31]
		v >>= 5
	}
	return string(out)
}

func encode32(raw []byte) string {
	var out strings.Builder
	var acc uint32
	bits := 0
	for _, b := range raw {
		acc = acc<<8 | uint32(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out.WriteByte(crockford[(acc>>bits)&31])
		}
	}
	if bits > 0 {
		out.WriteByte(crockford[(acc<<(5-bits))&31])
	}
	return out.String()
}

func decode32(s string) ([]byte, bool) {
	var out []byte
	var acc uint32
	bits := 0
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(crockford, s[i])
		if v < 0 {
			return nil, false
		}
		acc = acc<<5 | uint32(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	return out, len(out) == recoveryBytes
}
