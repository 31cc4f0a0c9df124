package space

// What the forgery test needs to reseal a payload as a holder of the shared key could.
var (
	SealField = sealField
	Payload   = payload
	SaltSize  = saltSize
)

func (c Change) Canonical() []byte { return c.canonical() }
