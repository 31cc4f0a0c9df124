// Autosave for the journal editor: each change is saved shortly after typing pauses, saves
// never overlap, and the first save of a new entry hands back the id every later save uses,
// so one draft never becomes two entries. Typing is never blocked: a change made while a
// save is running is saved right after it.
import type { EntryInput, EntrySummary } from './api'

export type SaveState = 'idle' | 'waiting' | 'saving' | 'saved' | 'failed'

export class Autosaver {
  state: SaveState = 'idle'
  error = ''
  id: string
  #pending: EntryInput | null = null
  #timer: ReturnType<typeof setTimeout> | undefined
  #running: Promise<void> | null = null

  constructor(
    private readonly save: (input: EntryInput) => Promise<EntrySummary>,
    private readonly onChange: (saver: Autosaver, saved?: EntrySummary) => void,
    id = '',
    private readonly delayMs = 800,
  ) {
    this.id = id
  }

  /** change records the editor's current content; it is saved after delayMs of quiet. */
  change(input: EntryInput): void {
    this.#pending = input
    this.state = 'waiting'
    this.onChange(this)
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.flush(), this.delayMs)
  }

  /** discard drops a change not saved yet: the words it held were erased before the pause. */
  discard(): void {
    clearTimeout(this.#timer)
    this.#pending = null
    if (!this.#running) {
      this.state = 'idle'
      this.onChange(this)
    }
  }

  /** flush saves what is pending now (leaving the editor, locking) and waits for it. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer)
    while (this.#running) await this.#running
    const input = this.#pending
    if (!input) return
    this.#pending = null
    this.#running = this.#run(input)
    try {
      await this.#running
    } finally {
      this.#running = null
    }
    if (this.#pending) await this.flush()
  }

  async #run(input: EntryInput): Promise<void> {
    this.state = 'saving'
    this.onChange(this)
    try {
      const saved = await this.save({ ...input, id: this.id })
      this.id = saved.id
      this.state = this.#pending ? 'waiting' : 'saved'
      this.error = ''
      this.onChange(this, saved)
    } catch (reason) {
      this.state = 'failed'
      this.error = reason instanceof Error ? reason.message : String(reason)
      this.onChange(this)
    }
  }
}
