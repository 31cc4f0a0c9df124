// How a check-in reads on screen, and how the form's answers become the CheckIn Go keeps.
// Pure functions, so the rules (unanswered stays unanswered, never 0) are tested on their own.
import type { CheckIn, CheckInAnswer, CheckInItem, Outcome, Rhythm } from '../../lib/api'
import { longDate } from '../../lib/dates'

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
/** One partner's answer as typed: their ratings, how they saw each agreement, their own words. */
export interface AnswerDraft {
  name: string
  safety: string
  trust: string
  connection: string
  items: ItemDraft[]
  wentWell: string
  hard: string
  try: string
}
export interface Draft {
  on: string
  answers: AnswerDraft[]
}

export function emptyAnswer(name: string, agreements: { id: string; what: string }[]): AnswerDraft {
  return {
    name,
    safety: '',
    trust: '',
    connection: '',
    items: agreements.map((a) => ({ agreementId: a.id, what: a.what, outcome: '', note: '' })),
    wentWell: '',
    hard: '',
    try: '',
  }
}

export function emptyDraft(on: string, agreements: { id: string; what: string }[], names: string[]): Draft {
  return { on, answers: names.filter((n) => n).map((name) => emptyAnswer(name, agreements)) }
}

/** rating reads a box: '' is unanswered (null), a whole number 0 to 10 is itself, anything else is a problem. */
export function rating(text: string): number | null | 'invalid' {
  const t = text.trim()
  if (t === '') return null
  if (!/^\d{1,2}$/.test(t)) return 'invalid'
  const n = Number(t)
  return n <= 10 ? n : 'invalid'
}

/** toAnswer turns one partner's part of the form into their answer, or says what still needs a look. */
function toAnswer(a: AnswerDraft): { answer: CheckInAnswer } | { problem: string } {
  const items: CheckInItem[] = []
  for (const it of a.items) {
    if (!it.outcome) {
      if (it.note.trim()) {
        return { problem: `${a.name} wrote a note for “${it.what}”: please choose kept, a struggle or not relevant this time as well, or clear the note.` }
      }
      continue
    }
    items.push({ agreementId: it.agreementId, what: it.what, outcome: it.outcome, note: it.note })
  }
  const values = measures.map((m) => rating(a[m.key]))
  if (values.includes('invalid')) return { problem: `Each rating is a whole number from 0 to 10; please look again at ${a.name}'s.` }
  const [safety, trust, connection] = values as (number | null)[]
  // Go reads null as "not answered"; the generated type spells that as optional, hence the cast.
  const ratings = { safety, trust, connection } as unknown as CheckInAnswer['ratings']
  return { answer: { name: a.name, ratings, items, wentWell: a.wentWell, hard: a.hard, try: a.try } }
}

/** toCheckIn turns the form into what Go keeps, each partner's answer their own, or says what still needs a look. */
export function toCheckIn(d: Draft, id = ''): { checkIn: CheckIn } | { problem: string } {
  const answers: CheckInAnswer[] = []
  for (const a of d.answers) {
    const out = toAnswer(a)
    if ('problem' in out) return out
    answers.push(out.answer)
  }
  return { checkIn: { id, on: d.on, answers } }
}

/** ratingsLine reads one partner's ratings: "safety 6, trust not answered, connection 4". */
export function ratingsLine(r: { safety?: number | null; trust?: number | null; connection?: number | null } | null | undefined): string {
  const shown = (v: number | undefined | null) => (typeof v === 'number' ? String(v) : 'not answered')
  return measures.map((m) => `${m.label.toLowerCase()} ${shown(r?.[m.key])}`).join(', ')
}

const fieldWords: Record<string, string> = { wentWell: 'what went well', hard: 'what was hard', try: 'what we want to try' }

/** describeField says in words a value a check-in's field held, for a tie or the earlier values. */
export function describeField(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing'
  if (field === 'ratings') return ratingsLine(value as Parameters<typeof ratingsLine>[0])
  if (field === 'items') {
    const items = (value as CheckInItem[]) ?? []
    if (items.length === 0) return 'no agreement marked'
    return items.map((it) => `${outcomeLabel(it.outcome)}: ${it.what || 'an agreement'}${it.note ? ` (${it.note})` : ''}`).join('; ')
  }
  if (field === 'on' && typeof value === 'string') return longDate(value)
  if (typeof value === 'string') return fieldWords[field] ? `${fieldWords[field]}: ${value}` : value
  return String(value)
}
