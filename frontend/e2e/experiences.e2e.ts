// Good experiences written by two people on two computers, their changes merged through the
// Go API (the harness's partner): each partner's words on how it felt are shown under their
// own name, and a title both changed at once is shown as a tie, settled with "Keep this one",
// the other title then among the earlier values.
import { expect, test } from 'vitest'
import { callGo, noProblems, partnerFork, partnerWrite, seriousA11yViolations } from './harness'
import { useApp } from './fixture'

const suite = useApp()

interface Listed {
  id: string
  title: string
  feelings: { record: string; name: string; mine: boolean; text: string }[]
}

/** named sets the couple's names: Sam at this computer, Alex at the other. */
async function named(): Promise<void> {
  await callGo(suite.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'weekly' })
}

/** added keeps an experience through Go, as the add form would, and returns it as listed. */
async function added(title: string, status: 'idea' | 'done'): Promise<Listed> {
  const saved = await callGo<{ id: string }>(suite.app, 'api.Experiences.Save', {
    id: '', title, note: '', status, plannedOn: '', doneOn: status === 'done' ? '2026-11-28' : '', howItFelt: '', addedAt: '',
    together: '', fromBefore: false,
  })
  const list = await callGo<Listed[]>(suite.app, 'api.Experiences.List')
  return list.find((e) => e.id === saved.id)!
}

test('how it felt is each partner’s own: both are shown, each with their name', async () => {
  await named()
  const walk = await added('A walk by the river', 'done')
  const alex = walk.feelings.find((f) => !f.mine)!
  expect(alex.name).toBe('Alex')
  await partnerWrite(suite.app, [{ record: alex.record, kind: 'experience-feeling', parent: walk.id, field: 'howItFelt', value: 'I felt close to you again.' }])

  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/experiences`)
  const item = page.getByRole('article', { name: 'A walk by the river' })
  await item.waitFor()
  expect(await item.innerText()).toMatch(/Added by Sam on this computer/)
  await item.getByRole('button', { name: 'Change' }).click()
  await item.getByLabel('How it felt for you (Sam)').fill('Quiet, in a good way.')
  // Alex's words are theirs: there is no field for them here.
  expect(await item.getByRole('textbox', { name: /Alex/ }).count()).toBe(0)
  await item.getByRole('button', { name: 'Keep the changes' }).click()
  await expect.poll(() => item.innerText()).toContain('How it felt for you: Quiet, in a good way.')
  const text = await item.innerText()
  expect(text).toContain('How it felt for Alex: I felt close to you again.')

  await page.reload()
  await page.getByRole('article', { name: 'A walk by the river' }).waitFor()
  const felt = await page.getByRole('article', { name: 'A walk by the river' }).innerText()
  expect(felt).toContain('How it felt for you: Quiet, in a good way.')
  expect(felt).toContain('How it felt for Alex: I felt close to you again.')
  expect(await seriousA11yViolations(page)).toEqual([])
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('a title both changed at once is a tie: both shown, one kept, the other then among the earlier values', async () => {
  await named()
  const cook = await added('Cook something new', 'idea')
  await partnerFork(suite.app)

  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/experiences`)
  const item = page.getByRole('article', { name: 'Cook something new' })
  await item.getByRole('button', { name: 'Change' }).click()
  await item.getByLabel('What it is').fill('Cook a Georgian dish')
  await item.getByRole('button', { name: 'Keep the changes' }).click()
  await page.getByRole('article', { name: 'Cook a Georgian dish' }).waitFor()
  // Meanwhile, on Alex's computer, the same title changed another way.
  await partnerWrite(suite.app, [{ record: cook.id, kind: 'experience', field: 'title', value: 'Cook a Thai curry' }])

  await page.reload()
  const tie = page.getByRole('region', { name: 'You and Alex both changed this. Which should stay?' })
  await tie.waitFor()
  const both = await tie.innerText()
  expect(both).toContain('Cook a Georgian dish')
  expect(both).toContain('Cook a Thai curry')
  expect(both).toMatch(/by Sam on this computer/)
  expect(both).toMatch(/by Alex/)
  expect(await seriousA11yViolations(page)).toEqual([])

  await tie.getByRole('button', { name: 'Keep this one', description: /Cook a Thai curry/ }).click()
  const kept = page.getByRole('article', { name: 'Cook a Thai curry' })
  await kept.waitFor()
  await expect.poll(() => kept.getByRole('region', { name: /both changed this/ }).count()).toBe(0)
  // The earlier values are folded away until asked for.
  const earlier = kept.locator('details')
  expect(await earlier.getAttribute('open')).toBe(null)
  await earlier.locator('summary').click()
  const history = await earlier.innerText()
  expect(history).toContain('Cook a Georgian dish')
  expect(history).toMatch(/Earlier wording by Sam on this computer/)
  expect(history).toContain('Cook something new')
  // The title kept is shown once, as it stands, not again as an earlier one.
  expect(history).not.toContain('Cook a Thai curry')
  expect(problems).toEqual(noProblems())
  await context.close()
})
