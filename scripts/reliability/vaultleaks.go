package main

// vaultLeaks runs the trials that count what someone with the data file can still learn or
// forge: lengths that tell choices apart, agreements rebuilt from their own rows, and old
// secrets with an old copy opening what was written after a rotation.
func vaultLeaks(cfg config) error {
	if cfg.quick {
		return errSkipped("make test-go runs the sealed-length, forgery and rotation tests already",
			"length_classes_tried", "length_classes_leaking", "reparent_trials", "reparent_accepted",
			"rotation_old_secret_trials", "rotation_old_secret_opens")
	}
	return command(cfg, ".", nil, "go", "test", "-count=1", "-timeout=20m",
		"-run", "EveryChoiceSealsToOneLength|CannotBeForgedFromTheirOwnParts|OldSecretsWithAnOldCopy",
		"./internal/profile/", "./internal/agreements/", "./internal/vault/")
}
