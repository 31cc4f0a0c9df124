// The window's passphrase rule for the command line: vite.strength.config.ts bundles this
// file with strength.ts and zxcvbn-ts into one script, which internal/strength runs in Go,
// so both places apply one rule with one set of words.
import { measure, refusal } from './strength'

interface Verdict {
  score: number
  acceptable: boolean
  refusal: string
}

async function judge(passphrase: string): Promise<Verdict> {
  const s = await measure(passphrase)
  return { score: s.score, acceptable: s.acceptable, refusal: refusal(s) }
}

;(globalThis as unknown as { goldseamStrength: typeof judge }).goldseamStrength = judge
