import { describe, expect, test } from 'vitest'
import { AppError, toAppError } from './errors'

describe('toAppError', () => {
  test('reads the code and message Go sent', () => {
    const err = toAppError(new Error(JSON.stringify({ code: 'locked', message: 'Goldseam is locked.' })))
    expect(err).toBeInstanceOf(AppError)
    expect(err.code).toBe('locked')
    expect(err.message).toBe('Goldseam is locked.')
  })

  test('never shows text it does not recognise', () => {
    for (const reason of [
      new Error('sql: database is locked at /home/ann/goldseam.db'),
      'plain string',
      undefined,
      new Error(JSON.stringify({ code: 'made_up', message: 'x' })),
      new Error(JSON.stringify({ code: 'invalid' })),
    ]) {
      const err = toAppError(reason)
      expect(err.code).toBe('internal')
      expect(err.message).not.toContain('goldseam.db')
      expect(err.message).toMatch(/Nothing you saved before this was lost/)
    }
  })
})
