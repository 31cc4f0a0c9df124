import { describe, expect, it } from 'vitest'
import { sides } from './wordDiff'

describe('sides', () => {
  it('marks the words taken out on the left and the words put in on the right', () => {
    const { before, after } = sides('We text before leaving work.', 'We call before leaving work.')
    expect(before.filter((p) => p.change === 'removed').map((p) => p.text.trim())).toEqual(['text'])
    expect(after.filter((p) => p.change === 'added').map((p) => p.text.trim())).toEqual(['call'])
    expect(before.map((p) => p.text).join('')).toBe('We text before leaving work.')
    expect(after.map((p) => p.text).join('')).toBe('We call before leaving work.')
  })

  it('keeps every space, so each column reads as the text it was', () => {
    const older = 'We tell each other where we are going when we go out.'
    const newer = 'We tell each other where we are going, and roughly when we will be back.'
    const { before, after } = sides(older, newer)
    expect(before.map((p) => p.text).join('')).toBe(older)
    expect(after.map((p) => p.text).join('')).toBe(newer)
  })

  it('shows no change for the same text', () => {
    const { before, after } = sides('Same words.', 'Same words.')
    expect([...before, ...after].every((p) => p.change === 'same')).toBe(true)
  })
})
