// Test-only: a fake `api` for the services that take one in their constructor. Only the
// parts a test names exist; anything else a component calls fails the test loudly.
import type { Api, ProfileView } from '../api'
import { Profile, profileContext } from '../profile.svelte'
import { SpaceChanges, spaceChangesContext } from '../spacechanges.svelte'

// Replies are plain objects: the generated classes' convertValues helper is not needed here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FakeApi = { [K in keyof Api]?: { [M in keyof Api[K]]?: (...args: any[]) => unknown } }

export function fakeApi(parts: FakeApi): Api {
  return { events: { onSearchIndex: () => () => {}, onLocked: () => () => {}, onSpaceChanged: () => () => {} }, ...parts } as unknown as Api
}

/** withProfile is the context of a component inside the unlocked app whose profile is view,
 *  made as Unlocked makes it (the fake api answers with view). */
export function withProfile(view: Partial<ProfileView> | null): { context: Map<symbol, unknown> } {
  const profile = new Profile(fakeApi({ profile: { get: async () => view as ProfileView, save: async () => view as ProfileView } }))
  profile.current = view as ProfileView | null
  const changes = new SpaceChanges(fakeApi({}))
  return { context: new Map([...profileContext(profile), ...spaceChangesContext(changes)]) }
}
