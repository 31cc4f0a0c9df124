// What the person told Goldseam about themselves (where they stand, names, the safety
// check), read from Go after each unlock and forgotten at each lock.
import { api, type ProfileInput, type ProfileView } from './api'

class ProfileState {
  current = $state<ProfileView | null>(null)

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
