// How agreements' statuses, categories and history read on screen.
import type { AgreementStatus, AgreementView } from '../../lib/api'
import { shortDate } from '../../lib/dates'

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

const phaseLabels: Record<string, string> = {
  draft: 'a draft',
  proposed: 'put forward',
  active: 'being kept',
  retired: 'retired',
}

/** How one value of an agreement's field reads: a wording (a version id) in full, a phase or
 *  a review date in words. */
export function describeField(ag: AgreementView, field: string, value: unknown): string {
  switch (field) {
    case 'current': {
      const v = ag.versions.find((x) => x.id === value)
      if (!v) return 'A wording this computer does not have yet'
      return [v.what, v.why, ...v.actions.map((a) => `• ${a}`)].filter(Boolean).join('\n')
    }
    case 'phase':
      return phaseLabels[String(value)] ?? String(value)
    case 'reviewOn':
      return value ? `to look at again on ${shortDate(String(value))}` : 'no review date'
    case 'note':
      return String(value || 'no note')
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}
