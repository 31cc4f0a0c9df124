import { describe, expect, test, vi, beforeEach } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import type { EntryInput, EntrySummary } from '../../lib/api'
import { fakeApi } from '../../lib/testing/fakeApi'
import JournalPage from './JournalPage.svelte'
import { JournalView, journalViewContext } from './journal.svelte'

const summaries: EntrySummary[] = [
  { id: 'c', date: '2026-11-21', title: 'Third', excerpt: 'three', mood: 0, feelings: [], tags: [] },
  { id: 'b', date: '2026-11-20', title: 'Second', excerpt: 'two', mood: 0, feelings: [], tags: [] },
  { id: 'a', date: '2026-11-19', title: 'First', excerpt: 'one', mood: 0, feelings: [], tags: [] },
]
let shown: EntrySummary[] = []
let months = () => (shown.length ? [{ month: '2026-11', count: shown.length }] : [])
const save = vi.fn<(input: EntryInput) => Promise<EntrySummary>>()
const listed = vi.fn<(offset: number) => void>()
const asked = vi.fn<(what: string) => void>()
let made = 0
let journalView: JournalView

// The page as the unlocked app shows it: a journal view made over a fake api.
function showJournal() {
  const api = fakeApi({
    journal: {
      save: (input: EntryInput) => (asked('save'), save(input)),
      labels: async () => ({ feelings: ['hope'], tags: [] }),
      get: async (id: string) => {
        const s = shown.find((e) => e.id === id)!
        return { ...s, body: s.excerpt, step: '', createdAt: '', updatedAt: '' }
      },
      list: async (offset: number, limit: number) => (asked('list'), listed(offset), { total: shown.length, offset, entries: shown.slice(offset, offset + limit) }),
      months: async () => (asked('months'), months()),
      onThisDay: async () => (asked('onThisDay'), []),
      search: async (query: string) => ({ ready: true, failed: false, query, total: 0, hits: [] }),
    },
  })
  journalView = new JournalView(api)
  return render(JournalPage, { context: journalViewContext(journalView) })
}

const slow = { timeout: 3000 }
const key = (k: string, extra: KeyboardEventInit = {}) => fireEvent.keyDown(document.activeElement ?? window, { key: k, bubbles: true, ...extra })
const readerTitle = () => screen.getByTestId('entry-reader').querySelector('h2')?.textContent

beforeEach(() => {
  months = () => (shown.length ? [{ month: '2026-11', count: shown.length }] : [])
  made = 0
  save.mockReset()
  asked.mockReset()
  save.mockImplementation(async (input) => {
    const row = { id: input.id || `new${++made}`, date: input.date, title: input.title, excerpt: input.body, mood: input.mood, feelings: input.feelings, tags: input.tags }
    shown = [row, ...shown.filter((e) => e.id !== row.id)]
    return row
  })
})

