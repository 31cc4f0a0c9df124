// The journal's service while unlocked: what the journal screen shows and where the person
// is in it (the list, fetched in pages as it scrolls, the months, "on this day", the open
// entry, the undo offer after a deletion), whether search is ready, and every call the
// journal's components make. Entries themselves stay in Go; this holds only what is on
// screen. The Unlocked component makes one after each unlock and provides it; a lock
// unmounts that component, and this goes with it.
import { serviceContext } from '../../lib/context'
import { SvelteMap } from 'svelte/reactivity'
import type { Api, EntryInput, EntrySummary, MonthCount } from '../../lib/api'
import { toAppError } from '../../lib/errors'
import { today } from '../../lib/dates'

export const pageSize = 100

export type Mode = 'read' | 'edit' | 'new' | 'emotions' | 'none'

/** How the search index of this session is doing: search and the emotion log ask again
 *  only while it is 'building'. */
export type SearchState = 'building' | 'ready' | 'failed'

export class JournalView {
  total = $state(0)
  pages = new SvelteMap<number, EntrySummary[]>()
  months = $state<MonthCount[]>([])
  onThisDay = $state<EntrySummary[]>([])
  selected = $state<string | null>(null)
  mode = $state<Mode>('none')
  problem = $state('')
  undo = $state<{ id: string; seconds: number } | null>(null)
  /** bumped after anything that changes the list, so open views refresh */
  version = $state(0)
  /** bumped for each new entry, so "New entry" always opens a fresh, empty draft */
  draft = $state(0)
  /** the program step a new entry belongs to, when a step's exercise opened the journal */
  draftStep = $state('')
  search = $state<SearchState>('building')
  #asked = new Set<number>()
  /** false while the journal is not on screen; replies that arrive then are dropped */
  #active = false
  /** bumped by hide, so a reply to an earlier question is not kept */
  #generation = 0
  #undoTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly api: Pick<Api, 'journal'>) {}

  /** searchTold records what Go said of the index (the event, or a reply's failed flag). */
  searchTold(state: 'ready' | 'failed'): void {
    if (this.search !== 'failed') this.search = state
  }

  get(id: string) {
    return this.api.journal.get(id)
  }

  labels() {
    return this.api.journal.labels()
  }

  async find(query: string, limit: number) {
    const r = await this.api.journal.search(query, limit)
    if (r.failed) this.searchTold('failed')
    return r
  }

  async emotionLog(from: string, to: string, bucket: 'week' | 'month') {
    const l = await this.api.journal.emotionLog(from, to, bucket)
    if (l.failed) this.searchTold('failed')
    return l
  }

  /** save keeps an entry and patches its row in place: one round trip. Only a new entry or
   *  a changed date moves rows between months and "on this day", and reloads the list. */
  async save(input: EntryInput): Promise<EntrySummary> {
    const row = await this.api.journal.save(input)
    if (!this.#patch(row)) void this.reload()
    return row
  }

  #patch(row: EntrySummary): boolean {
    const at = this.indexOf(row.id)
    const page = this.pages.get(Math.floor(at / pageSize))
    if (at < 0 || !page || page[at % pageSize].date !== row.date) return false
    this.pages.set(Math.floor(at / pageSize), page.with(at % pageSize, row))
    this.onThisDay = this.onThisDay.map((e) => (e.id === row.id ? row : e))
    return true
  }

