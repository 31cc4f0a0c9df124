import { describe, expect, test, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/svelte'
import { AppError } from '../../lib/errors'
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
  test('a weak passphrase is explained and never reaches Go', async () => {
    const { onchoose, user } = setup()
    await user.type(screen.getByLabelText('Passphrase'), 'letmein1')
    await user.type(screen.getByLabelText('Type it once more'), 'letmein1')
    await user.click(screen.getByRole('button', { name: 'Choose' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/./)
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
