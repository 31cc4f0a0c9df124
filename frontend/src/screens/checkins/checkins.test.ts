import { describe, expect, test } from 'vitest'
import { describeField, emptyDraft, rating, ratingsLine, toCheckIn } from './checkins'

describe('check-in form', () => {
  test('an empty box stays unanswered, never 0', () => {
    expect(rating('')).toBeNull()
    expect(rating(' 0 ')).toBe(0)
    expect(rating('10')).toBe(10)
    expect(rating('11')).toBe('invalid')
    expect(rating('7.5')).toBe('invalid')
    expect(rating('-1')).toBe('invalid')
  })

  test('each partner answers for themselves: only answered agreements go to Go, with null for what was left open', () => {
    const d = emptyDraft('2026-11-22', [{ id: 'a1', what: 'We say where we go.' }, { id: 'a2', what: 'Sunday dinners.' }], ['Sam', 'Alex'])
    d.answers[0].items[0].outcome = 'kept'
    d.answers[0].trust = '6'
    d.answers[1].hard = 'Sunday.'
    const out = toCheckIn(d)
    expect(out).toEqual({
      checkIn: {
        id: '', on: '2026-11-22',
        answers: [
          { name: 'Sam', ratings: { safety: null, trust: 6, connection: null }, wentWell: '', hard: '', try: '',
            items: [{ agreementId: 'a1', what: 'We say where we go.', outcome: 'kept', note: '' }] },
          { name: 'Alex', ratings: { safety: null, trust: null, connection: null }, items: [], wentWell: '', hard: 'Sunday.', try: '' },
        ],
      },
    })
  })

  test('a note without a choice, or a rating out of range, is pointed out under its partner instead of dropped', () => {
    const d = emptyDraft('2026-11-22', [{ id: 'a1', what: 'Sunday dinners.' }], ['Sam', 'Alex'])
    d.answers[1].items[0].note = 'We missed one.'
    expect((toCheckIn(d) as { problem: string }).problem).toContain('Alex wrote a note for “Sunday dinners.”')
    d.answers[1].items[0].note = ''
    d.answers[1].safety = '12'
    expect((toCheckIn(d) as { problem: string }).problem).toContain("look again at Alex's")
  })

  test('a field’s values read as words for a tie or the earlier values', () => {
    expect(ratingsLine({ safety: 6, trust: null, connection: 4 })).toBe('safety 6, trust not answered, connection 4')
    expect(describeField('ratings', { safety: 1, trust: 2, connection: 3 })).toBe('safety 1, trust 2, connection 3')
    expect(describeField('hard', 'Sunday.')).toBe('what was hard: Sunday.')
    expect(describeField('items', [{ agreementId: 'a', what: 'Walks', outcome: 'kept', note: 'all' }])).toBe('Kept: Walks (all)')
    expect(describeField('try', '')).toBe('nothing')
  })
})
