import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen, within } from '@testing-library/svelte'
import { AppError } from '../../lib/errors'
import type { AppInfo, Tie } from '../../lib/api'

const info = vi.fn<() => Promise<AppInfo>>()
const settingsTies = vi.fn<() => Promise<Tie[]>>(async () => [])
const choose = vi.fn(async (_record: string, _field: string, _change: string) => {})
vi.mock('../../lib/api', () => ({
  api: {
    system: { info: () => info() },
    space: { settingsTies: () => settingsTies(), choose: (r: string, f: string, c: string) => choose(r, f, c), settings: async () => ({ names: ['Sam', 'Alex'], rhythm: 'weekly' }), due: async () => ({ today: '2026-12-01', nextCheckIn: '2026-12-08', checkInDue: false, reviews: [] }) },
    vault: { autoLockChoices: async () => [1, 5, 0] },
    sharing: { status: async () => ({ state: 'off', folder: '', partnerName: '', foreign: [], problems: [] }) },
    people: { shownName: async () => '', setShownName: async () => {} },
    backup: { auto: async () => ({ folder: '', every: 'off', keep: 10, hasPassphrase: false, lastGood: '', lastProblem: '' }), importFormats: async () => [] },
    events: { onBackupProgress: () => () => {}, onAutoBackup: () => () => {}, onSpaceChanged: () => () => {}, onImportProgress: () => () => {} },
  },
}))

import SettingsPage from './SettingsPage.svelte'
import { withProfile } from '../../lib/testing/fakeApi'

const folder = { name: 'Goldseam', version: 'dev', dataDir: '/home/ann/.local/share/goldseam', platform: 'linux' }
const listed = () => within(screen.getByRole('navigation', { name: 'Settings sections' })).queryAllByRole('button')

beforeAll(() => {
  // jsdom lays nothing out, so it has no scrolling to do.
  Element.prototype.scrollIntoView = () => {}
})

afterEach(() => {
  info.mockReset()
})

const unlocked = withProfile({ exists: true, role: 'unsaid', myName: '', partnerName: '', safety: {}, contacts: [], concern: 'none' })
const noProfile = withProfile(null)

describe('SettingsPage', () => {
  test('a name both changed at once shows both, and keeping one settles it and asks Go again', async () => {
    info.mockResolvedValue(folder)
    const by = (name: string, here: boolean) => ({ role: name === 'Sam' ? 'partner-1' : 'partner-2', name, at: '2026-11-30T10:00:00Z', here })
    settingsTies.mockResolvedValueOnce([{ record: 'settings', field: 'name-2', candidates: [
      { change: 'c-lex', value: 'Lex', by: by('Sam', true) },
      { change: 'c-al', value: 'Al', by: by('Alex', false) },
    ] }])
    render(SettingsPage, unlocked)
    const tie = await screen.findByTestId('settings-tie')
    expect(within(tie).getByRole('heading', { name: 'The other name' })).toBeInTheDocument()
    expect(tie).toHaveTextContent('Lex')
    expect(tie).toHaveTextContent('Al')
    await fireEvent.click(within(tie).getAllByRole('button', { name: 'Keep this one' })[1])
    expect(choose).toHaveBeenCalledWith('settings', 'name-2', 'c-al')
    await vi.waitFor(() => expect(screen.queryByTestId('settings-tie')).toBeNull())
    expect(settingsTies).toHaveBeenCalledTimes(2)
  })

  test('says it is looking until Go answers, then shows the folder and nothing else in its place', async () => {
    let answer: (i: AppInfo) => void = () => {}
    info.mockImplementation(() => new Promise((resolve) => (answer = resolve)))
    render(SettingsPage, unlocked)
    const data = screen.getByRole('region', { name: 'Where your data lives' })
    expect(data).toHaveTextContent('Looking…')
    expect(screen.queryByTestId('data-dir')).toBeNull()
    answer(folder)
    expect(await screen.findByTestId('data-dir')).toHaveTextContent(folder.dataDir)
    expect(data).not.toHaveTextContent('Looking…')
    expect(within(data).queryByRole('alert')).toBeNull()
    expect(info).toHaveBeenCalledOnce()
  })

  test('when Go cannot say where the data is, it says so instead of a folder, and stops looking', async () => {
    info.mockRejectedValue(new AppError('internal', 'Something went wrong inside Goldseam.'))
    render(SettingsPage, unlocked)
    const data = screen.getByRole('region', { name: 'Where your data lives' })
    expect(await within(data).findByRole('alert')).toHaveTextContent('Something went wrong inside Goldseam.')
    expect(screen.queryByTestId('data-dir')).toBeNull()
    expect(data).not.toHaveTextContent('Looking…')
    // The other sections do not depend on it.
    expect(screen.getByRole('heading', { name: 'Locking' })).toBeInTheDocument()
  })

  test('lists its sections in page order, and each entry moves to its heading', async () => {
    info.mockResolvedValue(folder)
    render(SettingsPage, unlocked)
    await screen.findByRole('heading', { name: 'Your rhythm' })
    const labels = listed().map((b) => b.textContent)
    expect(labels).toEqual(['Where you stand', 'Safety check', 'Security', 'Backups', 'Automatic backups', 'Check-in rhythm', 'Sharing', 'Your name', 'Your data'])
    const headings = screen.getAllByRole('heading', { level: 2 })
    for (const button of listed()) {
      await fireEvent.click(button)
      const target = document.activeElement as HTMLElement
      expect(target.tagName, button.textContent!).toBe('H2')
      expect(headings.indexOf(target), button.textContent!).toBeGreaterThanOrEqual(0)
    }
    expect(screen.getByRole('button', { name: 'Backups' })).toBeInTheDocument()
    await fireEvent.click(screen.getByRole('button', { name: 'Backups' }))
    expect(document.activeElement).toHaveTextContent('Save a backup')
  })

  test('lists only the sections that are there', async () => {
    info.mockResolvedValue(folder)
    render(SettingsPage, noProfile) // no profile: where you stand and the safety check are not shown
    await screen.findByRole('heading', { name: 'Your rhythm' })
    expect(screen.queryByRole('heading', { name: 'Where you stand' })).toBeNull()
    expect(listed().map((b) => b.textContent)).toEqual(['Security', 'Backups', 'Automatic backups', 'Check-in rhythm', 'Sharing', 'Your name', 'Your data'])
  })
})
