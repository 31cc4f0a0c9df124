import { describe, expect, test, vi } from 'vitest'
import { render, screen, within } from '@testing-library/svelte'

vi.mock('../../lib/api', () => ({ api: { system: { info: () => Promise.resolve({ name: 'Goldseam', version: 'test' }) } } }))
const { default: AboutPage } = await import('./AboutPage.svelte')

describe('About', () => {
  test('cites the evidence the program follows beside the four articles it grew from, and says no clinician reviewed it', () => {
    render(AboutPage)
    const evidence = within(screen.getByRole('region', { name: 'The evidence it follows' })).getAllByRole('listitem')
    const text = evidence.map((li) => li.textContent?.replace(/\s+/g, ' ') ?? '')
    for (const [author, title, year] of [
      ['Shirley P. Glass', 'Not “Just Friends”', '2003'],
      ['Janis Abrahms Spring', 'After the Affair', '1996'],
      ['John M. Gottman', 'What Makes Love Last?', '2012'],
      ['Douglas K. Snyder, Donald H. Baucom and Kristina Coop Gordon', 'Getting Past the Affair', '2007'],
      ['Susan M. Johnson', 'Attachment injuries in couple relationships', '2001'],
    ]) {
      expect(text.some((t) => t.includes(author) && t.includes(title) && t.includes(`(${year})`)), title).toBe(true)
    }
    expect(screen.getByRole('region', { name: 'The evidence it follows' }).textContent).toContain('No clinician has reviewed this program.')
    const articles = within(screen.getByRole('region', { name: 'Where it began' })).getAllByRole('listitem')
    expect(articles).toHaveLength(4)
    expect(articles[0].textContent).toContain('Jennice Vilhauer')
  })
})
