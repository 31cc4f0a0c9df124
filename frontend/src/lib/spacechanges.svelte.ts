// What arrived in the shared space from the partner's computer while the app is open. Go says
// "space:changed" after a pass over the exchange folder took something in (or the space
// ended); the screens of the shared space read `version` in the effect that loads them, so
// they load again, while a form being filled keeps what the person typed. One is made by
// Unlocked after each unlock and goes with it at the lock.
import type { Api } from './api'
import { serviceContext } from './context'

export class SpaceChanges {
  version = $state(0)

  constructor(private readonly api: Pick<Api, 'events'>) {}

  /** listen counts each change Go tells of; it returns the function that stops listening. */
  listen(): () => void {
    return this.api.events.onSpaceChanged(() => this.version++)
  }
}

const spaceChangesService = serviceContext<SpaceChanges>('space changes')
/** provideSpaceChanges makes it the one every component below the caller gets (Unlocked does). */
export const provideSpaceChanges = spaceChangesService.provide
/** useSpaceChanges is the one the unlocked app holds. */
export const useSpaceChanges = spaceChangesService.use
/** spaceChangesContext is the context a test mounts a component with, in place of Unlocked. */
export const spaceChangesContext = spaceChangesService.context
