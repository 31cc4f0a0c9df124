// Dates as people read them. Entries are about a day in the person's own time zone,
// written YYYY-MM-DD; nothing here converts through UTC, so an entry never slips a day.

/** today is the local date as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const m = String(now.getMonth() + 1).padStart(2, '0')
  const d = String(now.getDate()).padStart(2, '0')
  return `${now.getFullYear()}-${m}-${d}`
}

function parts(date: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(y, (m ?? 1) - 1, d ?? 1)
}

/** longDate reads 2026-11-22 as "Sunday 22 November 2026". */
export function longDate(date: string): string {
  return parts(date).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
}

/** shortDate reads 2026-11-22 as "22 Nov 2026". */
export function shortDate(date: string): string {
  return parts(date).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
}

/** monthName reads 2026-11 as "November 2026". */
export function monthName(month: string): string {
  return parts(`${month}-01`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric' })
}

/** addDays moves a YYYY-MM-DD date by n days. */
export function addDays(date: string, n: number): string {
  const d = parts(date)
  d.setDate(d.getDate() + n)
  return today(d)
}

export const moods: Record<number, string> = {
  1: 'Very low',
  2: 'Low',
  3: 'In between',
  4: 'Fairly good',
  5: 'Good',
}
