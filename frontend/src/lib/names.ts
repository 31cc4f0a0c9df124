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

/** actors are the names that may write, sign or answer at this computer: before it is paired
 * with the partner's, both (the person here first, the other chosen at a keyboard the two of
 * them share); once paired, only the person here, since each acts on their own computer. */
export function actors(s: SpaceSettings): string[] {
  const here = s.names[s.here === 1 ? 1 : 0]
  const other = s.names[s.here === 1 ? 0 : 1]
  return (s.paired ? [here] : [here, other]).filter((n) => n.trim() !== '')
}

/** pairedNames is who is at this computer and who at the partner's, once the two are paired;
 * null before (both may then sit at this one). */
export function pairedNames(s: SpaceSettings | null): { me: string; partner: string } | null {
  if (!s?.paired) return null
  return { me: s.names[s.here === 1 ? 1 : 0], partner: s.names[s.here === 1 ? 0 : 1] }
}
