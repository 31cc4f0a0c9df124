import { describe, expect, test } from 'vitest'
import { render, screen } from '@testing-library/svelte'
import StrengthMeter from './StrengthMeter.svelte'

const weak = { score: 1, label: 'weak', acceptable: false, warning: 'This is a very common word.', suggestions: ['Add another word or two.'], refusal: 'Please choose a stronger passphrase.' }

describe('StrengthMeter', () => {
  test('says Checking… while a newer rating is on its way, instead of the old verdict', () => {
    render(StrengthMeter, { id: 'm', strength: weak, checking: true })
    expect(screen.getByText('Checking…')).toBeInTheDocument()
    expect(screen.queryByText(/Strength: weak/)).toBeNull()
  })

  test('gives the verdict once the rating is in', () => {
    render(StrengthMeter, { id: 'm', strength: weak, checking: false })
    expect(screen.getByText(/Strength: weak/)).toBeInTheDocument()
    expect(screen.queryByText('Checking…')).toBeNull()
  })
})
