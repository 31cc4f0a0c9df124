import { describe, expect, test } from 'vitest'
import { render } from '@testing-library/svelte'
import DateWords from './DateWords.svelte'

describe('DateWords', () => {
  test('says a chosen day in words beside its field', () => {
    const { container } = render(DateWords, { date: '2026-12-08' })
    expect(container.textContent).toMatch(/Tuesday,? 8 December 2026/)
  })

  test('says nothing while the field is empty or half typed', () => {
    expect(render(DateWords, { date: '' }).container.textContent?.trim()).toBe('')
    expect(render(DateWords, { date: '0002-1' }).container.textContent?.trim()).toBe('')
  })
})
