import { describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import type { SearchResult } from '../../lib/api'
import { fakeApi } from '../../lib/testing/fakeApi'
import EntryList from './EntryList.svelte'
import EmotionLog from './EmotionLog.svelte'
import { JournalView, journalViewContext } from './journal.svelte'
import { emotionsFailed, searchFailed } from './searchWords'

const notReady = (query: string, failed = false): Omit<SearchResult, 'convertValues'> => ({ ready: false, failed, query, total: 0, hits: [] })
const slow = { timeout: 3000 }
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms))

// The journal view as the unlocked app provides it, over a fake api whose index never gets ready.
function journal(failedInReply: boolean) {
  const search = vi.fn(async (query: string) => notReady(query, failedInReply))
  const emotionLog = vi.fn(async () => ({ ready: false, failed: failedInReply, periods: [] }))
  const view = new JournalView(fakeApi({ journal: { search, emotionLog } }))
  return { view, search, emotionLog, context: journalViewContext(view) }
}

describe('when the search index could not be built', () => {
  test('search says so plainly once Go tells the page, and stops asking', async () => {
    const { view, search, context } = journal(false)
    render(EntryList, { context })
    await fireEvent.input(screen.getByLabelText('Search your journal'), { target: { value: 'walk' } })
    expect(await screen.findByText('Getting your journal ready for search…')).toBeInTheDocument()
    await waitFor(() => expect(search.mock.calls.length).toBeGreaterThan(1), slow) // still building: it asks again
    view.searchTold('failed') // what the search:index event does
    expect(await screen.findByText(searchFailed)).toBeInTheDocument()
    const calls = search.mock.calls.length
    await settle(1000)
    expect(search).toHaveBeenCalledTimes(calls)
  })

  test('a reply that says it failed is enough, for search and the emotion log', async () => {
    const searching = journal(true)
    render(EntryList, { context: searching.context })
    await fireEvent.input(screen.getByLabelText('Search your journal'), { target: { value: 'walk' } })
    expect(await screen.findByText(searchFailed)).toBeInTheDocument()
    const gathering = journal(true)
    render(EmotionLog, { context: gathering.context })
    expect(await screen.findByText(emotionsFailed)).toBeInTheDocument()
    await settle(1000)
    expect(searching.search).toHaveBeenCalledTimes(1)
    expect(gathering.emotionLog).toHaveBeenCalledTimes(1)
  })
})
