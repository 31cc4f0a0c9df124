// The couple's two first names, asked once at first run and used everywhere after: the
// shared settings (which agreements are signed with and check-ins rate by) take them from the
// profile the first time they are needed, instead of asking again. The profile is the one
// the unlocked app already holds (useProfile); nothing here asks Go for it again.
import { api, type SpaceSettings } from './api'

/** named says whether both names are set. */
export function named(s: SpaceSettings): boolean {
  return s.names.length === 2 && s.names.every((n) => n.trim() !== '')
}

/** The names a profile gave at first run. */
export type GivenNames = { myName: string; partnerName: string }

/** settingsWithNames reads the shared settings; when they carry no names yet and both were
 * given at first run (me), it keeps those, the person's own name in the place Go says is the
 * person at this computer (here), and returns the settings with them. */
export async function settingsWithNames(me: GivenNames | null): Promise<SpaceSettings> {
  const settings = await api.space.settings()
  if (named(settings) || !me) return settings
  const mine = me.myName.trim()
  const theirs = me.partnerName.trim()
  if (!mine || !theirs || mine.toLowerCase() === theirs.toLowerCase()) return settings
  const names = settings.here === 1 ? [theirs, mine] : [mine, theirs]
  return api.space.saveSettings({ names, rhythm: settings.rhythm })
}

/** nameFor is the first name of the partner in role, when the profile says who that is and
 * gave the name ("" otherwise), so a page can say "Sam" where it would say "the partner who
 * was hurt". */
export function nameFor(p: { role: string; myName: string; partnerName: string } | null, role: 'hurt' | 'broke-trust'): string {
  if (!p || (p.role !== 'hurt' && p.role !== 'broke-trust')) return ''
  return (p.role === role ? p.myName : p.partnerName).trim()
}

/** hereFirst is the two names with the person at this computer first: who writes or signs
 * here unless they choose the other name (at a keyboard the two of them share). */
export function hereFirst(s: SpaceSettings): string[] {
  return s.here === 1 ? [s.names[1], s.names[0]] : [...s.names]
}
