import { describe, expect, test, vi } from 'vitest'
import { render, screen } from '@testing-library/svelte'

const states = vi.fn()
const due = vi.fn()
const step = (order: number) => ({ id: `s${order}`, order, title: `Title ${order}`, summary: '', time: '', shortPath: false })
vi.mock('../../lib/api', () => ({
  api: {
    space: { due: () => due(), news: async () => [] },
    program: {
      outline: async () => [{ id: 'p1', order: 1, title: '', summary: '', intro: '', steps: [step(1), step(2), step(3)] }],
      states: () => states(),
    },
    events: { onLocked: () => () => {} },
  },
}))

import HomePage from './HomePage.svelte'
import { withProfile as profileWith } from '../../lib/testing/fakeApi'

describe('HomePage', () => {
  test('the first time, it says to start with step 1 and links to it', async () => {
    states.mockResolvedValue({})
    due.mockResolvedValue({ today: '2026-12-01', nextCheckIn: '', checkInDue: false, reviews: [] })
    render(HomePage, profileWith(null))
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Start with step 1')
    expect(screen.queryByText(/Welcome back/)).toBeNull()
    expect(screen.getByRole('link', { name: 'Begin step 1' })).toHaveAttribute('href', '#/program/s1')
    expect(screen.getByRole('link', { name: /Good experiences/ })).toHaveAttribute('href', '#/experiences')
  })

  test('later, it names the step to continue and when the next check-in falls', async () => {
    states.mockResolvedValue({ s1: 'done', s2: 'in-progress' })
    due.mockResolvedValue({ today: '2026-12-01', nextCheckIn: '2026-12-08', checkInDue: false, reviews: [] })
    render(HomePage, profileWith(null))
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Continue: step 2')
    expect(screen.getByRole('link', { name: 'Open step 2' })).toHaveAttribute('href', '#/program/s2')
    expect(await screen.findByText(/next check-in comes around Tuesday,? 8 December 2026/)).toBeInTheDocument()
  })

  test('with a safety concern, the couple tools wait under their own heading and no check-in is called for', async () => {
    states.mockResolvedValue({ s1: 'done' })
    due.mockResolvedValue({ today: '2026-12-01', nextCheckIn: '2026-12-08', checkInDue: true, reviews: [{ id: 'a1', what: 'Phones' }] })
    render(HomePage, profileWith({ concern: 'concern' }))
    const aside = await screen.findByRole('group', { name: 'For when you are both safe' })
    expect(aside).toHaveTextContent('Check-ins')
    expect(aside).toHaveTextContent('Agreements')
    expect(aside).toHaveTextContent('Good experiences')
    expect(screen.getByTestId('concern-notice')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /^Safety and support Help for you/ })).toHaveAttribute('href', '#/safety')
    expect(screen.queryByText(/check-in/i, { selector: '.checkin' })).toBeNull()
    expect(screen.queryByText('Phones')).toBeNull()
  })
})
