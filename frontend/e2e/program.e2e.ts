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
