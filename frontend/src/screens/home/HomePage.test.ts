import { describe, expect, test, vi } from 'vitest'
import { render, screen } from '@testing-library/svelte'

const states = vi.fn()
const due = vi.fn()
const step = (order: number) => ({ id: `s${order}`, order, title: `Title ${order}`, summary: '', time: '', shortPath: false })
vi.mock('../../lib/api', () => ({
  api: {
    space: { due: () => due() },
    program: {
      outline: async () => [{ id: 'p1', order: 1, title: '', summary: '', intro: '', steps: [step(1), step(2), step(3)] }],
      states: () => states(),
    },
    events: { onLocked: () => () => {} },
  },
}))

import HomePage from './HomePage.svelte'

describe('HomePage', () => {
  test('the first time, it says to start with step 1 and links to it', async () => {
    states.mockResolvedValue({})
    due.mockResolvedValue({ today: '2026-12-01', nextCheckIn: '', checkInDue: false, reviews: [] })
    render(HomePage)
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Start with step 1')
    expect(screen.queryByText(/Welcome back/)).toBeNull()
    expect(screen.getByRole('link', { name: 'Begin step 1' })).toHaveAttribute('href', '#/program/s1')
    expect(screen.getByRole('link', { name: /Good experiences/ })).toHaveAttribute('href', '#/experiences')
  })

  test('later, it names the step to continue and when the next check-in falls', async () => {
    states.mockResolvedValue({ s1: 'done', s2: 'in-progress' })
    due.mockResolvedValue({ today: '2026-12-01', nextCheckIn: '2026-12-08', checkInDue: false, reviews: [] })
    render(HomePage)
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Continue: step 2')
    expect(screen.getByRole('link', { name: 'Open step 2' })).toHaveAttribute('href', '#/program/s2')
    expect(await screen.findByText(/next check-in comes around Tuesday,? 8 December 2026/)).toBeInTheDocument()
  })
})
