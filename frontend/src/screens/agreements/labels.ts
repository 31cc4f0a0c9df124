// How agreements' statuses, categories and history read on screen.
import type { AgreementStatus } from '../../lib/api'

export const statusLabels: Record<AgreementStatus, string> = {
  draft: 'Draft',
  proposed: 'Waiting for both signatures',
  agreed: 'Agreed by both, not begun yet',
  active: 'Being kept',
  'up-for-review': 'Up for review',
  retired: 'Retired',
}

export const categories: [string, string][] = [
  ['openness', 'Openness'],
  ['check-ins', 'Check-ins'],
  ['time-together', 'Time together'],
  ['boundaries', 'Boundaries'],
  ['behaviours', 'Behaviours'],
]

export function categoryLabel(category: string): string {
  return categories.find(([id]) => id === category)?.[1] ?? category
}

const eventLabels: Record<string, string> = {
  wrote: 'wrote the first draft',
  revised: 'changed the wording',
  proposed: 'put it forward',
  signed: 'signed',
  agreed: 'Both of you agreed',
  began: 'began keeping it',
  'reviewed and kept': 'reviewed it and kept it as it is',
  'set the review date': 'set a new review date',
  retired: 'retired it',
}

export function eventLabel(what: string): string {
  return eventLabels[what] ?? what
}
