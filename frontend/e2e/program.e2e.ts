// The program's outline and a step, end to end against the real content served by Go.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, noProblems, openApp, seriousA11yViolations, setUpVault, startApp, type RunningApp } from './harness'

let browser: Browser
let app: RunningApp

beforeAll(async () => {
  ;[browser, app] = await Promise.all([launchBrowser(), startApp()])
  await setUpVault(app)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

test('every one of the 21 steps is listed, and a step shows why, both sides and its exercise', async () => {
  const { page, problems, context } = await openApp(browser, app)
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
  expect(await page.locator('.exercise').innerText()).toContain('What you keep:')
  expect(await seriousA11yViolations(page)).toEqual([])
  await page.getByRole('link', { name: 'All steps' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('The program')
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('where the person stands, set in Settings, changes the prompts and the exercise', async () => {
  const { page, problems, context } = await openApp(browser, app)
  const stepHeadings = async () => {
    await page.goto(`${app.url}/#/program/understand-the-roots`)
    await page.getByRole('heading', { level: 1, name: 'Step 9: Understand the roots' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'For both of you' }).waitFor()
    return page.getByRole('heading', { level: 2 }).allTextContents()
  }
  expect(await stepHeadings()).toEqual(expect.arrayContaining(['If you were hurt', 'If you broke trust']))
  for (const [label, shown, hidden] of [
    ['The partner who was hurt', 'If you were hurt', 'If you broke trust'],
    ['The partner who broke trust', 'If you broke trust', 'If you were hurt'],
  ]) {
    await page.goto(`${app.url}/#/settings`)
    await page.getByLabel('You are').selectOption({ label })
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved. The program now speaks to where you stand.')
    const headings = await stepHeadings()
    expect(headings, label).toContain(shown)
    expect(headings, label).not.toContain(hidden)
  }
  const exercise = await page.locator('.exercise h2').textContent()
  expect(exercise).toBe('Looking at the roots')
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('Safety and support is one click away on every screen, and keeps the private list', async () => {
  const { page, problems, context } = await openApp(browser, app)
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
