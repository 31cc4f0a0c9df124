import { describe, expect, test } from 'vitest'
import { emptyDraft, rating, toCheckIn } from './checkins'

describe('check-in form', () => {
  test('an empty box stays unanswered, never 0', () => {
    expect(rating('')).toBeNull()
    expect(rating(' 0 ')).toBe(0)
    expect(rating('10')).toBe(10)
    expect(rating('11')).toBe('invalid')
    expect(rating('7.5')).toBe('invalid')
    expect(rating('-1')).toBe('invalid')
  })

  test('only answered agreements and partners go to Go, with null for what was left open', () => {
    const d = emptyDraft('2026-11-22', [{ id: 'a1', what: 'We say where we go.' }, { id: 'a2', what: 'Sunday dinners.' }], ['Sam', 'Alex'])
    d.items[0].outcome = 'kept'
    d.ratings[0].trust = '6'
    const out = toCheckIn(d)
    expect(out).toEqual({
      checkIn: {
        id: '', on: '2026-11-22', wentWell: '', hard: '', try: '',
        items: [{ agreementId: 'a1', what: 'We say where we go.', outcome: 'kept', note: '' }],
        ratings: [{ name: 'Sam', safety: null, trust: 6, connection: null }],
      },
    })
  })

  test('a note without a choice, or a rating out of range, is pointed out instead of dropped', () => {
    const d = emptyDraft('2026-11-22', [{ id: 'a1', what: 'Sunday dinners.' }], ['Sam', 'Alex'])
    d.items[0].note = 'We missed one.'
    expect(toCheckIn(d)).toHaveProperty('problem')
    d.items[0].note = ''
    d.ratings[1].safety = '12'
    expect((toCheckIn(d) as { problem: string }).problem).toContain('Alex')
  })
})
