// How strong a new passphrase is, with feedback a person can act on. Go owns the rule and
// every sentence (internal/strength: at least 8 characters and a score of 3 of 4); the
// window only asks it, so the meter says exactly what Create, ChangePassphrase and the backup
// passphrases will then enforce, and the command line applies the very same rule.
import { api, type PassphraseRating } from './api'

export type Strength = PassphraseRating

/** measure asks Go to rate passphrase as a new passphrase. */
export function measure(passphrase: string): Promise<Strength> {
  return api.vault.ratePassphrase(passphrase)
}

/** refusal is what Goldseam says when it will not take a passphrase, or '' when it will. */
export function refusal(s: Strength): string {
  return s.acceptable ? '' : s.refusal
}
