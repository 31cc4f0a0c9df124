// Forms that keep still, in real Chromium: a new screen (or the next step) opens at its top,
// whatever the last one was scrolled to, and the passphrase strength meter keeps its place
// while ratings come and go, so the fields and button below it never jump.
import { expect, test } from 'vitest'
import { noProblems } from './harness'
import { useApp } from './fixture'

const welcome = useApp({ fresh: true }) // never set up: choosing a passphrase
const suite = useApp() // set up and unlocked
const rating = { timeout: 20_000 }

test('the strength meter keeps its place while the passphrase is rated', async () => {
  const { page, problems, context } = await welcome.open()
  await page.setViewportSize({ width: 720, height: 820 })
    await page.getByRole('button', { name: 'Begin when you are ready' }).click()
    const again = page.getByLabel('Type it once more')
    await again.waitFor()
    const top = async () => (await again.boundingBox())!.y
    const before = await top()
    const field = page.getByLabel('Passphrase', { exact: true })
    await field.fill('password1')
    // The first rating waits for the word lists to load ("Checking…"), which takes seconds on a
    // busy machine; what this test holds is that nothing moves meanwhile, not how fast it is.
    await expect.poll(() => page.locator('#create-strength').textContent(), rating).toContain('Goldseam needs a stronger one')
    expect(await top()).toBe(before)
    await field.fill('copper kettle under moonlight')
    await expect.poll(() => page.locator('#create-strength').textContent(), rating).toContain('This will do well')
    expect(await top()).toBe(before)
    expect(problems).toEqual(noProblems())
    await context.close()
})

test('every screen, and the next step, opens at its top', async () => {
  const { page, problems, context } = await suite.open()
  await page.setViewportSize({ width: 720, height: 600 })
  await page.getByRole('heading', { level: 1, name: 'Start with step 1' }).waitFor()
  await page.getByRole('link', { name: 'Begin step 1' }).click()
  await page.getByRole('heading', { level: 1, name: /^Step 1/ }).waitFor()
  const next = page.getByRole('navigation', { name: 'Next step' }).getByRole('link', { name: /^Next: step 2/ })
  await next.scrollIntoViewIfNeeded()
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500)
  await next.click()
  await page.getByRole('heading', { level: 1, name: /^Step 2/ }).waitFor()
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)

  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300)
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)

  // Scrolled only a little: the next screen's heading is in sight, so focusing it moves nothing.
  await page.evaluate(() => window.scrollTo(0, 20))
  await page.getByRole('link', { name: 'About', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'About Goldseam' }).waitFor()
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
  expect(problems).toEqual(noProblems())
  await context.close()
})
