import { describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import type { Tie } from '../api'
import TieChoice from './TieChoice.svelte'

const year = new Date().getFullYear()
const tie: Tie = {
  record: 'r',
  field: 'title',
  candidates: [
    { change: 'mine', value: 'Walks', by: { role: 'partner-1', name: 'Alex', at: `${year}-05-03T12:00:00Z`, here: true } },
    { change: 'theirs', value: 'Sunday walks', by: { role: 'partner-2', name: 'Sam', at: `${year}-05-04T12:00:00Z`, here: false } },
  ],
}
const describeValue = (v: unknown) => `“${String(v)}”`

describe('TieChoice', () => {
  test('shows both values with who wrote each and when, and asks without blaming', () => {
    render(TieChoice, { tie, describe: describeValue, choose: async () => {} })
    expect(screen.getByText('You and Sam both changed this. Which should stay?')).toBeInTheDocument()
    expect(screen.getByText('“Walks”')).toBeInTheDocument()
    expect(screen.getByText('“Sunday walks”')).toBeInTheDocument()
    expect(screen.getByText('by Alex on this computer, 3 May')).toBeInTheDocument()
    expect(screen.getByText('by Sam, 4 May')).toBeInTheDocument()
    const keep = screen.getAllByRole('button', { name: 'Keep this one' })
    expect(keep).toHaveLength(2)
    expect(keep[1]).toHaveAccessibleDescription('“Sunday walks” by Sam, 4 May')
  })

  test('"Keep this one" keeps that candidate, then tells the screen', async () => {
    const choose = vi.fn(async () => {})
    const onchosen = vi.fn()
    render(TieChoice, { tie, describe: describeValue, choose, onchosen })
    await fireEvent.click(screen.getAllByRole('button', { name: 'Keep this one' })[1])
    await waitFor(() => expect(onchosen).toHaveBeenCalledWith('theirs'))
    expect(choose).toHaveBeenCalledWith('theirs')
  })

  test('a choice that cannot be kept says why in plain words and can be tried again', async () => {
    const message = 'This was already settled, or changed since you looked. Please look again to see what it says now.'
    const choose = vi.fn(async () => {
      throw new Error(JSON.stringify({ code: 'conflict', message }))
    })
    const onchosen = vi.fn()
    render(TieChoice, { tie, describe: describeValue, choose, onchosen })
    await fireEvent.click(screen.getAllByRole('button', { name: 'Keep this one' })[0])
    expect(await screen.findByRole('alert')).toHaveTextContent(message)
    expect(onchosen).not.toHaveBeenCalled()
    expect(screen.getAllByRole('button', { name: 'Keep this one' })[0]).toBeEnabled()
  })
})
