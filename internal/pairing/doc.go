// Package pairing owns pairing two devices "in the room" through a shared folder, with no
// server: the exchange of their device keys (internal/device), the short code both people
// compare, and the wrapping of the space key to the partner's X25519 box key. It keeps
// nothing in the vault and opens no connection: it only writes and reads small files under
// <root>/goldseam/pairing/<pairing id>/ and returns what the caller stores (Partner,
// SpaceKey) and the small secret state it seals (Saved).
//
// # The exchange (commit, answer, reveal, compare)
//
// Every file is written once (a temporary file under <root>/goldseam/.tmp/, synced, then
// given its name without replacing anything) and never edited, and each is signed by the
// Ed25519 key of the device that wrote it, so a sync engine carrying the folder never has
// two writers of one file. The inviter A and the joiner B write:
//
//	offer          A: pairing id, space id, A's device id, name and role, and a commitment
//	               SHA-256(prefix, A's key bundle, nA) to its keys and a 32-byte secret nA
//	answer-<B id>  B: the offer's digest, B's key bundle, B's name and a fresh 32-byte nB
//	reveal         A: the answer's digest, A's key bundle and nA; B checks the commitment
//	key            A, once its person confirmed the codes: the space key wrapped to B
//	done           B, once its person confirmed and the key opened: the key file's digest
//
// Both sides then derive the same six digits ("123 456") with HKDF from nA, nB, the pairing
// id, the digests of the offer and the answer and both key bundles. A committed to its keys
// and nA before it saw B's answer, and B chose nB after it saw the commitment, so someone who
// can write the folder and swaps either side's keys for their own fixes their half before
// they can know the other: the two screens then show the same code only by chance, one time
// in a million, and a person comparing them stops the pairing. nB matters as much as nA: a
// device's keys are long-lived and public, so without a fresh value from B an attacker who
// knew B's keys could commit to its own offer only after it had learnt A's code and try
// values of its own until B's screen would show the same digits.
//
// The code is not a secret; what it proves is that both computers hold the same transcript.
// Nothing that needs the code to match (the partner's keys, the space key) is returned to
// the caller until the caller says the person confirmed: Inviter.Confirm, Joiner.Confirm.
// Names and roles are shown from the offer before that, and are authenticated only when the
// codes match (the offer is signed by the key A reveals).
//
// # The typed-code variant (a USB stick)
//
// When the folder travels by hand, every round trip is a walk between computers, and a
// second round only to compare codes would cost another. So StartTyped makes a one-time
// code of 80 random bits, shown as 16 characters "ABCD-EFGH-JKLM-NPQR" from an alphabet
// without O, 0, I and 1, that the person at B types. The offer then carries A's key bundle
// at once, and both offer and answer carry an HMAC keyed by that code: B refuses an offer
// the code does not fit, and A refuses an answer it does not fit. Only someone who saw A's
// screen can answer, so there is nothing to compare afterwards: A's person confirms by
// sending the key, B's by typing the code, and the stick carries offer, answer, key and done.
//
// The trade-off: compared codes are short and not secret, and an attacker has one try per
// pairing with a one-in-a-million chance, but both screens must be side by side and both
// people must really compare them (people click through confirmations). A typed code is
// longer to type and is a secret until it is used: whoever sees A's screen and can write the
// folder before B answers could pair instead of B. Its strength rests on 80 bits against
// offline guessing (anyone who copies the stick can test codes against the offer's HMAC),
// which is beyond reach, and the space key itself never depends on the code: it is always
// wrapped to B's X25519 key and signed by A, as in the compared variant.
//
// # Wrapping a key
//
// Wrap and Unwrap send a SpaceKey (32 bytes and an epoch) from one device to another:
// an ephemeral X25519 key agreed with the recipient's box key, HKDF whose info binds the
// space, the purpose (here "pairing/<pairing id>"), both device ids and the epoch, and
// XChaCha20-Poly1305; the whole is signed by the sender's device key, because anyone can
// encrypt to a public key. The lead reuses them to send a new key after a leave or a revoke.
//
// # Surviving a restart
//
// Each side's progress is the folder itself plus Saved: the inviter's nA (or typed code)
// and, for the joiner, whether its person confirmed. Saved is JSON the caller seals in the
// vault; ResumeInviter and ResumeJoiner rebuild a side from it and the folder, and Poll
// carries on. Poll is idempotent and reads the folder afresh: a file that is missing, short
// or torn is "not yet"; a whole file that fails a check stops the pairing with a sentence
// a person can read. A side that waits on a side which cancelled (its files gone) gets
// ErrGone rather than waiting for ever.
//
// # Tidying up
//
// The inviter removes its files (Cancel) once Poll reached Done, that is once it saw the
// joiner's receipt; the joiner's files go with Tidy once the inviter's are gone, so neither
// removes a file the other still needs and each removes only its own. Tidy also removes an
// inviter's offer that is more than a day old; Find no longer lists one.
//
// An Inviter or Joiner is used from one goroutine. Reading a cloud folder can block (a
// placeholder file), so call Poll off the interface's thread.
package pairing
