// What the interface knows about the vault: which face to show (set up, locked, open),
// the kit being shown, the quick exit, and the keys that lock. Go holds the truth; this
// asks it again after anything that could change it, and whenever Go says it locked.
import { api, type Person, type RecoveryKitView, type VaultStatus } from './api'
import { toAppError } from './errors'

/** How long a person has to press Escape the second time for the quick exit. */
export const quickExitWindowMs = 800
/** Activity is reported to Go at most this often; auto-lock counts in minutes. */
const touchEveryMs = 20_000
/** The longest a lock waits for unsaved work to be saved first. */
export const saveBeforeLockMs = 1500

class VaultState {
  status = $state<VaultStatus | null>(null)
  /** Set when the status itself could not be read. */
  failure = $state('')
  /** The recovery kit being shown, until it is confirmed. */
  kit = $state<RecoveryKitView | null>(null)
  /** Why the last kit was not saved (Goldseam locked while the save dialog was open), until a new kit is made. */
  kitNotSaved = $state('')
  /** Why a backup or restore did not finish (Goldseam locked while it ran), shown on the lock screen until the next unlock. */
  backupStopped = $state('')
  /** The neutral screen after a quick exit is showing. */
  hidden = $state(false)
  /** Who uses Goldseam on this computer, read while locked; one entry when only one person does. */
  people = $state<Person[]>([])
  /** Whether the person at the screen has said who they are since the last lock ("Who is using Goldseam?"). */
  chosen = $state(false)

  /** taking turns: more than one person uses Goldseam here, so "Who is using Goldseam?" comes before unlocking. */
  get turns(): boolean {
    return this.people.length > 1
  }

  /** The person whose turn it is, once chosen. */
  get current(): Person | undefined {
    return this.people.find((p) => p.current)
  }

  #lastTouch = 0
  #lastEscape = 0
  #beforeLock = new Set<() => Promise<void>>()

  /**
   * beforeLock registers work that must be saved before a lock the person asks for (the
   * editor's last words); it returns the function that unregisters it.
   */
  beforeLock(fn: () => Promise<void>): () => void {
    this.#beforeLock.add(fn)
    return () => this.#beforeLock.delete(fn)
  }

  /** saveAll runs every beforeLock, waiting at most saveBeforeLockMs: a lock is never held up for long. */
  async #saveAll(): Promise<void> {
    const all = Promise.allSettled([...this.#beforeLock].map((fn) => fn()))
    await Promise.race([all, new Promise((r) => setTimeout(r, saveBeforeLockMs))])
  }

  async refresh(): Promise<void> {
    try {
      this.status = await api.vault.status()
      this.failure = ''
      this.people = await api.people.list().catch(() => this.people) // the picker can wait; the lock screen cannot
      if (this.status.state !== 'unlocked') {
        this.kit = null
      } else if (this.status.kitPending && !this.kit) this.kit = await api.vault.recoveryKit()
    } catch (reason) {
      this.failure = toAppError(reason).message
    }
  }

  async create(passphrase: string): Promise<void> {
    this.kit = await api.vault.create(passphrase)
    this.kitNotSaved = ''
    await this.refresh()
  }

  async unlock(passphrase: string): Promise<void> {
    await api.vault.unlock(passphrase)
    this.backupStopped = ''
    await this.refresh()
  }

  async unlockWithRecoveryKey(key: string): Promise<void> {
    await api.vault.unlockWithRecoveryKey(key)
    this.backupStopped = ''
    await this.refresh()
  }

  async setNewPassphrase(passphrase: string): Promise<void> {
    await api.vault.setNewPassphrase(passphrase)
    await this.refresh()
  }

  /**
   * changePassphrase changes the passphrase. When the change replaced the recovery kit (a
   * vault from before key format 2), the new kit is shown at once, like any new kit.
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    const kit = await api.vault.changePassphrase(current, next)
    if (kit) this.kit = kit
    await this.refresh()
  }

  async newRecoveryKit(passphrase: string): Promise<void> {
    this.kit = await api.vault.newRecoveryKit(passphrase)
    this.kitNotSaved = ''
    await this.refresh()
  }

  async confirmKit(first: string, second: string): Promise<void> {
    await api.vault.confirmRecoveryKit(first, second)
    this.kit = null
    await this.refresh()
  }

  /** choose turns Goldseam to person id's data, to unlock or set up next. */
  async choose(id: string): Promise<void> {
    await api.people.choose(id)
    this.chosen = true
    await this.refresh()
  }

  /** addSomeone makes a place for someone new to set up, and turns to it. */
  async addSomeone(): Promise<void> {
    await api.people.addSomeone()
    this.chosen = true
    await this.refresh()
  }

  /** unlockAnyone is the one passphrase field shown when no one shows a name. */
  async unlockAnyone(passphrase: string): Promise<void> {
    await api.people.unlockAnyone(passphrase)
    this.chosen = true
    this.backupStopped = ''
    await this.refresh()
  }

  /** chooseAgain goes back to "Who is using Goldseam?". */
  chooseAgain(): void {
    this.chosen = false
  }

  async lock(): Promise<void> {
    this.kit = null
    await this.#saveAll()
    await api.vault.lock()
    await this.refresh()
  }

  /** quickExit blanks the screen first and locks second, so nothing lingers while Go works. */
  async quickExit(): Promise<void> {
    this.hidden = true
    this.kit = null
    document.title = 'Untitled'
    try {
      // The page is blank already; the last words are saved (sealed) before the lock.
      await this.#saveAll()
      await api.vault.quickExit()
    } finally {
      await this.refresh()
    }
  }

  async leaveQuickExit(): Promise<void> {
    this.hidden = false
    document.title = 'Goldseam'
    await api.vault.leaveQuickExit()
    await this.refresh()
  }

  /** touch tells Go the person is here, at most every touchEveryMs. */
  touch(now = Date.now()): void {
    if (this.status?.state !== 'unlocked' || now - this.#lastTouch < touchEveryMs) return
    this.#lastTouch = now
    api.vault.touch().catch(() => {})
  }

  /** onKey handles the keys that lock: Ctrl/Cmd+L, and Escape twice for the quick exit. */
  onKey(event: KeyboardEvent, now = Date.now()): void {
    if (event.key === 'Escape') {
      if (now - this.#lastEscape <= quickExitWindowMs) {
        this.#lastEscape = 0
        event.preventDefault()
        void this.quickExit()
        return
      }
      this.#lastEscape = now
      return
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l') {
      if (this.status?.state === 'unlocked' || this.status?.state === 'recovering') {
        event.preventDefault()
        void this.lock()
      }
    }
  }

  /** start reads the status and listens to Go, the keyboard and activity; it returns a stop. */
  start(): () => void {
    void this.refresh()
    const offLocked = api.events.onLocked(() => {
      this.kit = null
      this.chosen = false // the next person says who they are
      void this.refresh()
    })
    const onKey = (e: KeyboardEvent) => {
      this.onKey(e)
      this.touch()
    }
    const onPointer = () => this.touch()
    window.addEventListener('keydown', onKey, true)
    window.addEventListener('pointerdown', onPointer, true)
    return () => {
      offLocked()
      window.removeEventListener('keydown', onKey, true)
      window.removeEventListener('pointerdown', onPointer, true)
    }
  }
}

export const vault = new VaultState()
