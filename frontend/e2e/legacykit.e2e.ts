// A vault an older Goldseam made (key format 1: the kit wraps the master key itself, and
// its public key is not stored), opened with the passphrase, in Chromium against the real
// Go services. Changing the passphrase cannot keep that kit: Settings says so before the
// change, the new kit is shown at once through the kit screen (a reload does not skip it),
// the old kit opens nothing and the new one does; a replacement left unconfirmed is named
// as such on Home and in Settings.
//
// e2e/fixtures/legacy-v1-floor.db was written by Goldseam at commit 0600974 (before key
// format 2) at the floor Argon2id cost, so the shipped code opens it as a person's file;
// passphrase "legacy passphrase", kit in legacy-v1-floor.kit. See e2e/fixtures/README.md.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, afterAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { callGo, launchBrowser, noProblems, openApp, seriousA11yViolations, startApp, type GuardedPage, type RunningApp } from './harness'

const fixtures = join(import.meta.dirname, 'fixtures')
const oldKit = readFileSync(join(fixtures, 'legacy-v1-floor.kit'), 'utf8').trim()
const legacy = 'legacy passphrase'
const next = 'violet ladder beneath river stones'
const slow = { timeout: 30_000 }

let browser: Browser
let app: RunningApp | undefined
let guarded: GuardedPage | undefined
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
})
afterEach(async () => {
  await guarded?.context.close()
  await app?.stop()
  guarded = app = undefined
})
afterAll(async () => {
  await browser?.close()
})

/** openLegacy starts the app on a copy of the old data file and unlocks it with the passphrase. */
async function openLegacy(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'goldseam-e2e-legacy-'))
  copyFileSync(join(fixtures, 'legacy-v1-floor.db'), join(dir, 'goldseam.db'))
  app = await startApp(dir)
  guarded = await openApp(browser, app)
  page = guarded.page
  await expect.poll(h1).toBe('Goldseam is locked')
  await page.getByLabel('Passphrase', { exact: true }).fill(legacy)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Settings', exact: true }).count(), slow).toBe(1)
}

const h1 = () => page.getByRole('heading', { level: 1 }).textContent()
const status = () =>
  callGo<{ state: string; kitId: string; kitReplaced: boolean; recoveryConfirmed: boolean; passphraseChangeReplacesKit: boolean }>(
    app!,
    'api.Vault.Status',
  )
const goErr = (p: Promise<unknown>) => p.then(() => 'opened', (e: Error) => e.message)

async function readKit(): Promise<string[]> {
  return (await page.getByRole('list', { name: 'Recovery key, nine groups' }).locator('li').allTextContents()).map((t) =>
    t.replace(/^\d/, '').trim(),
  )
}

async function typeKitBack(groups: string[]) {
  const labels = await page.locator('form label').allTextContents()
  const numbers = labels.map((l) => Number(l.match(/Group (\d)/)?.[1]))
  await page.getByLabel(`Group ${numbers[0]}`).fill(groups[numbers[0] - 1])
  await page.getByLabel(`Group ${numbers[1]}`).fill(groups[numbers[1] - 1])
  await page.getByRole('button', { name: 'I have kept my kit' }).click()
}

describe('changing the passphrase of a vault from before key format 2', () => {
  test('is warned about first, then shows the new kit at once; the old kit stops working and the new one opens', { timeout: 120_000 }, async () => {
    await openLegacy()
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(h1).toBe('Settings')
    const warning = 'Changing your passphrase also replaces your recovery kit: the one you have now will stop working'
    await expect.poll(() => page.getByText(warning).count()).toBe(1)
    expect((await status()).passphraseChangeReplacesKit).toBe(true)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByLabel('Your passphrase now').fill(legacy)
    await page.getByLabel('New passphrase').fill(next)
    await page.locator('#change-again').fill(next)
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await expect.poll(h1, slow).toBe('Your recovery kit')
    await expect.poll(() => page.getByText('This new kit takes the place of your old one, which no longer works.').count()).toBe(1)
    const groups = await readKit()
    expect(groups.join('-')).not.toBe(oldKit)
    const made = await status()
    expect(made).toMatchObject({ kitReplaced: true, recoveryConfirmed: false, passphraseChangeReplacesKit: false })

    // No way past it silently: a reload comes back to the same kit.
    await page.reload()
    await expect.poll(h1, slow).toBe('Your recovery kit')
    expect(await readKit()).toEqual(groups)
    await typeKitBack(groups)
    await expect.poll(h1).toBe('Settings')
    await expect.poll(() => page.getByText(`Your recovery kit ${made.kitId} is in place.`).count()).toBe(1)
    expect(await page.getByText(warning).count()).toBe(0)

    await callGo(app!, 'api.Vault.Lock')
    expect(await goErr(callGo(app!, 'api.Vault.UnlockWithRecoveryKey', oldKit))).toContain('wrong_passphrase')
    expect(await goErr(callGo(app!, 'api.Vault.UnlockWithRecoveryKey', groups.join('-')))).toBe('opened')
    expect((await status()).state).toBe('recovering')
    expect(guarded!.problems).toEqual(noProblems())
  })

  test('a replacement kit left unconfirmed is named on Home and in Settings as the old one no longer working', { timeout: 120_000 }, async () => {
    await openLegacy()
    // The change through Go, then a lock before the new kit is confirmed (it leaves memory).
    await callGo(app!, 'api.Vault.ChangePassphrase', legacy, next)
    await callGo(app!, 'api.Vault.Lock')
    await expect.poll(h1).toBe('Goldseam is locked')
    await page.getByLabel('Passphrase', { exact: true }).fill(next)
    await page.getByRole('button', { name: 'Unlock' }).click()
    const banner = page.getByRole('complementary', { name: 'Recovery kit' })
    await expect.poll(() => banner.textContent(), slow).toContain('Your old recovery kit no longer works')
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(h1).toBe('Settings')
    await expect.poll(() => page.getByText('Your old recovery kit no longer works, and its replacement was not finished.').count()).toBe(1)

    await page.locator('#kit-passphrase').fill(next)
    await page.getByRole('button', { name: 'Make a new recovery kit' }).click()
    await expect.poll(h1, slow).toBe('Your recovery kit')
    await typeKitBack(await readKit())
    await expect.poll(h1).toBe('Settings')
    expect(await banner.count()).toBe(0)
    expect(await status()).toMatchObject({ kitReplaced: false, recoveryConfirmed: true })
    expect(guarded!.problems).toEqual(noProblems())
  })
})
