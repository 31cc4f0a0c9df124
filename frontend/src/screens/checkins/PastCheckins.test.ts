import { describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import type { CheckInView } from '../../lib/api'

const choose = vi.fn(async () => {})
vi.mock('../../lib/api', () => ({
  api: { checkins: { delete: async () => {} }, space: { choose: (...a: unknown[]) => (choose as (...a: unknown[]) => Promise<void>)(...a) } },
}))

import PastCheckins from './PastCheckins.svelte'

const year = new Date().getFullYear()
const writer = (name: string, role: string, here: boolean, day = 3) => ({ role, name, at: `${year}-05-0${day}T12:00:00Z`, here })
const none = { ties: [], earlier: [] }

const moved = {
  id: 'c1',
  on: '2026-10-01',
  answers: [
    { answer: { name: 'Sam', ratings: { safety: 3 }, items: [], wentWell: '', hard: '', try: '' }, written: { by: writer('Sam', 'partner-1', true), changed: writer('Sam', 'partner-1', true), ...none } },
    {
      answer: { name: 'Alex', ratings: {}, items: [], wentWell: '', hard: '', try: '' },
      written: {
        by: writer('Alex', 'partner-2', false),
        changed: writer('Alex', 'partner-2', false, 4),
        ties: [{ record: 'a', field: 'hard', candidates: [
          { change: 'x', value: 'At the keyboard.', by: writer('Alex', 'partner-2', true, 4) },
          { change: 'y', value: 'On my laptop.', by: writer('Alex', 'partner-2', false, 4) },
        ] }],
        earlier: [{ field: 'hard', value: 'First words.', by: writer('Alex', 'partner-2', false) }],
      },
    },
  ],
  together: { items: [{ agreementId: 'a1', what: 'Text first', outcome: 'kept', note: '' }], wentWell: 'The walk.', hard: '', try: '', ratings: [{ name: 'Robin', trust: 5 }] },
  written: { by: writer('Sam', 'partner-1', true), changed: writer('Sam', 'partner-1', true), ...none },
} as unknown as CheckInView

describe('PastCheckins', () => {
  test("each partner's answer under their name, a tie to settle, earlier answers, and the words written together before", async () => {
    const onchanged = vi.fn()
    render(PastCheckins, { list: [moved], onchanged })
    const sam = screen.getByRole('region', { name: 'Sam' })
    expect(within(sam).getByText('Written by Sam on this computer, 3 May')).toBeInTheDocument()
    expect(within(sam).getByText('safety 3, trust not answered, connection not answered')).toBeInTheDocument()
    const alex = screen.getByRole('region', { name: 'Alex' })
    expect(within(alex).getByText('Written by Alex, 3 May')).toBeInTheDocument()
    expect(within(alex).queryByText(/not answered/)).toBeNull() // Alex rated nothing: no ratings line
    expect(within(alex).getByText('what was hard: On my laptop.')).toBeInTheDocument()
    expect(within(alex).getByText(/Earlier answers \(1\)/)).toBeInTheDocument()
    const together = screen.getByRole('region', { name: 'Written together before' })
    expect(together).toHaveTextContent('The walk.')
    expect(together).toHaveTextContent('Kept: Text first')
    expect(together).toHaveTextContent('Robin')
    await fireEvent.click(within(alex).getAllByRole('button', { name: 'Keep this one' })[1])
    await waitFor(() => expect(onchanged).toHaveBeenCalledOnce())
    expect(choose).toHaveBeenCalledWith('a', 'hard', 'y')
  })

  test("on a paired computer, the partner's locked answer is not shown at all, only that Sam waits for them; one without Sam's answer offers to answer it", async () => {
    const mine = { answer: { name: 'Sam', ratings: { trust: 6 }, items: [], wentWell: '', hard: 'A quiet week.', try: '' }, written: { by: writer('Sam', 'partner-1', true), changed: writer('Sam', 'partner-1', true), ...none } }
    const locked = { answer: { name: 'Alex', ratings: {}, items: [], wentWell: '', hard: '', try: '', hidden: true }, written: { by: writer('', '', false), changed: writer('', '', false), ...none } }
    const waiting = { id: 'c2', on: '2026-11-08', answers: [mine, locked], together: null, written: { by: writer('Sam', 'partner-1', true), changed: writer('Sam', 'partner-1', true), ...none } } as unknown as CheckInView
    const theirsOnly = { ...waiting, id: 'c3', on: '2026-11-15', answers: [locked] } as unknown as CheckInView
    const onanswer = vi.fn()
    render(PastCheckins, { list: [waiting, theirsOnly], onchanged: () => {}, paired: { me: 'Sam', partner: 'Alex' }, onanswer })
    expect(screen.queryByRole('region', { name: 'Alex' })).toBeNull()
    expect(screen.getByRole('region', { name: 'Waiting for Alex' })).toHaveTextContent("Alex's answer shows here, beside yours, once you have both answered.")
    expect(screen.getAllByRole('region', { name: 'Waiting for Alex' })).toHaveLength(1) // not on the one Sam has not answered
    await fireEvent.click(screen.getByRole('button', { name: 'Answer this check-in' }))
    expect(onanswer).toHaveBeenCalledWith(theirsOnly)
  })
})
