import { describe, expect, test } from 'vitest'
import { render, screen } from '@testing-library/svelte'
import type { Earlier } from '../api'
import History from './History.svelte'

const year = new Date().getFullYear()
const earlier: Earlier[] = [
  { field: 'title', value: 'Long walks', by: { role: 'partner-2', name: 'Sam', at: `${year}-05-03T12:00:00Z`, here: false } },
  { field: 'note', value: 'if dry', by: { role: 'partner-1', name: 'Alex', at: `${year}-05-02T12:00:00Z`, here: true } },
]

describe('History', () => {
  test('lists each earlier value, newest first as given, with who wrote it and when', () => {
    render(History, { earlier, describe: (field: string, value: unknown) => `${field}: ${String(value)}` })
    const items = screen.getAllByRole('listitem')
    expect(items).toHaveLength(2)
    expect(items[0]).toHaveTextContent('title: Long walks')
    expect(items[0]).toHaveTextContent('Earlier wording by Sam, 3 May')
    expect(items[1]).toHaveTextContent('note: if dry')
    expect(items[1]).toHaveTextContent('Earlier wording by Alex on this computer, 2 May')
  })

  test('says nothing when nothing was changed', () => {
    const { container } = render(History, { earlier: [], describe: () => 'x' })
    expect(container.textContent?.trim()).toBe('')
  })
})