  /** reload asks again for the first page, the months and "on this day"; the pages
   *  further down are dropped and fetched again as they come into view. */
  async reload(): Promise<void> {
    if (!this.#active) return
    const generation = this.#generation
    try {
      const [first, months, otd] = await Promise.all([
        this.api.journal.list(0, pageSize),
        this.api.journal.months(),
        this.api.journal.onThisDay(today()),
      ])
      if (generation !== this.#generation) return
      // Swap in one go, so the list never flashes empty while it refreshes.
      this.#asked.clear()
      this.pages.clear()
      this.total = first.total
      this.pages.set(0, first.entries)
      this.#asked.add(0)
      this.months = months
      this.onThisDay = otd
      this.problem = ''
      this.version++
    } catch (reason) {
      if (generation === this.#generation) this.problem = toAppError(reason).message
    }
  }

  /** show is called when the journal screen opens. */
  show(): Promise<void> {
    this.#active = true
    return this.reload()
  }

  item(index: number): EntrySummary | undefined {
    return this.pages.get(Math.floor(index / pageSize))?.[index % pageSize]
  }

  /** load fetches the pages covering rows from..to that are not here yet. It reads
   *  version, so a list calling it from an effect asks again after each reload. */
  load(from: number, to: number): void {
    void this.version
    if (!this.#active) return
    const generation = this.#generation
    for (let p = Math.floor(from / pageSize); p <= Math.floor((to - 1) / pageSize); p++) {
      if (this.#asked.has(p)) continue
      this.#asked.add(p)
      this.api.journal
        .list(p * pageSize, pageSize)
        .then((page) => {
          if (generation !== this.#generation) return
          this.pages.set(p, page.entries)
          this.total = page.total
        })
        .catch((reason) => {
          this.#asked.delete(p)
          this.problem = toAppError(reason).message
        })
    }
  }

  /** indexOf finds a loaded entry's row, for next and previous. */
  indexOf(id: string | null): number {
    if (!id) return -1
    for (const [p, entries] of this.pages) {
      const i = entries.findIndex((e) => e.id === id)
      if (i >= 0) return p * pageSize + i
    }
    return -1
  }

  /** offsetOfMonth is the row where month (YYYY-MM) starts: months come newest first. */
  offsetOfMonth(month: string): number {
    let offset = 0
    for (const m of this.months) {
      if (m.month === month) return offset
      offset += m.count
    }
    return 0
  }

  /** startNewFor opens the journal at a new entry that belongs to a program step. */
  startNewFor(step: string): void {
    this.draftStep = step
  }

  /** startNew opens an empty editor for a new entry. */
  startNew(): void {
    this.selected = null
    this.mode = 'new'
    this.draft++
  }

  /** hide drops everything shown from the journal when its screen closes for another
   *  page: nothing private stays in memory longer than it is shown. (A lock needs no
   *  call: it drops this whole view with the Unlocked component that made it.) */
  hide(): void {
    this.#active = false
    this.#generation++
    this.#asked.clear()
    this.pages.clear()
    this.total = 0
    this.months = []
    this.onThisDay = []
    this.selected = null
    this.mode = 'none'
    this.problem = ''
    this.undo = null
    clearTimeout(this.#undoTimer)
  }

  open(id: string): void {
    this.selected = id
    this.mode = 'read'
  }

  async remove(id: string): Promise<void> {
    try {
      const deleted = await this.api.journal.delete(id)
      if (this.selected === id) {
        this.selected = null
        this.mode = 'none'
      }
      clearTimeout(this.#undoTimer)
      this.undo = { id, seconds: deleted.undoSeconds }
      this.#undoTimer = setTimeout(() => (this.undo = null), deleted.undoSeconds * 1000)
      await this.reload()
    } catch (reason) {
      this.problem = toAppError(reason).message
    }
  }

  async restore(): Promise<void> {
    const offer = this.undo
    if (!offer) return
    this.undo = null
    clearTimeout(this.#undoTimer)
    try {
      const entry = await this.api.journal.undo(offer.id)
      await this.reload()
      this.open(entry.id)
    } catch (reason) {
      this.problem = toAppError(reason).message
    }
  }
}

const journalViewService = serviceContext<JournalView>('journal view')
/** provideJournalView makes it the journal view of every component below the caller (Unlocked does). */
export const provideJournalView = journalViewService.provide
/** useJournalView is the journal view the unlocked app holds. */
export const useJournalView = journalViewService.use
/** journalViewContext is the context a test mounts a component with, in place of Unlocked. */
export const journalViewContext = journalViewService.context
