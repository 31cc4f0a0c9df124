// How a check-in reads on screen, and how the form's answers become the CheckIn Go keeps.
// Pure functions, so the rules (unanswered stays unanswered, never 0) are tested on their own.
import type { CheckIn, CheckInItem, Outcome, Rating, Rhythm } from '../../lib/api'

export const outcomes: { value: Outcome; label: string; mark: string }[] = [
  { value: 'kept', label: 'Kept', mark: '✓' },
  { value: 'struggled', label: 'A struggle', mark: '~' },
  { value: 'not-relevant', label: 'Not relevant this time', mark: '–' },
]

export function outcomeLabel(outcome: string): string {
  return outcomes.find((o) => o.value === outcome)?.label ?? outcome
}

export function outcomeMark(outcome: string): string {
  return outcomes.find((o) => o.value === outcome)?.mark ?? '·'
}

export const rhythms: { value: Rhythm; label: string; every: string }[] = [
  { value: 'weekly', label: 'Every week', every: 'every week' },
  { value: 'fortnightly', label: 'Every two weeks', every: 'every two weeks' },
  { value: 'monthly', label: 'Every month', every: 'every month' },
]

export function rhythmWords(rhythm: string): string {
  return rhythms.find((r) => r.value === rhythm)?.every ?? 'every week'
}

export const measures = [
  { key: 'safety', label: 'Safety' },
  { key: 'trust', label: 'Trust' },
  { key: 'connection', label: 'Connection' },
] as const
export type Measure = (typeof measures)[number]['key']

/** The form as typed: ratings are kept as the text in their box, so an empty box stays empty. */
export interface ItemDraft {
  agreementId: string
  what: string
  outcome: Outcome | ''
  note: string
}
export interface RatingDraft {
  name: string
  safety: string
  trust: string
  connection: string
}
export interface Draft {
  on: string
  items: ItemDraft[]
  ratings: RatingDraft[]
  wentWell: string
  hard: string
  try: string
}

export function emptyDraft(on: string, agreements: { id: string; what: string }[], names: string[]): Draft {
  return {
    on,
    items: agreements.map((a) => ({ agreementId: a.id, what: a.what, outcome: '', note: '' })),
    ratings: names.filter((n) => n).map((name) => ({ name, safety: '', trust: '', connection: '' })),
    wentWell: '',
    hard: '',
    try: '',
  }
}

/** rating reads a box: '' is unanswered (null), a whole number 0 to 10 is itself, anything else is a problem. */
export function rating(text: string): number | null | 'invalid' {
  const t = text.trim()
  if (t === '') return null
  if (!/^\d{1,2}$/.test(t)) return 'invalid'
  const n = Number(t)
  return n <= 10 ? n : 'invalid'
}

/** toCheckIn turns the form into what Go keeps, or says what still needs a look. */
export function toCheckIn(d: Draft): { checkIn: CheckIn } | { problem: string } {
  const items: CheckInItem[] = []
  for (const it of d.items) {
    if (!it.outcome) {
      if (it.note.trim()) {
        return { problem: `You wrote a note for “${it.what}”: please choose kept, a struggle or not relevant this time as well, or clear the note.` }
      }
      continue
    }
    items.push({ agreementId: it.agreementId, what: it.what, outcome: it.outcome, note: it.note })
  }
  const ratings: Rating[] = []
  for (const r of d.ratings) {
    const values = measures.map((m) => rating(r[m.key]))
    if (values.includes('invalid')) return { problem: `Each rating is a whole number from 0 to 10; please look again at ${r.name}'s.` }
    const [safety, trust, connection] = values as (number | null)[]
    if (safety === null && trust === null && connection === null) continue
    // Go reads null as "not answered"; the generated type spells that as optional, hence the cast.
    ratings.push({ name: r.name, safety, trust, connection } as unknown as Rating)
  }
  return { checkIn: { id: '', on: d.on, items, ratings, wentWell: d.wentWell, hard: d.hard, try: d.try } }
}
