import { describe, expect, test, vi } from 'vitest'
import { render, screen, fireEvent } from '@testing-library/svelte'
import { AppError } from '../../lib/errors'

const saveRecoveryKit = vi.fn()
vi.mock('../../lib/api', () => ({
  api: {
    vault: { saveRecoveryKit: () => saveRecoveryKit() },
    events: { onLocked: () => () => {} },
  },
}))

import RecoveryKit from './RecoveryKit.svelte'
import { vault } from '../../lib/vault.svelte'

const kit = { groups: ['AAAA', 'BBBB', 'CCCC', 'DDDD', 'EEEE', 'FFFF', 'GGGG', 'HHHH', 'JJJJ'], kitId: 'MV9W', createdAt: '1 December 2026', check: [2, 7] as [number, number] }

describe('RecoveryKit', () => {
  test('says a saved kit file is as good as the key; a cancelled save says nothing, a kept one says where', async () => {
    render(RecoveryKit, { kit })
    expect(screen.getByText(/as good as the key itself/)).toBeInTheDocument()
    saveRecoveryKit.mockResolvedValueOnce('') // the save window was closed
    await fireEvent.click(screen.getByRole('button', { name: 'Save as a file' }))
    await vi.waitFor(() => expect(saveRecoveryKit).toHaveBeenCalledOnce())
    expect(screen.queryByRole('status')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
    saveRecoveryKit.mockResolvedValueOnce('/home/ann/Goldseam recovery kit.txt')
    await fireEvent.click(screen.getByRole('button', { name: 'Save as a file' }))
    expect(await screen.findByRole('status')).toHaveTextContent('Saved to /home/ann/Goldseam recovery kit.txt.')
    expect(saveRecoveryKit).toHaveBeenCalledTimes(2)
  })

  test('a kit that could not be saved because Goldseam locked is said so, and remembered for after unlocking', async () => {
    const why = 'Your recovery kit was not saved: Goldseam locked while the save window was open.'
    saveRecoveryKit.mockRejectedValue(new AppError('locked', why))
    render(RecoveryKit, { kit })
    await fireEvent.click(screen.getByRole('button', { name: 'Save as a file' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('was not saved')
    expect(vault.kitNotSaved).toBe(why)
    expect(screen.queryByRole('status')).toBeNull()
  })

  test('the key is hidden while two groups are typed back, and can be shown again', async () => {
    render(RecoveryKit, { kit })
    expect(screen.getByRole('list', { name: 'Recovery key, nine groups' })).toHaveTextContent('BBBB')
    await fireEvent.input(screen.getByLabelText('Group 2'), { target: { value: 'BB' } })
    expect(screen.queryByRole('list', { name: 'Recovery key, nine groups' })).toBeNull()
    expect(screen.queryByText('BBBB')).toBeNull()
    await fireEvent.click(screen.getByRole('button', { name: 'Show the key again' }))
    expect(screen.getByRole('list', { name: 'Recovery key, nine groups' })).toHaveTextContent('GGGG')
  })

  test('a refusal clears once the person types again', async () => {
    render(RecoveryKit, { kit })
    await fireEvent.click(screen.getByRole('button', { name: 'I have kept my kit' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Type group 2 and group 7')
    await fireEvent.input(screen.getByLabelText('Group 2'), { target: { value: 'B' } })
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
