import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { Flash } from './flash.svelte'

describe('Flash', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  test('a status clears itself after a few seconds', () => {
    const f = new Flash(5000)
    f.show('Saved.')
    vi.advanceTimersByTime(4900)
    expect(f.text).toBe('Saved.')
    vi.advanceTimersByTime(200)
    expect(f.text).toBe('')
  })

  test('a newer status gets its own full time, and clear is at once', () => {
    const f = new Flash(5000)
    f.show('Saved.')
    vi.advanceTimersByTime(4000)
    f.show('Saved again.')
    vi.advanceTimersByTime(4000)
    expect(f.text).toBe('Saved again.')
    f.clear()
    expect(f.text).toBe('')
  })
})
