// A status line that speaks for a few seconds ("Saved.") and then clears itself, and that
// clears at once when the person changes what it spoke of, so no message outlives its news.

/** How long a passing status stays, in milliseconds. */
export const flashMs = 5000

export class Flash {
  text = $state('')
  #ms: number
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(ms = flashMs) {
    this.#ms = ms
  }

  /** show says text now and clears it after a few seconds. */
  show(text: string): void {
    this.clear()
    this.text = text
    this.#timer = setTimeout(() => (this.text = ''), this.#ms)
  }

  /** clear takes the message away now. */
  clear(): void {
    clearTimeout(this.#timer)
    this.text = ''
  }
}
