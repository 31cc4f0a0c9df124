// Who wrote what of a shared record, in the words every kind's screen uses: "by Sam, 3 May".
// The shapes are internal/api/spaceview.go's (Writer, Tie, Earlier), carried by each kind's view.
import type { Tie, Writer } from './api'

/** day reads an RFC 3339 time as the local day a person says: "3 May", with the year when it
 * is not this year ("3 May 2025"); an unreadable time reads as nothing. */
export function day(at: string, now = new Date()): string {
  const when = new Date(at)
  if (Number.isNaN(when.getTime())) return ''
  const sameYear = when.getFullYear() === now.getFullYear()
  return when.toLocaleDateString('en-GB', sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' })
}

/** nameOf is the writer's name, or "one of you" while the couple's names are not set. */
export function nameOf(w: Writer): string {
  return w.name.trim() || 'one of you'
}

/** byLine says who wrote something and when: "by Sam on this computer, 3 May" or "by Sam, 3 May". */
export function byLine(w: Writer, now = new Date()): string {
  const when = day(w.at, now)
  return `by ${nameOf(w)}${w.here ? ' on this computer' : ''}${when ? `, ${when}` : ''}`
}

/** tieLine asks the question a tie puts, naming both writers and blaming neither:
 * "You and Sam both changed this. Which should stay?" The writer on this computer is "you". */
export function tieLine(tie: Tie): string {
  const ask = 'changed this. Which should stay?'
  const mine = tie.candidates.find((c) => c.by.here)?.by
  const others = unique(tie.candidates.filter((c) => !c.by.here).map((c) => c.by.name.trim() || 'your partner'))
  if (mine && others.length === 1 && others[0] !== mine.name.trim()) return `You and ${others[0]} both ${ask}`
  const names = unique(tie.candidates.map((c) => c.by.name.trim()).filter(Boolean))
  if (names.length === 2) return `${names[0]} and ${names[1]} both ${ask}`
  return 'This was changed in two places at once. Which should stay?'
}

function unique(list: string[]): string[] {
  return [...new Set(list)]
}

/** elsewhere says where a signature made by the other partner's device came from: their
 * computer, or, when several people use this computer in turns (turns), their own Goldseam here. */
export function elsewhere(turns: boolean): string {
  return turns ? ', in their own Goldseam' : ', on another computer'
}
