import { describe, expect, test, vi } from 'vitest'

vi.mock('./api', () => ({ api: { system: { openExternal: vi.fn() } } }))

import { guardLinks } from './links'

function clickLink(href: string, button = 0, keys: MouseEventInit = {}): MouseEvent {
  const a = document.createElement('a')
  a.setAttribute('href', href)
  document.body.append(a)
  const event = new MouseEvent(button === 0 ? 'click' : 'auxclick', { bubbles: true, cancelable: true, button, ...keys })
  a.dispatchEvent(event)
  a.remove()
  return event
}

describe('guardLinks', () => {
  const open = vi.fn(async (_url: string) => {})
  guardLinks(document, open)

  test('lets in-app hash links work', () => {
    expect(clickLink('#/journal').defaultPrevented).toBe(false)
  })

  test('keeps every other link from navigating, and hands only https and mailto to Go', () => {
    open.mockClear()
    for (const href of ['https://example.org', 'mailto:a@example.org', 'http://example.org', 'javascript:alert(1)', '/x', 'file:///etc']) {
      expect(clickLink(href).defaultPrevented, href).toBe(true)
    }
    expect(open.mock.calls.map((c) => c[0])).toEqual(['https://example.org', 'mailto:a@example.org'])
  })

  test('refuses middle-clicks, which would open a new window', () => {
    open.mockClear()
    expect(clickLink('https://example.org', 1).defaultPrevented).toBe(true)
    expect(clickLink('#/journal', 1).defaultPrevented).toBe(true)
    expect(open).not.toHaveBeenCalled()
  })

  test('a modifier-click on an in-app link opens nothing new: the route is followed in this page', () => {
    open.mockClear()
    for (const keys of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }]) {
      location.hash = ''
      expect(clickLink('#/agreements', 0, keys).defaultPrevented, JSON.stringify(keys)).toBe(true)
      expect(location.hash).toBe('#/agreements')
    }
    expect(open).not.toHaveBeenCalled()
  })
})
