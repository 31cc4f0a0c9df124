import { beforeEach, describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import type { AgreementView, CheckIn } from '../../lib/api'

const save = vi.fn<(c: CheckIn) => Promise<CheckIn>>()
vi.mock('../../lib/api', () => ({
  api: { checkins: { save: (c: CheckIn) => save(c) } },
}))

import CheckinForm from './CheckinForm.svelte'

const agreement = { id: 'a1', status: 'active', current: { what: 'We say where we are going.' } } as unknown as AgreementView

// Braces matter: a function returned from beforeEach is run as a clean-up, and mockReset returns the mock.
beforeEach(() => {
  save.mockReset()
})

describe('CheckinForm', () => {
  test('a refused check-in keeps everything typed and says why', async () => {
    // The shape a refusal reaches the page in from Go (see lib/errors.ts).
    save.mockRejectedValue(new Error(JSON.stringify({ code: 'invalid', message: 'Please give the day of the check-in as a date.' })))
    render(CheckinForm, { agreements: [agreement], names: ['Sam', 'Alex'], onsaved: () => {} })
    const alex = () => within(screen.getByRole('group', { name: 'Alex' }))
    await fireEvent.click(within(alex().getByRole('group', { name: 'We say where we are going.' })).getByRole('radio', { name: 'A struggle' }))
    await fireEvent.input(alex().getByLabelText('Trust'), { target: { value: '4' } })
    await fireEvent.input(alex().getByLabelText('What was hard'), { target: { value: 'A quiet Sunday.' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Keep this check-in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Please give the day of the check-in as a date.')
    expect(save.mock.calls[0][0].answers[1]).toMatchObject({
      name: 'Alex',
      items: [{ agreementId: 'a1', what: 'We say where we are going.', outcome: 'struggled', note: '' }],
      ratings: { safety: null, trust: 4, connection: null },
      hard: 'A quiet Sunday.',
    })
    expect(alex().getByLabelText('What was hard')).toHaveValue('A quiet Sunday.')
    expect(alex().getByLabelText('Trust')).toHaveValue(4)
    expect(alex().getByRole('radio', { name: 'A struggle' })).toBeChecked()
  })

  test('a kept check-in says so and empties the form for next time', async () => {
    save.mockImplementation(async (c) => ({ ...c, id: 'c1' }))
    const onsaved = vi.fn()
    render(CheckinForm, { agreements: [agreement], names: ['Sam', 'Alex'], onsaved })
    const sam = () => within(screen.getByRole('group', { name: 'Sam' }))
    await fireEvent.input(sam().getByLabelText('What went well'), { target: { value: 'Breakfast together.' } })
    // A choice made by mistake can be taken back, and then nothing is said about that agreement.
    await fireEvent.click(sam().getByRole('radio', { name: 'Kept' }))
    await fireEvent.click(sam().getByRole('button', { name: 'Leave it open' }))
    expect(sam().getByRole('radio', { name: 'Kept' })).not.toBeChecked()
    await fireEvent.click(screen.getByRole('button', { name: 'Keep this check-in' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Kept.'))
    expect(onsaved).toHaveBeenCalledOnce()
    expect(save.mock.calls[0][0].answers[0]).toMatchObject({ name: 'Sam', items: [], wentWell: 'Breakfast together.' })
    expect(sam().getByLabelText('What went well')).toHaveValue('')
  })

  test('a refusal clears as soon as the form changes, and Kept. clears itself after a few seconds', async () => {
    save.mockRejectedValue(new Error(JSON.stringify({ code: 'invalid', message: 'There is nothing to keep yet: answer at least one question.' })))
    render(CheckinForm, { agreements: [agreement], names: ['Sam', 'Alex'], onsaved: () => {} })
    await fireEvent.click(screen.getByRole('button', { name: 'Keep this check-in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('nothing to keep yet')
    await fireEvent.input(within(screen.getByRole('group', { name: 'Alex' })).getByLabelText('What went well'), { target: { value: 'A walk.' } })
    expect(screen.queryByRole('alert')).toBeNull()

    save.mockImplementation(async (c) => ({ ...c, id: 'c2' }))
    vi.useFakeTimers()
    try {
      await fireEvent.click(screen.getByRole('button', { name: 'Keep this check-in' }))
      await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Kept.'))
      await vi.advanceTimersByTimeAsync(5100)
      expect(screen.getByRole('status')).toHaveTextContent('')
    } finally {
      vi.useRealTimers()
    }
  })
})
