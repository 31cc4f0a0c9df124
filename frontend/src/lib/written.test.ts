import { describe, expect, test } from 'vitest'
import type { Tie, Writer } from './api'
import { byLine, day, elsewhere, tieLine } from './written'

const now = new Date('2026-06-01T12:00:00Z')
const sam: Writer = { role: 'partner-1', name: 'Sam', at: '2026-05-03T12:00:00Z', here: true }
const alex: Writer = { role: 'partner-2', name: 'Alex', at: '2026-05-04T12:00:00Z', here: false }

function tie(...by: Writer[]): Tie {
  return { record: 'r', field: 'title', candidates: by.map((w, i) => ({ change: `c${i}`, value: `v${i}`, by: w })) }
}

describe('byLine', () => {
  test('says who wrote it, where, and on which day', () => {
    expect(byLine(sam, now)).toBe('by Sam on this computer, 3 May')
    expect(byLine(alex, now)).toBe('by Alex, 4 May')
  })

  test('gives the year when it is not this one, and stays kind without a name or a time', () => {
    expect(byLine({ ...alex, at: '2025-12-24T12:00:00Z' }, now)).toBe('by Alex, 24 December 2025')
    expect(byLine({ ...alex, name: ' ', at: '' }, now)).toBe('by one of you')
    expect(day('not a time')).toBe('')
  })
})

describe('tieLine', () => {
  test('names the other writer and calls the one here "you"', () => {
    expect(tieLine(tie(sam, alex))).toBe('You and Alex both changed this. Which should stay?')
    expect(tieLine(tie(alex, { ...sam, here: false }))).toBe('Alex and Sam both changed this. Which should stay?')
  })

  test('one person on two computers, or no names yet, blames nobody', () => {
    expect(tieLine(tie(sam, { ...sam, here: false }))).toBe('This was changed in two places at once. Which should stay?')
    expect(tieLine(tie({ ...sam, name: '' }, { ...alex, name: '' }))).toBe('You and your partner both changed this. Which should stay?')
  })
})

describe('elsewhere', () => {
  test('names the other computer, or on a computer used in turns the other person\'s own Goldseam', () => {
    expect(elsewhere(false)).toBe(', on another computer')
    expect(elsewhere(true)).toBe(', in their own Goldseam')
  })
})
