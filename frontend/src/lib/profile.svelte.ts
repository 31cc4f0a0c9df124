// What the person told Goldseam about themselves (where they stand, names, the safety
// check), read from Go after each unlock and forgotten at each lock.
import { api, type ProfileInput, type ProfileView } from './api'

/** What the safety answers say, decided in Go (profile.Concern) and only followed here. */
export type Concern = 'none' | 'gentle' | 'concern'

class ProfileState {
  current = $state<ProfileView | null>(null)

  /** concern is the level Go returned with the profile; 'none' before it is read. */
  get concern(): Concern {
    return (this.current?.concern as Concern | undefined) ?? 'none'
  }

  async load(): Promise<void> {
    this.current = await api.profile.get()
  }

  async save(input: ProfileInput): Promise<void> {
    this.current = await api.profile.save(input)
  }

  forget(): void {
    this.current = null
  }
}

export const profile = new ProfileState()
