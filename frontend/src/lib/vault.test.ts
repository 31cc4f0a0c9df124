import { beforeEach, describe, expect, test, vi } from 'vitest'

const calls: string[] = []
vi.mock('./api', () => ({
  api: {
    vault: {
      status: vi.fn(async () => ({ state: 'locked', recoveryConfirmed: true, kitPending: false, kitReplaced: false, passphraseChangeReplacesKit: false, autoLockMinutes: 5 })),
      quickExit: vi.fn(async () => void calls.push('quickExit')),
      lock: vi.fn(async () => void calls.push('lock')),
      touch: vi.fn(async () => void calls.push('touch')),
    },
    events: { onLocked: () => () => {} },
  },
}))

import { quickExitWindowMs, vault } from './vault.svelte'

function key(k: string, init: KeyboardEventInit = {}) {
  return new KeyboardEvent('keydown', { key: k, cancelable: true, ...init })
}

describe('the keys that lock', () => {
  beforeEach(() => {
    calls.length = 0
    vault.hidden = false
    vault.status = { state: 'unlocked', recoveryConfirmed: true, kitPending: false, kitReplaced: false, passphraseChangeReplacesKit: false, autoLockMinutes: 5 }
  })

  test('Escape twice in quick succession is the quick exit: blank first, then lock', async () => {
    vault.onKey(key('Escape'), 1000)
    expect(vault.hidden).toBe(false)
    vault.onKey(key('Escape'), 1000 + quickExitWindowMs - 1)
    expect(vault.hidden).toBe(true)
    expect(document.title).toBe('Untitled')
    await vi.waitFor(() => expect(calls).toContain('quickExit'))
  })

  test('two Escapes far apart (closing a dialog, say) do nothing', () => {
    vault.onKey(key('Escape'), 5000)
    vault.onKey(key('Escape'), 5000 + quickExitWindowMs + 1)
    expect(vault.hidden).toBe(false)
    expect(calls).toEqual([])
  })

  test('Ctrl+L and Cmd+L lock, plain L does not', async () => {
    vault.onKey(key('l'), 0)
    expect(calls).toEqual([])
    const ctrl = key('l', { ctrlKey: true })
    vault.onKey(ctrl, 0)
    expect(ctrl.defaultPrevented).toBe(true)
    vault.status = { state: 'unlocked', recoveryConfirmed: true, kitPending: false, kitReplaced: false, passphraseChangeReplacesKit: false, autoLockMinutes: 5 }
    vault.onKey(key('L', { metaKey: true }), 0)
    await vi.waitFor(() => expect(calls.filter((c) => c === 'lock')).toHaveLength(2))
  })

  test('activity reaches Go at most every twenty seconds, and only while unlocked', () => {
    vault.touch(100_000)
    vault.touch(110_000)
    vault.touch(121_000)
    expect(calls).toEqual(['touch', 'touch'])
    vault.status = { state: 'locked', recoveryConfirmed: true, kitPending: false, kitReplaced: false, passphraseChangeReplacesKit: false, autoLockMinutes: 5 }
    vault.touch(200_000)
    expect(calls).toEqual(['touch', 'touch'])
  })
})

describe('saving before a lock', () => {
  test('Ctrl+L and the quick exit wait for unsaved work, then lock', async () => {
    calls.length = 0
    vault.status = { state: 'unlocked', recoveryConfirmed: true, kitPending: false, kitReplaced: false, passphraseChangeReplacesKit: false, autoLockMinutes: 5 }
    const off = vault.beforeLock(async () => {
      await new Promise((r) => setTimeout(r, 30))
      calls.push('saved')
    })
    await vault.lock()
    expect(calls.slice(0, 2)).toEqual(['saved', 'lock'])
    calls.length = 0
    await vault.quickExit()
    expect(calls.slice(0, 2)).toEqual(['saved', 'quickExit'])
    off()
  })

  test('a save that hangs never holds the lock back for long', async () => {
    calls.length = 0
    const off = vault.beforeLock(() => new Promise(() => {}))
    const started = Date.now()
    await vault.lock()
    expect(calls).toContain('lock')
    expect(Date.now() - started).toBeLessThan(5000)
    off()
  })
})
