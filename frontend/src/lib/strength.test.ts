import { describe, expect, test, vi } from 'vitest'
import type { PassphraseRating } from './api'

const ratePassphrase = vi.fn()
vi.mock('./api', () => ({ api: { vault: { ratePassphrase: (p: string) => ratePassphrase(p) } } }))

import { measure, refusal } from './strength'

const weak: PassphraseRating = { score: 0, label: 'Very weak', warning: 'w', suggestions: ['s'], acceptable: false, refusal: 'Go’s sentence.' }

// The rule is Go's (internal/strength TestTheRuleOnTheTable); the window only asks.
describe('strength', () => {
  test('measure asks Go and hands back its rating as it is', async () => {
    ratePassphrase.mockResolvedValueOnce(weak)
    expect(await measure('letmein1')).toEqual(weak)
    expect(ratePassphrase).toHaveBeenCalledWith('letmein1')
  })

  test('refusal is Go’s sentence for a refused passphrase and nothing for an accepted one', () => {
    expect(refusal(weak)).toBe('Go’s sentence.')
    expect(refusal({ ...weak, acceptable: true })).toBe('')
  })
})
