package main

// vaultLeaks runs the trials that count what someone with the data file can still learn or
// forge: lengths that tell choices apart, agreements rebuilt from their own rows, and old
// secrets with an old copy opening what was written after a rotation. They take seconds, so
// the quick run makes them too.
func vaultLeaks(cfg config) error {
	return command(cfg, ".", nil, "go", "test", "-count=1", "-timeout=20m",
		"-run", "EveryChoiceSealsToOneLength|CannotBeForgedFromTheirOwnParts|OldSecretsWithAnOldCopy",
		"./internal/profile/", "./internal/agreements/", "./internal/vault/")
}
