import { describe, expect, test, vi } from 'vitest'
import { render, screen } from '@testing-library/svelte'
import Welcome from './Welcome.svelte'

describe('Welcome', () => {
  test('shows safety and privacy and begins only when asked', async () => {
    const onbegin = vi.fn()
    render(Welcome, { onbegin })
    expect(screen.getByRole('heading', { name: 'Your safety comes first' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Your privacy' })).toBeInTheDocument()
    expect(onbegin).not.toHaveBeenCalled()
    screen.getByRole('button', { name: 'Begin when you are ready' }).click()
    expect(onbegin).toHaveBeenCalledOnce()
  })
})
