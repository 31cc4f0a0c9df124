import { describe, expect, test, vi } from 'vitest'
import { fireEvent, render } from '@testing-library/svelte'
import { createRawSnippet } from 'svelte'
import VirtualList from './VirtualList.svelte'

const row = createRawSnippet((text: () => string) => ({ render: () => `<span>${text()}</span>` }))

function list(props: Record<string, unknown> = {}) {
  const load = vi.fn()
  const result = render(VirtualList<string>, {
    total: 100_000,
    rowHeight: 50,
    item: (i: number) => `entry ${i}`,
    load,
    row: row as never,
    label: 'Entries',
    ...props,
  })
  const rows = () => [...result.container.querySelectorAll('[role="listitem"]')].map((r) => r.textContent)
  const viewport = result.container.querySelector('[role="list"]') as HTMLElement
  return { ...result, load, rows, viewport }
}

describe('VirtualList', () => {
  test('puts only the rows in view in the page, and asks only for those', () => {
    const { container, load, rows } = list()
    expect(rows().length).toBeGreaterThan(0)
    expect(rows().length).toBeLessThan(60)
    expect(rows()[0]).toBe('entry 0')
    expect(load).toHaveBeenCalledWith(0, rows().length)
    const spacer = container.querySelector('.spacer') as HTMLElement
    expect(spacer.style.height).toBe(`${100_000 * 50}px`)
  })

  test('scrolling far down swaps the window instead of adding rows', async () => {
    const { load, rows, viewport } = list()
    const before = rows().length
    viewport.scrollTop = 50 * 60_000
    await fireEvent.scroll(viewport)
    expect(rows().length).toBe(before + 8) // the overscan above the first row in view
    expect(rows()).toContain('entry 60000')
    expect(rows()).not.toContain('entry 0')
    expect(load).toHaveBeenLastCalledWith(60_000 - 8, expect.any(Number))
  })

  test('rows not loaded yet are quiet placeholders', () => {
    const { container } = list({ item: (i: number) => (i < 3 ? `entry ${i}` : undefined) })
    expect(container.querySelectorAll('.placeholder').length).toBeGreaterThan(0)
    expect(container.querySelector('[role="listitem"]')?.textContent).toBe('entry 0')
  })

  test('reveal scrolls the chosen row into view', async () => {
    const { rows, viewport } = list({ reveal: 5_000 })
    expect(viewport.scrollTop).toBe(5_000 * 50 + 50 - viewport.clientHeight)
    expect(rows()).toContain('entry 5000')
  })
})
