import { describe, expect, test } from 'vitest'
import { checkInLine, headline, stepAfter, suggest } from './nextStep'
import type { Due, PhaseOutline } from './api'

const step = (order: number) => ({ id: `s${order}`, order, title: `Title ${order}`, summary: '', time: '', shortPath: false })
const phases = [
  { id: 'p1', order: 1, title: '', summary: '', intro: '', steps: [step(1), step(2)] },
  { id: 'p2', order: 2, title: '', summary: '', intro: '', steps: [step(3)] },
] as PhaseOutline[]

describe('the next step', () => {
  test('the first time, Home says to start with step 1, not welcome back', () => {
    const s = suggest(phases, {})
    expect(headline(s)).toBe('Start with step 1')
    expect(s.kind === 'start' && s.step.id).toBe('s1')
  })

  test('later it names the step being worked on', () => {
    expect(headline(suggest(phases, { s1: 'done', s2: 'in-progress' }))).toBe('Continue: step 2')
    expect(headline(suggest(phases, { s1: 'revisiting', s2: 'done' }))).toBe('Continue: step 1')
  })

  test('with nothing in progress, it is the first step not done', () => {
    expect(headline(suggest(phases, { s1: 'done' }))).toBe('Continue: step 2')
    expect(headline(suggest(phases, { s1: 'done', s2: 'done', s3: 'done' }))).toBe('Welcome back')
  })

  test('every step but the last leads to the one after it', () => {
    expect(stepAfter(phases, 's2')?.id).toBe('s3')
    expect(stepAfter(phases, 's3')).toBeNull()
  })

  test('says when the next check-in falls, and when one is due', () => {
    const due = { today: '2026-12-01', nextCheckIn: '2026-12-08', checkInDue: false, reviews: [] } as unknown as Due
    expect(checkInLine(due)).toMatch(/^Your next check-in comes around Tuesday,? 8 December 2026\.$/)
    expect(checkInLine({ ...due, checkInDue: true } as Due)).toMatch(/check-in together is due/)
    expect(checkInLine({ ...due, nextCheckIn: '' } as Due)).toBe('')
  })
})
