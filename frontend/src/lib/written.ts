// Who wrote a shared record's value, in the words every screen uses.
import type { Writer } from './api'
import { shortDate } from './dates'

/** byLine: "by Sam on this computer, 3 May" when written here, "by Sam, 3 May" otherwise. */
export function byLine(w: Writer): string {
  return `by ${w.name || 'one of you'}${w.here ? ' on this computer' : ''}, ${shortDate(w.at.slice(0, 10))}`
}
