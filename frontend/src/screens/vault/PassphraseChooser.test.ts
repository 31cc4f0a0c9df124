import { beforeEach, describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/svelte'
import { AppError } from '../../lib/errors'
import type { PassphraseRating } from '../../lib/api'

// A fake Go: the rule itself lives in Go (internal/strength, tested there and through the
// real window in e2e/vault.e2e.ts); here only what the chooser does with its answers.
const weak: PassphraseRating = {
  score: 1,
  label: 'Weak',
  warning: 'This is very close to a commonly used password.',
  suggestions: ['Add another word or two that have nothing to do with each other.'],
  acceptable: false,
  refusal: 'This is very close to a commonly used password.',
}
const strong: PassphraseRating = { score: 4, label: 'Very strong', warning: '', suggestions: [], acceptable: true, refusal: '' }
const fakeGo = async (p: string): Promise<PassphraseRating> => (p.includes(' ') ? strong : weak)
const ratePassphrase = vi.fn(fakeGo)
vi.mock('../../lib/api', () => ({ api: { vault: { ratePassphrase: (p: string) => ratePassphrase(p) } } }))

import PassphraseChooser from './PassphraseChooser.svelte'

function setup(onchoose = vi.fn(async () => {})) {
  render(PassphraseChooser, { idPrefix: 't', submitLabel: 'Choose', busyLabel: 'Working', onchoose })
  // fireEvent rather than user-event: what matters here is the value, not each keystroke.
  const user = {
    type: (el: HTMLElement, text: string) => fireEvent.input(el, { target: { value: text } }),
    click: (el: HTMLElement) => fireEvent.click(el),
  }
  return { onchoose, user }
}

describe('PassphraseChooser', () => {
  beforeEach(() => {
    ratePassphrase.mockReset()
    ratePassphrase.mockImplementation(fakeGo)
  })

  test('a weak passphrase is explained in Go words and never reaches onchoose', async () => {
    const { onchoose, user } = setup()
    await user.type(screen.getByLabelText('Passphrase'), 'letmein1')
    await user.type(screen.getByLabelText('Type it once more'), 'letmein1')
    await user.click(screen.getByRole('button', { name: 'Choose' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(weak.refusal)
    expect(ratePassphrase).toHaveBeenCalledWith('letmein1')
    expect(onchoose).not.toHaveBeenCalled()
  })

  test('the meter shows Go’s rating after typing pauses, and says it is checking until then', async () => {
    let answer: (r: PassphraseRating) => void = () => {}
    ratePassphrase.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
    setup()
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'letmein1' } })
    expect(await screen.findByText('Checking…')).toBeInTheDocument()
    await vi.waitFor(() => expect(ratePassphrase).toHaveBeenLastCalledWith('letmein1'))
    answer(weak)
    expect(await screen.findByText('Strength: Weak.')).toBeInTheDocument()
    expect(screen.getByText(weak.warning)).toBeInTheDocument()
    expect(screen.getByText(weak.suggestions[0])).toBeInTheDocument()
    expect(screen.getByText(/Goldseam needs a stronger one/)).toBeInTheDocument()
    expect(screen.queryByText('Checking…')).toBeNull()
  })

  test('a rating that cannot be had is said, and nothing is handed on', async () => {
    ratePassphrase.mockRejectedValue(new AppError('internal', 'Something went wrong inside Goldseam.'))
    const { onchoose, user } = setup()
    await user.type(screen.getByLabelText('Passphrase'), 'amber harbour stitches thunder')
    await user.type(screen.getByLabelText('Type it once more'), 'amber harbour stitches thunder')
    await user.click(screen.getByRole('button', { name: 'Choose' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong inside Goldseam.')
    expect(onchoose).not.toHaveBeenCalled()
  })

  test('two different entries are caught before Go', async () => {
    const { onchoose, user } = setup()
    await user.type(screen.getByLabelText('Passphrase'), 'amber harbour stitches thunder')
    await user.type(screen.getByLabelText('Type it once more'), 'amber harbour stitches thunde')
    await user.click(screen.getByRole('button', { name: 'Choose' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('not the same')
    expect(onchoose).not.toHaveBeenCalled()
  })

  test('a strong passphrase typed twice is handed on; a refusal from Go is shown', async () => {
    const onchoose = vi.fn(async () => {
      throw new AppError('invalid', 'Go said no, kindly.')
    })
    const { user } = setup(onchoose)
    await user.type(screen.getByLabelText('Passphrase'), 'amber harbour stitches thunder')
    await user.type(screen.getByLabelText('Type it once more'), 'amber harbour stitches thunder')
    await user.click(screen.getByRole('button', { name: 'Choose' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Go said no, kindly.')
    expect(onchoose).toHaveBeenCalledWith('amber harbour stitches thunder', '')
  })

  test('Show reveals what was typed', async () => {
    const { user } = setup()
    const input = screen.getByLabelText('Passphrase')
    expect(input).toHaveAttribute('type', 'password')
    await user.click(screen.getAllByRole('button', { name: 'Show' })[0])
    expect(input).toHaveAttribute('type', 'text')
  })
})
