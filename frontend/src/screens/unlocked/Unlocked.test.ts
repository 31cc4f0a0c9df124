import { describe, expect, test } from 'vitest'
import { render, screen } from '@testing-library/svelte'
import { fakeApi } from '../../lib/testing/fakeApi'
import Unlocked from './Unlocked.svelte'

const secret = `marigoldsecret${Date.now().toString(36)}`
const entry = { id: 'e1', date: '2026-11-20', title: `Title ${secret}`, excerpt: `Body ${secret}`, mood: 3, feelings: [], tags: [] }

// Every value reachable from a module's exports (class instances' getters included, which is
// where runes keep their state), searched for text.
function holds(value: unknown, text: string, seen = new Set<unknown>(), depth = 0): boolean {
  if (typeof value === 'string') return value.includes(text)
  if (!value || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || depth > 8) return false
  seen.add(value)
  if (value instanceof Map || value instanceof Set) return [...value.entries()].some((e) => holds(e, text, seen, depth + 1))
  if (typeof Node !== 'undefined' && value instanceof Node) return false
  const names = new Set<string>()
  for (let o: object | null = value as object; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const n of Object.getOwnPropertyNames(o)) names.add(n)
  }
  for (const n of names) {
    if (n === 'constructor' || n === 'caller' || n === 'callee' || n === 'arguments') continue
    let v: unknown
    try {
      v = (value as Record<string, unknown>)[n]
    } catch {
      continue
    }
    if (holds(v, text, seen, depth + 1)) return true
  }
  return false
}

describe('Unlocked, the owner of what is decrypted', () => {
  test('unmounting it (what a lock does) leaves no entry text or name in any module', { timeout: 40_000 }, async () => {
    window.location.hash = '#/journal'
    const api = fakeApi({
      profile: { get: async () => ({ exists: true, role: 'unsaid', myName: `Sam${secret}`, partnerName: '', safety: {}, contacts: [], concern: 'none' }) },
      journal: {
        list: async () => ({ total: 1, offset: 0, entries: [entry] }),
        months: async () => [{ month: '2026-11', count: 1 }],
        onThisDay: async () => [entry],
      },
      vault: { touch: async () => {} },
    })
    const { unmount } = render(Unlocked, { api })
    expect((await screen.findAllByText(new RegExp(secret), {}, { timeout: 20_000 })).length).toBeGreaterThan(0)
    const modules = import.meta.glob(['../../**/*.ts', '!../../**/*.test.ts', '!../../test-setup.ts', '!../../main.ts'], { eager: true })
    expect(Object.keys(modules).length).toBeGreaterThan(10)
    unmount()
    const holding = Object.entries(modules).filter(([, exports]) => holds(exports, secret)).map(([path]) => path)
    expect(holding).toEqual([])
  })
})
