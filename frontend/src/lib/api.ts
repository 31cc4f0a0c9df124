// The one module that talks to Go. Views import `api` from here and never touch window.go
// or the generated bindings, so every call has one error shape (AppError) and one place to mock.
import * as System from '../../wailsjs/go/api/System'
import * as Vault from '../../wailsjs/go/api/Vault'
import type { api as models } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { toAppError } from './errors'

export type AppInfo = models.AppInfo
export type VaultStatus = models.VaultStatus
export type RecoveryKitView = models.RecoveryKitView

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
  vault: {
    status: (): Promise<VaultStatus> => call(Vault.Status()),
    create: (passphrase: string): Promise<RecoveryKitView> => call(Vault.Create(passphrase)),
    unlock: (passphrase: string): Promise<void> => call(Vault.Unlock(passphrase)),
    unlockWithRecoveryKey: (key: string): Promise<void> => call(Vault.UnlockWithRecoveryKey(key)),
    setNewPassphrase: (passphrase: string): Promise<void> => call(Vault.SetNewPassphrase(passphrase)),
    changePassphrase: (current: string, next: string): Promise<void> => call(Vault.ChangePassphrase(current, next)),
    newRecoveryKit: (passphrase: string): Promise<RecoveryKitView> => call(Vault.NewRecoveryKit(passphrase)),
    recoveryKit: (): Promise<RecoveryKitView> => call(Vault.RecoveryKit()),
    saveRecoveryKit: (): Promise<string> => call(Vault.SaveRecoveryKit()),
    confirmRecoveryKit: (first: string, second: string): Promise<void> => call(Vault.ConfirmRecoveryKit(first, second)),
    lock: (): Promise<void> => call(Vault.Lock()),
    quickExit: (): Promise<void> => call(Vault.QuickExit()),
    leaveQuickExit: (): Promise<void> => call(Vault.LeaveQuickExit()),
    touch: (): Promise<void> => call(Vault.Touch()),
    autoLockChoices: (): Promise<number[]> => call(Vault.AutoLockChoices()),
    setAutoLock: (minutes: number): Promise<void> => call(Vault.SetAutoLock(minutes)),
  },
  events: {
    /** onLocked calls fn each time Go locks the vault (button, idle, sleep, quick exit). */
    onLocked: (fn: (reason: string) => void): (() => void) => EventsOn('vault:locked', fn),
  },
}
