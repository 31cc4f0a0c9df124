// How a failed Go call reaches the interface: Wails rejects the promise with an Error whose
// message is the JSON written by internal/apperr.Format. Views only ever see AppError.

export type ErrorCode =
  | 'locked'
  | 'wrong_passphrase'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'unavailable'
  | 'internal'

const codes: ReadonlySet<string> = new Set<ErrorCode>([
  'locked',
  'wrong_passphrase',
  'not_found',
  'invalid',
  'conflict',
  'unavailable',
  'internal',
])

// Said when a failure arrives in a shape we do not know (a bug, or the bridge itself failing).
const fallbackMessage = 'Something went wrong inside Goldseam. Nothing you saved before this was lost. Please try again.'

export class AppError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
  }
}

/** toAppError turns whatever a rejected call gave us into an AppError with a person-facing message. */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason
  const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : ''
  try {
    const payload = JSON.parse(text) as { code?: unknown; message?: unknown }
    if (typeof payload.code === 'string' && codes.has(payload.code) && typeof payload.message === 'string') {
      return new AppError(payload.code as ErrorCode, payload.message)
    }
  } catch {
    // not our JSON: fall through
  }
  return new AppError('internal', fallbackMessage)
}
