import { describe, expect, test, vi } from 'vitest'
import { render } from '@testing-library/svelte'
import { createRawSnippet } from 'svelte'
import VirtualList from './VirtualList.svelte'

describe('VirtualList', () => {
  test('puts only the rows in view in the page, and asks only for those', () => {
    const load = vi.fn()
    const row = createRawSnippet((text: () => string) => ({ render: () => `<span>${text()}</span>` }))
    const { container } = render(VirtualList<string>, {
      total: 100_000,
      rowHeight: 50,
      item: (i: number) => `entry ${i}`,
      load,
      row: row as never,
      label: 'Entries',
    })
    const rows = container.querySelectorAll('[role="listitem"]')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThan(60)
    expect(rows[0].textContent).toBe('entry 0')
    expect(load).toHaveBeenCalledWith(0, rows.length)
    const spacer = container.querySelector('.spacer') as HTMLElement
    expect(spacer.style.height).toBe(`${100_000 * 50}px`)
  })
})
