// The one next step Goldseam suggests: on Home (start, or carry on where you are) and at the
// end of every step page (the step after it). Pure functions of the program's outline and
// the person's step states, so Home and the step pages can never disagree.
import type { Due, PhaseOutline, StepOutline } from './api'
import { longDate } from './dates'

export type Suggestion =
  | { kind: 'start'; step: StepOutline }
  | { kind: 'continue'; step: StepOutline }
  | { kind: 'all-done' }
  | { kind: 'none' }

/** steps lists every step of the program in its order. */
export function steps(phases: PhaseOutline[]): StepOutline[] {
  return phases.flatMap((p) => p.steps).sort((a, b) => a.order - b.order)
}

/** suggest is the step to open next: step 1 before anything was begun, then the first step
 * being worked on (or come back to), else the first one not done yet. */
export function suggest(phases: PhaseOutline[], states: Record<string, string>): Suggestion {
  const all = steps(phases)
  if (all.length === 0) return { kind: 'none' }
  const begun = all.some((s) => (states[s.id] ?? 'not-started') !== 'not-started')
  if (!begun) return { kind: 'start', step: all[0] }
  const working = all.find((s) => states[s.id] === 'in-progress' || states[s.id] === 'revisiting')
  const open = working ?? all.find((s) => states[s.id] !== 'done')
  return open ? { kind: 'continue', step: open } : { kind: 'all-done' }
}

/** headline is what Home says first for a suggestion. */
export function headline(s: Suggestion): string {
  switch (s.kind) {
    case 'start':
      return `Start with step ${s.step.order}`
    case 'continue':
      return `Continue: step ${s.step.order}`
    case 'all-done':
      return 'Welcome back'
    default:
      return 'Goldseam'
  }
}

/** stepAfter is the step that follows id in the program, or null after the last one. */
export function stepAfter(phases: PhaseOutline[], id: string): StepOutline | null {
  const all = steps(phases)
  const at = all.findIndex((s) => s.id === id)
  return at >= 0 && at + 1 < all.length ? all[at + 1] : null
}

/** checkInLine says when the next check-in falls, or '' before there is a rhythm to keep. */
export function checkInLine(due: Due | null): string {
  if (!due) return ''
  if (due.checkInDue) return 'A check-in together is due. Whenever you are both ready, today is a good day for one.'
  if (due.nextCheckIn) return `Your next check-in comes around ${longDate(due.nextCheckIn)}.`
  return ''
}
