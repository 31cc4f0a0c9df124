// How a service reaches the components that use it: the component that owns its lifetime
// provides it through Svelte context, the ones below ask for it, and a test mounts a
// component with a context of its own in place of that owner.
import { getContext, setContext } from 'svelte'

export interface ServiceContext<T> {
  /** provide makes service the one every component below the caller gets. */
  provide(service: T): T
  /** use is the service provided above; asking outside its owner is a mistake in the code. */
  use(): T
  /** context is what a test passes to mount() in place of the owner. */
  context(service: T): Map<symbol, unknown>
}

export function serviceContext<T>(name: string): ServiceContext<T> {
  const key = Symbol(name)
  return {
    provide: (service) => setContext(key, service),
    use() {
      const service = getContext<T | undefined>(key)
      if (!service) throw new Error(`no ${name} is provided here (is this inside Unlocked?)`)
      return service
    },
    context: (service) => new Map([[key, service]]),
  }
}
