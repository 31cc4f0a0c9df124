import { describe, expect, test } from 'vitest'
import { apologyHints } from './apology'

describe('apologyHints', () => {
  test('points at phrases that slip into justification', () => {
    const hints = apologyHints('I am sorry I lied, but I was lonely because you were never home.')
    expect(hints.map((h) => h.phrase.toLowerCase())).toEqual(['but', 'because you'])
  })

  test('leaves an apology that owns what happened alone', () => {
    expect(apologyHints('I lied to you for months. It hurt you deeply, and I will answer every question.')).toEqual([])
  })

  test('does not trip on words that only contain "but"', () => {
    expect(apologyHints('I will contribute and rebuild; that is my butterfly hope.')).toEqual([])
  })
})
