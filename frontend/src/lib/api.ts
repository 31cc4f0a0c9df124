// The one module that talks to Go. Views import `api` from here and never touch window.go
// or the generated bindings, so every call has one error shape (AppError) and one place to mock.
import * as System from '../../wailsjs/go/api/System'
import type { api as models } from '../../wailsjs/go/models'
import { toAppError } from './errors'

export type AppInfo = models.AppInfo

async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise
  } catch (reason) {
    throw toAppError(reason)
  }
}

export const api = {
  system: {
    info: (): Promise<AppInfo> => call(System.Info()),
    openExternal: (url: string): Promise<void> => call(System.OpenExternal(url)),
  },
}
