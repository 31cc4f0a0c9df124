import { beforeEach, describe, expect, test, vi } from 'vitest'

const settings = vi.fn()
const saveSettings = vi.fn()
vi.mock('./api', () => ({
  api: {
    space: { settings: () => settings(), saveSettings: (s: unknown) => saveSettings(s) },
  },
}))

import { nameFor, settingsWithNames } from './names'

describe('the names given at first run', () => {
  beforeEach(() => {
    saveSettings.mockReset()
    saveSettings.mockImplementation(async (s) => s)
  })

  test('are kept for agreements and check-ins the first time those need them', async () => {
    settings.mockResolvedValue({ names: [], rhythm: 'weekly' })
    expect(await settingsWithNames({ myName: ' Sam ', partnerName: 'Alex' })).toEqual({ names: ['Sam', 'Alex'], rhythm: 'weekly' })
    expect(saveSettings).toHaveBeenCalledTimes(1)
  })

  test('never overwrite names the couple already chose', async () => {
    settings.mockResolvedValue({ names: ['Robin', 'Kai'], rhythm: 'monthly' })
    expect(await settingsWithNames({ myName: 'Sam', partnerName: 'Alex' })).toEqual({ names: ['Robin', 'Kai'], rhythm: 'monthly' })
    expect(saveSettings).not.toHaveBeenCalled()
  })

  test('are still asked for when only one was given', async () => {
    settings.mockResolvedValue({ names: [], rhythm: 'weekly' })
    expect((await settingsWithNames({ myName: 'Sam', partnerName: '' })).names).toEqual([])
    expect(saveSettings).not.toHaveBeenCalled()
  })

  test('name the partner who was hurt, or the one who broke trust, when both role and name are known', () => {
    const p = { role: 'broke-trust', myName: 'Alex', partnerName: 'Sam' }
    expect(nameFor(p, 'hurt')).toBe('Sam')
    expect(nameFor(p, 'broke-trust')).toBe('Alex')
    expect(nameFor({ ...p, role: 'unsaid' }, 'hurt')).toBe('')
    expect(nameFor({ ...p, partnerName: '' }, 'hurt')).toBe('')
  })
})
