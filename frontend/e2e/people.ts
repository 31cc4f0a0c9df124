// Taking turns on one computer: the steps two people who share one data folder take in the
// page, for the files that test them (vaults.e2e.ts, and any that builds on it). Only one
// person's Goldseam is open at a time: each turn begins at "Who is using Goldseam?" and ends
// with the Lock button.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { answerFirstRun } from './harness'

/** Unlocking runs Argon2id (a quarter of a gigabyte): more than a second. */
export const slow = { timeout: 20_000 }
export const h1 = (page: Page) => () => page.getByRole('heading', { level: 1 }).textContent()

/** A person who uses Goldseam on the shared computer. */
export interface Person {
  name: string
  passphrase: string
  /** What "Who is using Goldseam?" shows for them: their name, or "Someone else" while they hide it. */
  shownAs: () => string
}

/** person describes someone; they show their name unless hidden is set. */
export function person(name: string, passphrase: string, hidden = false): Person & { hidden: boolean } {
  const p = { name, passphrase, hidden, shownAs: () => (p.hidden ? 'Someone else' : name) }
  return p
}

/** lockForNext presses Lock and waits for "Who is using Goldseam?", where the next turn begins. */
export async function lockForNext(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Lock/ }).click()
  await expect.poll(h1(page)).toBe('Who is using Goldseam?')
}

/** switchTo picks p on "Who is using Goldseam?" and unlocks with their passphrase; the page is then theirs. */
export async function switchTo(page: Page, p: Person): Promise<void> {
  await expect.poll(h1(page)).toBe('Who is using Goldseam?')
  await page.getByTestId('person').filter({ hasText: p.shownAs() }).click()
  await expect.poll(h1(page)).toBe('Goldseam is locked')
  await page.getByLabel('Passphrase', { exact: true }).fill(p.passphrase)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect.poll(h1(page), slow).not.toBe('Goldseam is locked')
}

/** setUpNewcomer is the invited person's first turn: "I'm new here", a passphrase, the
 * recovery kit typed back, and the first-run questions. */
export async function setUpNewcomer(page: Page, p: Person, partner: string, role?: string): Promise<void> {
  await page.getByTestId('someone-new').click()
  await expect.poll(h1(page)).toBe('Welcome to Goldseam')
  await page.getByRole('button', { name: 'Begin when you are ready' }).click()
  await page.getByLabel('Passphrase', { exact: true }).fill(p.passphrase)
  await page.getByLabel('Type it once more').fill(p.passphrase)
  await page.getByRole('button', { name: 'Lock my Goldseam with this' }).click()
  const kit = page.getByRole('list', { name: 'Recovery key, nine groups' })
  await kit.waitFor(slow)
  const groups = (await kit.locator('li').allTextContents()).map((t) => t.replace(/^\d/, '').trim())
  const labels = await page.locator('form label').allTextContents()
  const numbers = labels.map((l) => Number(l.match(/Group (\d)/)?.[1])).filter((n) => n > 0)
  for (const n of numbers) await page.getByLabel(`Group ${n}`).fill(groups[n - 1])
  await page.getByRole('button', { name: 'I have kept my kit' }).click()
  await answerFirstRun(page, { role, myName: p.name, partnerName: partner })
}

/** openSettingsSharing goes to Settings and waits for the sharing section. */
export async function openSettingsSharing(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/settings`)
  await page.locator('section[aria-labelledby="sharing-heading"]').waitFor()
}
