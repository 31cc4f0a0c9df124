// What the person told Goldseam about themselves (where they stand, names, the safety
// check). One Profile is made by the Unlocked component after each unlock and provided to
// everything inside it; a lock unmounts that component, and the profile goes with it.
import type { Api, ProfileInput, ProfileView } from './api'
import { serviceContext } from './context'

/** What the safety answers say, decided in Go (profile.Concern) and only followed here. */
export type Concern = 'none' | 'gentle' | 'concern'

export class Profile {
  current = $state<ProfileView | null>(null)

  constructor(private readonly api: Pick<Api, 'profile'>) {}

  /** concern is the level Go returned with the profile; 'none' before it is read. */
  get concern(): Concern {
    return (this.current?.concern as Concern | undefined) ?? 'none'
  }

  async load(): Promise<void> {
    this.current = await this.api.profile.get()
  }

  async save(input: ProfileInput): Promise<void> {
    this.current = await this.api.profile.save(input)
  }
}

const profileService = serviceContext<Profile>('profile')
/** provideProfile makes it the profile of every component below the caller (Unlocked does). */
export const provideProfile = profileService.provide
/** useProfile is the profile the unlocked app holds. */
export const useProfile = profileService.use
/** profileContext is the context a test mounts a component with, in place of Unlocked. */
export const profileContext = profileService.context
