import { afterEach, describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/svelte'
import type { Person } from '../../lib/api'

const choose = vi.fn(async (_id: string) => {})
const unlockAnyone = vi.fn(async (_p: string) => {})
vi.mock('../../lib/api', () => ({
  api: {
    people: { choose: (id: string) => choose(id), unlockAnyone: (p: string) => unlockAnyone(p), list: async () => [] },
    vault: { status: async () => ({ state: 'locked' }) },
  },
}))

import WhoIsUsing from './WhoIsUsing.svelte'
import { vault } from '../../lib/vault.svelte'

const person = (id: string, name: string, isNew = false): Person => ({ id, name, new: isNew, current: false }) as Person

afterEach(() => {
  choose.mockClear()
  unlockAnyone.mockClear()
})

describe('Who is using Goldseam?', () => {
  test('shows only the names people chose to show; a hidden one is "Someone else", and the place made for someone new is offered', async () => {
    vault.people = [person('1', 'Alex'), person('2', ''), person('3', '', true)]
    render(WhoIsUsing)
    expect(screen.getAllByTestId('person').map((b) => b.textContent?.trim())).toEqual(['Alex', 'Someone else'])
    expect(screen.queryByLabelText('Your passphrase')).toBeNull()
    await fireEvent.click(screen.getByTestId('someone-new'))
    expect(choose).toHaveBeenCalledWith('3')
  })

  test('when no one shows a name, it is one passphrase field that Go tries on each person', async () => {
    vault.people = [person('1', ''), person('2', '')]
    render(WhoIsUsing)
    expect(screen.queryAllByTestId('person')).toEqual([])
    await fireEvent.input(screen.getByLabelText('Your passphrase'), { target: { value: 'sam keeps the kettle warm' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock' }))
    expect(unlockAnyone).toHaveBeenCalledWith('sam keeps the kettle warm')
  })
})