describe('JournalPage', () => {
  test('an empty journal invites the first entry; N opens a fresh draft each time', async () => {
    shown = []
    showJournal()
    expect(await screen.findByText(/Nothing here yet/)).toBeInTheDocument()
    await key('n')
    const title = screen.getByLabelText('Title') as HTMLInputElement
    await fireEvent.input(title, { target: { value: 'Kitchen talk' } })
    await waitFor(() => expect(screen.getByRole('region', { name: 'Edit entry' })).toBeInTheDocument(), slow)

    // "New entry" after a draft was saved starts another, empty one; it does not go on editing the first.
    await fireEvent.click(screen.getByRole('button', { name: 'New entry' }))
    expect(screen.getByRole('region', { name: 'New entry' })).toBeInTheDocument()
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('')
    await fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Another day' } })
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2), slow)
    expect(save.mock.calls.map((c) => [c[0].id, c[0].title])).toEqual([
      ['', 'Kitchen talk'],
      ['', 'Another day'],
    ])
  })

  test('letter keys wait while typing; Ctrl+N works from anywhere', async () => {
    shown = summaries
    showJournal()
    await screen.findByRole('button', { name: /Third/ })
    const search = screen.getByLabelText('Search your journal')
    search.focus()
    await key('n')
    await key('j')
    expect(screen.queryByRole('region', { name: 'New entry' })).toBeNull()
    expect(screen.queryByTestId('entry-reader')).toBeNull()
    await key('n', { ctrlKey: true })
    expect(screen.getByRole('region', { name: 'New entry' })).toBeInTheDocument()
  })

  test('J and K (and Alt+arrows) move through the list; / goes to search', async () => {
    shown = summaries
    showJournal()
    await screen.findByRole('button', { name: /Third/ })
    ;(document.activeElement as HTMLElement | null)?.blur()
    await key('j')
    await waitFor(() => expect(readerTitle()).toBe('Third'))
    await key('j')
    await waitFor(() => expect(readerTitle()).toBe('Second'))
    await key('ArrowDown', { altKey: true })
    await waitFor(() => expect(readerTitle()).toBe('First'))
    await key('k')
    await waitFor(() => expect(readerTitle()).toBe('Second'))
    expect(screen.getByRole('button', { name: /Second/, current: true })).toBeInTheDocument()
    await key('/')
    expect(document.activeElement).toBe(screen.getByLabelText('Search your journal'))
  })

  test('far down a long journal, rows in view are fetched again after a change', async () => {
    shown = Array.from({ length: 300 }, (_, i) => ({ id: `id${i}`, date: '2026-11-01', title: `Entry ${i}`, excerpt: '', mood: 0, feelings: [], tags: [] }))
    showJournal()
    await screen.findByRole('button', { name: /Entry 0\b/ })
    const viewport = screen.getByRole('list', { name: 'Journal entries' })
    viewport.scrollTop = 92 * 250
    await fireEvent.scroll(viewport)
    await screen.findByRole('button', { name: /Entry 250\b/ })
    listed.mockClear()
    shown = shown.map((e) => ({ ...e, title: e.title.replace('Entry', 'Kept') }))
    await journalView.reload()
    await screen.findByRole('button', { name: /Kept 250\b/ })
    expect(listed.mock.calls.map((c) => c[0]).sort()).toEqual([0, 200])
  })

  test('choosing a month scrolls to its first entry, counting the newer months', async () => {
    shown = Array.from({ length: 300 }, (_, i) => ({ id: `id${i}`, date: '2026-11-01', title: `Entry ${i}`, excerpt: '', mood: 0, feelings: [], tags: [] }))
    months = () => [{ month: '2026-11', count: 120 }, { month: '2026-10', count: 100 }, { month: '2026-09', count: 80 }]
    showJournal()
    const picker = (await screen.findByLabelText('Go to a month')) as HTMLSelectElement
    await fireEvent.change(picker, { target: { value: '2026-09' } })
    expect(screen.getByRole('list', { name: 'Journal entries' }).scrollTop).toBe(220 * 92)
    await screen.findByRole('button', { name: /Entry 220\b/ })
    expect(picker.value).toBe('') // ready to jump again, even to the same month
  })

  test('leaving the journal drops what it showed', async () => {
    shown = summaries
    const { unmount } = showJournal()
    await screen.findByRole('button', { name: /Third/ })
    expect(journalView.item(0)?.title).toBe('Third')
    unmount()
    expect(journalView.item(0)).toBeUndefined()
    expect(journalView.total).toBe(0)
    await journalView.reload() // a late reply (say, the editor's last save) does not bring it back
    expect(journalView.item(0)).toBeUndefined()
  })

  test('a pause in typing costs one call: the row is patched in place, and only a new date reloads', async () => {
    shown = summaries.map((e) => ({ ...e }))
    showJournal()
    await fireEvent.click(await screen.findByRole('button', { name: /Second/ }))
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    await waitFor(() => expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Second'))
    asked.mockClear()
    await fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Second, after the walk' } })
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'), slow)
    await new Promise((r) => setTimeout(r, 300)) // anything the save set off has been asked by now
    expect(asked.mock.calls.map((c) => c[0])).toEqual(['save'])
    expect(journalView.item(1)?.title).toBe('Second, after the walk')

    asked.mockClear()
    await fireEvent.input(screen.getByLabelText('Day'), { target: { value: '2026-10-02' } })
    await waitFor(() => expect(asked.mock.calls.map((c) => c[0]).sort()).toEqual(['list', 'months', 'onThisDay', 'save']), slow)
  })
})
