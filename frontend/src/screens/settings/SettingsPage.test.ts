import { describe, expect, test, vi } from 'vitest'
import { render, screen } from '@testing-library/svelte'
import { AppError } from '../../lib/errors'

const info = vi.fn()
vi.mock('../../lib/api', () => ({
  api: {
    system: { info: () => info() },
    space: { settings: async () => ({ names: ['Sam', 'Alex'], rhythm: 'weekly' }), due: async () => ({ today: '2026-12-01', nextCheckIn: '2026-12-08', checkInDue: false, reviews: [] }) },
    vault: { autoLockChoices: async () => [1, 5, 0] },
    backup: { auto: async () => ({ folder: '', every: 'off', keep: 10, hasPassphrase: false, lastGood: '', lastProblem: '' }) },
    events: { onBackupProgress: () => () => {}, onAutoBackup: () => () => {} },
  },
}))

import SettingsPage from './SettingsPage.svelte'
import { withProfile } from '../../lib/testing/fakeApi'

const unlocked = withProfile({ exists: true, role: 'unsaid', myName: '', partnerName: '', safety: {}, contacts: [] })

describe('SettingsPage', () => {
  test('shows the data folder Go reports', async () => {
    info.mockResolvedValue({ name: 'Goldseam', version: 'dev', dataDir: '/home/ann/.local/share/goldseam', platform: 'linux' })
    render(SettingsPage, unlocked)
    expect(await screen.findByTestId('data-dir')).toHaveTextContent('/home/ann/.local/share/goldseam')
  })

  test('says plainly when it cannot', async () => {
    info.mockRejectedValue(new AppError('internal', 'Something went wrong inside Goldseam.'))
    render(SettingsPage, unlocked)
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong inside Goldseam.')
  })

  test('has a short list of its sections, each leading to its heading', async () => {
    info.mockResolvedValue({ name: 'Goldseam', version: 'dev', dataDir: '/tmp/g', platform: 'linux' })
    render(SettingsPage, unlocked)
    const nav = screen.getByRole('navigation', { name: 'Settings sections' })
    const labels = Array.from(nav.querySelectorAll('button')).map((b) => b.textContent)
    expect(labels).toEqual(['Where you stand', 'Safety check', 'Security', 'Backups', 'Automatic backups', 'Check-in rhythm', 'Your data'])
    expect(await screen.findByRole('heading', { name: 'Your rhythm' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Locking' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Where your data lives' })).toBeInTheDocument()
  })
})
