// Safety end to end (issue 15): a concern shapes the whole app, Safety and support opens
// before unlocking, and Escape twice hides Goldseam from every screen before the app opens.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { answerFirstRun, callGo, makeVault, launchBrowser, noProblems, openApp, seriousA11yViolations, startApp, windowState, type RunningApp } from './harness'
import { artifactsDir } from './paths'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()
const slow = { timeout: 20_000 }

const passphrase = 'quiet harbour lanterns drifting'

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 720, height: 900 })
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
  await page.screenshot({ path: join(artifactsDir, name), fullPage: true })
  await page.setViewportSize({ width: 1200, height: 820 })
}

describe('a safety concern shapes the whole app', () => {
  test('after a worrying answer: the notice on Home and a step, couple tools set aside but one click away, help for one person first', async () => {
    const app = await startApp()
    await makeVault(app, passphrase)
    const { page, problems, context } = await openApp(browser, app)
    await answerFirstRun(page, { unsafe: true })
    await expect.poll(() => h1(page)).toBe('Your safety comes first')
    await page.getByLabel('Name').fill('Nadia, my sister')
    await page.getByLabel('How to reach them').fill('07700 900123')
    await page.getByRole('button', { name: 'Keep this list and go on' }).click()

    // Home
    await expect.poll(() => h1(page), slow).toBe('Start with step 1')
    const notice = page.getByTestId('concern-notice')
    expect(await notice.innerText()).toContain('Your safety comes first')
    // The couple's tools wait under their own heading, and Home calls for no check-in.
    const homeAside = await page.getByRole('group', { name: 'For when you are both safe' }).innerText()
    for (const tool of ['Agreements', 'Check-ins', 'Good experiences']) expect(homeAside).toContain(tool)
    await shoot(page, 'safety-concern-home-720.png')

    // A step: the notice, and the questions for the two of you set aside until asked for
    await page.goto(`${app.url}/#/program/understand-the-roots`)
    await page.getByRole('heading', { level: 1, name: 'Step 9: Understand the roots' }).waitFor()
    expect(await page.getByTestId('concern-notice').count()).toBe(1)
    expect(await page.getByRole('heading', { level: 2, name: 'For both of you' }).count()).toBe(0)
    expect(await page.getByTestId('set-aside').innerText()).toContain('set aside for when you are both safe')
    expect(await page.getByRole('heading', { level: 2, name: 'If you were hurt' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Show questions for the two of you anyway' }).click()
    await page.getByRole('heading', { level: 2, name: 'For both of you' }).waitFor()

    // Step 1 keeps the same list as Safety and support: one list. Someone noted by step 1's
    // exercise before that is offered to add, not lost.
    await callGo(app, 'api.Program.SaveExercise', 'safety-first', '', { name: 'Dr Okafor', 'how-to-reach': '0123 456' })
    await page.goto(`${app.url}/#/program/safety-first`)
    await page.getByRole('heading', { level: 1, name: 'Step 1: Safety first' }).waitFor()
    await expect.poll(() => page.getByLabel('Name').first().inputValue()).toBe('Nadia, my sister')
    await page.getByRole('button', { name: 'Add to the list' }).click()
    await page.getByRole('button', { name: 'Save the list' }).click()
    await expect.poll(async () => (await callGo<{ contacts: { name: string }[] }>(app, 'api.Profile.Get')).contacts.map((c) => c.name)).toEqual(['Nadia, my sister', 'Dr Okafor'])

    // Check-ins say why they are set aside, and still open with one click
    await page.goto(`${app.url}/#/checkins`)
    await page.getByRole('heading', { level: 1, name: 'Check-ins' }).waitFor()
    const aside = page.getByTestId('set-aside')
    await expect.poll(() => aside.innerText()).toContain('rate how safe you feel, side by side at one keyboard')
    expect(await page.getByRole('heading', { name: 'New check-in' }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Show check-ins anyway' }).click()
    // Shown anyway, Check-ins leads with its one next step (or asks the names first).
    await page.getByRole('button', { name: 'Start a check-in' }).or(page.getByRole('heading', { name: 'Your rhythm' })).first().waitFor()

    // Agreements and good experiences too
    for (const [route, what] of [['agreements', 'Shared agreements'], ['experiences', 'Good experiences']]) {
      await page.goto(`${app.url}/#/${route}`)
      await expect.poll(() => page.getByTestId('set-aside').getByRole('heading').textContent()).toBe(`${what}: set aside for when you are both safe`)
    }

    // Safety and support: help for one person first, no couples therapist "for you both"
    await page.goto(`${app.url}/#/safety`)
    await page.getByRole('heading', { level: 1, name: 'Safety and support' }).waitFor()
    const text = await page.getByRole('main').innerText()
    expect(text).not.toContain('couples therapist can help you both')
    expect(text).toContain('Help for you')
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents()
    expect(headings[0]).toBe('If you are in danger or in crisis now')
    expect(headings.indexOf('Help for you')).toBeGreaterThan(headings.indexOf('People you can turn to'))
    await page.getByLabel('Your country').selectOption('United Kingdom')
    await expect.poll(() => page.getByTestId('helplines').innerText()).toContain('116 123')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByLabel('Your country').selectOption('')
    // No two cards touch, at the widest window and at the narrowest.
    for (const width of [1200, 720]) {
      await page.setViewportSize({ width, height: 900 })
      const boxes = await page.getByRole('main').locator('section.card').evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right })))
      expect(boxes.length, 'cards on Safety and support').toBeGreaterThanOrEqual(4)
      for (let i = 1; i < boxes.length; i++) {
        const [a, b] = [boxes[i - 1], boxes[i]]
        const sideBySide = a.right <= b.left || b.right <= a.left
        if (!sideBySide) expect(b.top - a.bottom, `gap above card ${i} at ${width} px`).toBeGreaterThanOrEqual(12)
      }
    }
    await page.setViewportSize({ width: 1200, height: 820 })
    // The safety check can be taken again from here as well as from Settings.
    expect(await page.getByRole('button', { name: 'Take the safety check again' }).count()).toBe(1)
    await shoot(page, 'safety-page-concern-720.png')

    // Taking the check again from Settings changes the app at once
    await page.goto(`${app.url}/#/settings`)
    await page.getByRole('button', { name: 'Take the safety check again' }).click()
    const groups = page.locator('#settings-retake-heading').locator('..').getByRole('group')
    for (let i = 0; i < 4; i++) await groups.nth(i).getByText(i === 1 ? 'I would rather not say' : 'No', { exact: true }).click()
    await page.getByRole('button', { name: 'Save my answers' }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved. Thank you for taking a moment for this.')
    await page.goto(`${app.url}/#/home`)
    await page.getByTestId('gentle-notice').waitFor()
    expect(await page.getByTestId('concern-notice').count()).toBe(0)
    await page.goto(`${app.url}/#/checkins`)
    // The gentle signal sets nothing aside: Check-ins shows as for anyone.
    await page.getByRole('button', { name: 'Start a check-in' }).or(page.getByRole('heading', { name: 'Your rhythm' })).first().waitFor()
    expect(await page.getByTestId('set-aside').count()).toBe(0)
    expect((await callGo<{ concern: string }>(app, 'api.Profile.Get')).concern).toBe('gentle')

    expect(problems).toEqual(noProblems())
    await context.close()
    await app.stop()
  })
})

describe('Safety and support before unlocking', () => {
  test('opens from the welcome and from the lock screen, without the app around it, and leads back', async () => {
    const app = await startApp()
    const { page, problems, context } = await openApp(browser, app)
    await page.getByRole('heading', { level: 1, name: 'Welcome to Goldseam' }).waitFor(slow)
    await page.getByRole('link', { name: 'Safety and support' }).first().click()
    await expect.poll(() => h1(page)).toBe('Safety and support')
    expect(await page.getByRole('navigation').count()).toBe(0)
    await page.getByLabel('Your country').selectOption('Australia')
    await expect.poll(() => page.getByTestId('helplines').innerText()).toContain('13 11 14')
    expect(await seriousA11yViolations(page)).toEqual([])
    await shoot(page, 'safety-helplines-720.png')
    await page.getByRole('link', { name: 'Back to Goldseam' }).first().click()
    await expect.poll(() => h1(page)).toBe('Welcome to Goldseam')

    await makeVault(app, passphrase)
    await callGo(app, 'api.Profile.Save', {
      role: 'hurt', myName: '', partnerName: '', contacts: [],
      safety: { hurt: 'no', afraid: 'no', control: 'no', pressured: 'no' },
    })
    await callGo(app, 'api.Vault.Lock')
    await page.reload()
    await expect.poll(() => h1(page), slow).toBe('Goldseam is locked')
    await page.getByRole('link', { name: 'Safety and support', exact: true }).click()
    await expect.poll(() => h1(page)).toBe('Safety and support')
    expect(await page.getByRole('navigation').count()).toBe(0)
    expect(await page.getByRole('main').innerText()).toContain('If you are the one frightening or hurting your partner')
    expect((await callGo<{ state: string }>(app, 'api.Vault.Status')).state).toBe('locked')
    await shoot(page, 'safety-page-locked-720.png')
    await page.getByRole('link', { name: 'Back to Goldseam' }).first().click()
    await expect.poll(() => h1(page)).toBe('Goldseam is locked')

    // Locking from Safety and support inside the app leads to the lock screen, not to the page.
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(() => h1(page), slow).toBe('Start with step 1')
    await page.getByRole('link', { name: 'Safety and support', exact: true }).click()
    await expect.poll(() => h1(page)).toBe('Safety and support')
    await page.keyboard.press('Control+l')
    await expect.poll(() => h1(page), slow).toBe('Goldseam is locked')
    expect(problems).toEqual(noProblems())
    await context.close()
    await app.stop()
  })
})

describe('Escape twice hides Goldseam from every screen before the app opens', () => {
  /** escEsc presses Escape twice and checks the quick exit: the hint was shown, the window
   * was asked to hide, the title says nothing, and the neutral page keeps the dark theme. */
  async function escEsc(app: RunningApp, page: Page, where: string): Promise<void> {
    expect(await page.locator('body').innerText(), where).toContain('Press Esc twice to hide Goldseam at once.')
    const before = Number((await windowState(app)).hidden)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.getByTestId('neutral-screen').waitFor()
    await expect.poll(async () => Number((await windowState(app)).hidden), { message: where }).toBe(before + 1)
    expect((await windowState(app)).title, where).toBe('Untitled')
    expect(await page.evaluate(() => document.title), where).toBe('Untitled')
    const background = await page.getByTestId('neutral-screen').evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(background, where).toBe('rgb(28, 26, 23)') // the dark theme's paper, never white
    expect(await page.locator('body').innerText(), where).toBe('Return')
  }

  test('welcome, first run, the concern page and the lock screen', async () => {
    const app = await startApp()
    const { page, problems, context } = await openApp(browser, app, { colorScheme: 'dark' })
    await page.getByRole('heading', { level: 1, name: 'Welcome to Goldseam' }).waitFor(slow)
    await escEsc(app, page, 'welcome')
    await page.getByRole('button', { name: 'Return' }).click()
    await expect.poll(() => h1(page)).toBe('Welcome to Goldseam')

    await makeVault(app, passphrase)
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Where do you stand?' }).waitFor(slow)
    await escEsc(app, page, 'first run')
    expect((await callGo<{ state: string }>(app, 'api.Vault.Status')).state).toBe('locked')
    await page.getByRole('button', { name: 'Return' }).click()
    await expect.poll(() => h1(page)).toBe('Goldseam is locked')
    await escEsc(app, page, 'the lock screen')
    await page.getByRole('button', { name: 'Return' }).click()
    await expect.poll(() => h1(page)).toBe('Goldseam is locked')

    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await answerFirstRun(page, { unsafe: true })
    await expect.poll(() => h1(page), slow).toBe('Your safety comes first')
    await escEsc(app, page, 'the concern page')
    expect((await callGo<{ state: string }>(app, 'api.Vault.Status')).state).toBe('locked')
    expect(problems).toEqual(noProblems())
    await context.close()
    await app.stop()
  })
})
