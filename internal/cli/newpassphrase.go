package cli

import (
	"errors"

	"github.com/goldseam/goldseam/internal/strength"
)

// newSecret reads a new passphrase (twice on a terminal) and holds it to Goldseam's one
// strength rule (internal/strength, which the window asks too): a weak one is refused with
// the sentence the window shows, before anything is made or written.
func newSecret(env Env, variable, prompt string) (string, error) {
	pass, err := secret(env, variable, prompt, true)
	if err != nil {
		return "", err
	}
	if verdict := strength.Measure(pass); !verdict.Acceptable {
		return "", errors.New(verdict.Refusal + " Please choose another passphrase; nothing was changed.")
	}
	return pass, nil
}
