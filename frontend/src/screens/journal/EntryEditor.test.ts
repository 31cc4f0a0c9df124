import { describe, expect, test, vi, beforeEach } from 'vitest'
import { fireEvent, render as mount, screen, waitFor } from '@testing-library/svelte'
import type { EntryInput, EntrySummary } from '../../lib/api'
import { fakeApi } from '../../lib/testing/fakeApi'
import EntryEditor from './EntryEditor.svelte'
import { JournalView, journalViewContext } from './journal.svelte'

const save = vi.fn<(input: EntryInput) => Promise<EntrySummary>>()
// The journal view the unlocked app would provide, over a fake api passed to its constructor.
const render = (component: typeof EntryEditor) => {
  const api = fakeApi({
    journal: {
      save: (input: EntryInput) => save(input),
      labels: async () => ({ feelings: ['hope', 'grief'], tags: [] }),
      list: async () => ({ total: 0, offset: 0, entries: [] }),
      months: async () => [],
      onThisDay: async () => [],
    },
  })
  return mount(component, { context: journalViewContext(new JournalView(api)) })
}

const stored = (input: EntryInput, id = 'e1'): EntrySummary =>
  ({ id: input.id || id, date: input.date, title: input.title, excerpt: input.body, mood: input.mood, feelings: input.feelings, tags: input.tags })
const slow = { timeout: 3000 }

function type(label: string, value: string) {
  return fireEvent.input(screen.getByLabelText(label), { target: { value } })
}

beforeEach(() => {
  save.mockReset()
  save.mockImplementation(async (input) => stored(input))
})

describe('EntryEditor autosave', () => {
  test('a new draft is created once, then updated under the id it was given', async () => {
    render(EntryEditor)
    await type('What is on your mind', 'W')
    await type('What is on your mind', 'We')
    await type('What is on your mind', 'We talked')
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'), slow)
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0]).toMatchObject({ id: '', body: 'We talked' })

    await type('Title', 'Evening')
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2), slow)
    expect(save.mock.calls[1][0]).toMatchObject({ id: 'e1', title: 'Evening', body: 'We talked' })
    expect(screen.getByRole('region', { name: 'Edit entry' })).toBeInTheDocument()
  })

  test('typing during a slow first save never makes a second entry', async () => {
    let finish: (entry: EntrySummary) => void = () => {}
    save.mockImplementationOnce((input) => new Promise((resolve) => (finish = () => resolve(stored(input)))))
    render(EntryEditor)
    await type('What is on your mind', 'first words')
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1), slow)
    expect(screen.getByRole('status')).toHaveTextContent('Saving…')
    await type('What is on your mind', 'first words, and more')
    await new Promise((r) => setTimeout(r, 1000)) // well past the pause: the second save must wait
    expect(save).toHaveBeenCalledTimes(1)
    finish(stored(save.mock.calls[0][0]))
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2), slow)
    expect(save.mock.calls.map((c) => c[0].id)).toEqual(['', 'e1'])
    expect(save.mock.calls[1][0].body).toBe('first words, and more')
  })

  test('nothing is saved until there is something to keep, and erased words are never saved', async () => {
    render(EntryEditor)
    await fireEvent.input(screen.getByLabelText('Day'), { target: { value: '2026-11-20' } })
    await type('What is on your mind', 'x')
    await type('What is on your mind', '')
    await new Promise((r) => setTimeout(r, 1100))
    expect(save).not.toHaveBeenCalled()
  })

  test('a mood alone is worth saving, with the chosen day', async () => {
    render(EntryEditor)
    await fireEvent.input(screen.getByLabelText('Day'), { target: { value: '2026-11-20' } })
    await fireEvent.click(screen.getByLabelText('In between'))
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1), slow)
    expect(save.mock.calls[0][0]).toMatchObject({ id: '', date: '2026-11-20', mood: 3, body: '' })
  })

  test('a refused save shows Go\'s words, keeps what was typed, and the next change tries again', async () => {
    save.mockRejectedValueOnce(new Error('The title is 400 characters long; please keep it under 300.'))
    render(EntryEditor)
    await type('Title', 'long')
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('please keep it under 300'), slow)
    expect(save).toHaveBeenCalledOnce()
    expect(save.mock.calls[0][0]).toMatchObject({ id: '', title: 'long' })
    expect(screen.getByLabelText('Title')).toHaveValue('long')
    // Nothing was made, so the retry is still a new entry, with everything typed since.
    await type('Title', 'shorter')
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'), slow)
    expect(save).toHaveBeenCalledTimes(2)
    expect(save.mock.calls[1][0]).toMatchObject({ id: '', title: 'shorter' })
    expect(screen.getByRole('status')).not.toHaveTextContent('please keep it under 300')
  })
})
