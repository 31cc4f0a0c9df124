import { describe, expect, test } from 'vitest'
import { measure } from './strength'

describe('measure', () => {
  test('refuses a common password and says why in our own words', async () => {
    const s = await measure('password1')
    expect(s.acceptable).toBe(false)
    expect(s.score).toBeLessThan(3)
    expect(s.warning).toMatch(/commonly used|most used/)
  })

  test('refuses anything shorter than eight characters, however odd', async () => {
    const s = await measure('Zq#8v!')
    expect(s.acceptable).toBe(false)
    expect(s.warning).toContain('at least 8 characters')
  })

  test('counts the app name against a passphrase', async () => {
    expect((await measure('goldseam2026')).acceptable).toBe(false)
  })

  test('accepts a few unrelated words', async () => {
    const s = await measure('amber harbour stitches thunder')
    expect(s.acceptable).toBe(true)
    expect(s.score).toBeGreaterThanOrEqual(3)
    expect(s.label).toMatch(/strong/i)
  })
})
