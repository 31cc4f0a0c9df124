// The program's outline and a step, end to end against the real content served by Go.
import { expect, test } from 'vitest'
import { resolve } from 'node:path'
import { artifactsDir } from './paths'
import { answerFirstRun, callGo, makeVault, noProblems, openApp, seriousA11yViolations, startApp } from './harness'
import { useApp } from './fixture'

const suite = useApp()

test('every one of the 21 steps is listed, and a step shows why, both sides and its exercise', async () => {
  const { page, problems, context } = await suite.open()
  await page.getByRole('link', { name: 'Program', exact: true }).click()
  const steps = page.getByRole('link', { name: /^Step \d+/ })
  await expect.poll(() => steps.count()).toBe(21)
  expect(await page.getByRole('heading', { level: 2 }).count()).toBe(8)
  expect(await seriousA11yViolations(page)).toEqual([])

  await page.getByRole('link', { name: /Step 9 Understand the roots/ }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Step 9: Understand the roots')
  for (const heading of ['Why this matters', 'If you were hurt', 'If you broke trust', 'For both of you']) {
    expect(await page.getByRole('heading', { level: 2, name: heading }).count(), heading).toBe(1)
  }
  // Someone who has not said where they stand sees both partners' exercises (7200a17).
  const exercises = await page.locator('.exercise').all()
  expect(exercises.length).toBe(2)
  for (const exercise of exercises) expect(await exercise.innerText()).toContain('What you keep:')
  expect(await seriousA11yViolations(page)).toEqual([])
  await page.getByRole('link', { name: 'All steps' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('The program')
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('where the person stands, set in Settings, changes the prompts and the exercise', async () => {
  const { page, problems, context } = await suite.open()
  const stepHeadings = async () => {
    await page.goto(`${suite.app.url}/#/program/understand-the-roots`)
    await page.getByRole('heading', { level: 1, name: 'Step 9: Understand the roots' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'For both of you' }).waitFor()
    return page.getByRole('heading', { level: 2 }).allTextContents()
  }
  // Someone who preferred not to say sees both partners' prompts and both exercises, each
  // keeping its own answers.
  expect(await stepHeadings()).toEqual(expect.arrayContaining(['If you were hurt', 'If you broke trust']))
  expect(await page.locator('.exercise h2').allTextContents()).toEqual(['What you want to understand', 'Looking at the roots'])
  await page.getByLabel('Patterns I recognise in myself').fill('Going quiet instead of saying what was wrong.')
  await page.locator('.exercise').nth(1).getByRole('button', { name: 'Keep this' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept.')
  await page.reload()
  await expect.poll(() => page.getByLabel('Patterns I recognise in myself').inputValue()).toBe('Going quiet instead of saying what was wrong.')
  expect(await page.getByLabel('What I have learned so far').inputValue()).toBe('')
  for (const [label, shown, hidden] of [
    ['The partner who was hurt', 'If you were hurt', 'If you broke trust'],
    ['The partner who broke trust', 'If you broke trust', 'If you were hurt'],
  ]) {
    await page.goto(`${suite.app.url}/#/settings`)
    await page.getByLabel('You are').selectOption({ label })
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved. The program now speaks to where you stand.')
    const headings = await stepHeadings()
    expect(headings, label).toContain(shown)
    expect(headings, label).not.toContain(hidden)
  }
  expect(await page.locator('.exercise h2').allTextContents()).toEqual(['Looking at the roots'])

  // "We both broke trust": both sides' prompts and exercises, named as the person's own.
  await page.goto(`${suite.app.url}/#/settings`)
  await page.getByLabel('You are').selectOption({ label: 'We both broke trust' })
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved. The program now speaks to where you stand.')
  const headings = await stepHeadings()
  expect(headings).toEqual(expect.arrayContaining(['Where you were hurt', 'Where you broke trust']))
  expect(headings).not.toContain('If you were hurt')
  expect(await page.locator('.exercise .for').allTextContents()).toEqual(['For the hurt you carry', 'For the trust you broke'])
  expect(await page.locator('.exercise h2').allTextContents()).toEqual(['What you want to understand', 'Looking at the roots'])
  expect(await seriousA11yViolations(page)).toEqual([])
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('steps 2, 3 and 20 carry their new titles under their old ids, and step 2 says the affair ends first', async () => {
  const { page, problems, context } = await suite.open()
  for (const [id, title, says] of [
    ['decide-to-commit', 'Step 2: Decide whether to try, for now', 'If there was an affair, it ends first'],
    ['expect-a-long-road', 'Step 3: Expect a long road', 'Signs it is time for professional help'],
    ['forgive', 'Step 20: Thinking about forgiveness', 'Acceptance without forgiveness'],
  ]) {
    await page.goto(`${suite.app.url}/#/program/${id}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title)
    await page.getByRole('heading', { level: 3, name: says }).waitFor()
    expect(await seriousA11yViolations(page), id).toEqual([])
    await page.screenshot({ path: resolve(artifactsDir, `program-${id}.png`), fullPage: true })
  }
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('Safety and support is one click away on every screen, and keeps the private list', async () => {
  const { page, problems, context } = await suite.open()
  for (const screen of ['Home', 'Program', 'Journal', 'Agreements', 'Check-ins', 'Settings', 'About']) {
    await page.getByRole('link', { name: screen, exact: true }).click()
    await page.getByRole('link', { name: 'Safety and support' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Safety and support')
  }
  await page.getByLabel('Name').first().fill('My sister')
  await page.getByLabel('How to reach them').first().fill('the number in my phone')
  await page.getByRole('button', { name: 'Save the list' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Your list is saved.')
  await page.reload()
  await page.getByRole('link', { name: 'Safety and support' }).click()
  await expect.poll(() => page.getByLabel('Name').first().inputValue()).toBe('My sister')
  expect(await seriousA11yViolations(page)).toEqual([])
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('a step keeps its state and its exercise; the trust appraisal shows earlier answers beside new ones', async () => {
  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/settings`)
  await page.getByLabel('You are').selectOption({ label: 'The partner who was hurt' })
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.goto(`${suite.app.url}/#/program/weigh-trust-honestly`)
  await page.getByRole('heading', { level: 2, name: 'Weighing trust, over time' }).waitFor()
  const question = 'Does your partner seem truly sorry, and ready to put things right?'
  await page.getByLabel(question).fill('Not yet.')
  await page.getByRole('button', { name: 'Keep this' }).click()
  await expect.poll(() => page.locator('table tbody tr').first().innerText()).toContain('Not yet.')
  await page.getByLabel(question).fill('More than in spring.')
  await page.getByRole('button', { name: 'Keep this answer too' }).click()
  await expect.poll(async () => (await page.locator('table thead th').count())).toBe(3)
  const row = await page.locator('table tbody tr').first().innerText()
  expect(row).toContain('Not yet.')
  expect(row).toContain('More than in spring.')

  await page.getByText('In progress', { exact: true }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved.')
  await page.getByRole('link', { name: 'All steps' }).click()
  await expect.poll(() => page.getByRole('link', { name: /Step 19/ }).innerText()).toContain('In progress')

  // The apology draft points gently at words that slip into justification.
  await page.goto(`${suite.app.url}/#/settings`)
  await page.getByLabel('You are').selectOption({ label: 'The partner who broke trust' })
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.goto(`${suite.app.url}/#/program/a-sincere-apology`)
  const draft = page.locator('.exercise textarea').first()
  await draft.fill('I am sorry, but I was lonely because you worked late.')
  await expect.poll(() => page.locator('.exercise .hint').count()).toBe(2)
  await page.getByRole('button', { name: 'Keep this' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept.')
  await page.reload()
  await expect.poll(() => page.locator('.exercise textarea').first().inputValue()).toContain('because you worked late')
  expect(await seriousA11yViolations(page)).toEqual([])
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('a journal exercise opens the journal at a new entry that belongs to the step', async () => {
  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/program/make-room-for-the-storm`)
  await page.getByRole('button', { name: 'Write in your journal' }).click()
  await page.getByRole('region', { name: 'New entry' }).waitFor()
  await page.getByLabel('What is on your mind').fill('A storm of a day, written from step six.')
  await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toBe('Saved')
  const list = await callGo<{ entries: { id: string }[] }>(suite.app, 'api.Journal.List', 0, 50)
  const entries = await Promise.all(list.entries.map((e) => callGo<{ body: string; step: string }>(suite.app, 'api.Journal.Get', e.id)))
  expect(entries.find((e) => e.body.startsWith('A storm of a day'))?.step).toBe('make-room-for-the-storm')
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('the About page says what Goldseam is and is not, credits its sources, and explains privacy', async () => {
  const { page, problems, context } = await suite.open()
  await page.getByRole('link', { name: 'About', exact: true }).click()
  // The click only asks for the route; read the page once its heading is drawn, not Home's.
  await page.getByRole('heading', { level: 1, name: 'About Goldseam' }).waitFor()
  const text = await page.locator('main').innerText()
  for (const want of [
    'a self-help companion, not therapy',
    'counsellor',
    '21 steps in eight phases',
    '“How to Rebuild Trust With Someone Who Hurt You”, by Jennice Vilhauer',
    '“How to rebuild trust in your relationship: 11 important steps”, by Genefe Navilon',
    'Human Relationship Skills',
    'Goldseam makes no network connections at all',
    'Not “Just Friends” (2003)',
    'Getting Past the Affair (2007)',
    'No clinician has reviewed this program.',
  ]) {
    expect(text, want).toContain(want)
  }
  expect(await seriousA11yViolations(page)).toEqual([])
  await page.screenshot({ path: resolve(artifactsDir, 'about.png'), fullPage: true })
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('"We both broke trust" can be chosen at first run, and the program then speaks to both sides as the person\'s own', async () => {
  const fresh = await startApp()
  try {
    await makeVault(fresh)
    const { page, problems, context } = await openApp(suite.browser, fresh)
    await page.getByRole('heading', { level: 1, name: 'Where do you stand?' }).waitFor({ timeout: 20_000 })
    await page.getByText('We both broke trust').click()
    await page.screenshot({ path: resolve(artifactsDir, 'firstrun-both-broke-trust.png'), fullPage: true })
    await answerFirstRun(page, { role: 'We both broke trust' })
    await expect.poll(async () => (await callGo<{ role: string }>(fresh, 'api.Profile.Get')).role).toBe('both')
    await page.goto(`${fresh.url}/#/program/decide-to-commit`)
    await page.getByRole('heading', { level: 2, name: 'Where you broke trust' }).waitFor()
    expect(await page.getByRole('heading', { level: 2, name: 'Where you were hurt' }).count()).toBe(1)
    expect(problems).toEqual(noProblems())
    await context.close()
  } finally {
    await fresh.stop()
  }
})
