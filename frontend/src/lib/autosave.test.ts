import { describe, expect, test, vi } from 'vitest'
import { Autosaver } from './autosave'
import type { EntryInput, EntrySummary } from './api'

const input = (body: string): EntryInput => ({ id: '', date: '2026-11-22', title: '', body, mood: 0, feelings: [], tags: [], step: '' })

function fakeSave(delay = 20) {
  const calls: EntryInput[] = []
  const save = vi.fn(async (i: EntryInput) => {
    calls.push(i)
    await new Promise((r) => setTimeout(r, delay))
    return { ...i, id: i.id || 'new-id', createdAt: '', updatedAt: '' } as unknown as EntrySummary
  })
  return { save, calls }
}

describe('Autosaver', () => {
  test('waits for typing to pause, creates once, then updates with the id', async () => {
    const { save, calls } = fakeSave()
    const saver = new Autosaver(save, () => {}, '', 30)
    saver.change(input('a'))
    saver.change(input('ab'))
    saver.change(input('abc'))
    await vi.waitFor(() => expect(saver.state).toBe('saved'))
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ id: '', body: 'abc' })
    saver.change(input('abcd'))
    await vi.waitFor(() => expect(calls).toHaveLength(2))
    expect(calls[1]).toMatchObject({ id: 'new-id', body: 'abcd' })
  })

  test('a change during a slow save is saved after it, never alongside it', async () => {
    const { save, calls } = fakeSave(80)
    const saver = new Autosaver(save, () => {}, '', 5)
    saver.change(input('first'))
    await vi.waitFor(() => expect(saver.state).toBe('saving'))
    saver.change(input('second'))
    await saver.flush()
    await vi.waitFor(() => expect(saver.state).toBe('saved'))
    expect(calls.map((c) => [c.id, c.body])).toEqual([
      ['', 'first'],
      ['new-id', 'second'],
    ])
  })

  test('a failed save says why and keeps nothing back from the next', async () => {
    const save = vi.fn(async () => {
      throw new Error('Goldseam is locked.')
    })
    const saver = new Autosaver(save, () => {}, 'x', 1)
    saver.change(input('words'))
    await saver.flush()
    expect(saver.state).toBe('failed')
    expect(saver.error).toBe('Goldseam is locked.')
  })
})

describe('Autosaver.discard', () => {
  test('words erased before the pause are never saved', async () => {
    const { save, calls } = fakeSave()
    const saver = new Autosaver(save, () => {}, '', 20)
    saver.change(input('a'))
    saver.discard()
    await new Promise((r) => setTimeout(r, 60))
    await saver.flush()
    expect(calls).toHaveLength(0)
    expect(saver.state).toBe('idle')
  })
})
