package cli

import (
	"errors"
	"fmt"

	"github.com/goldseam/goldseam/internal/strength"
)

// newSecret reads a new passphrase (twice on a terminal) and holds it to the window's rule
// (internal/strength runs the window's own code): a weak one is refused with the sentence
// the window would show, before anything is made or written.
func newSecret(env Env, variable, prompt string) (string, error) {
	pass, err := secret(env, variable, prompt, true)
	if err != nil {
		return "", err
	}
	if env.Prompt != nil && env.Getenv(variable) == "" {
		fmt.Fprintln(env.Stderr, "Checking how easy it would be to guess…")
	}
	verdict, err := strength.Measure(pass)
	if err != nil {
		return "", err
	}
	if !verdict.Acceptable {
		return "", errors.New(verdict.Refusal + " Please choose another passphrase; nothing was changed.")
	}
	return pass, nil
}
