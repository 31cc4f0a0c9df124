// Steps in the check-in form that several files take the same way.
import type { Page } from 'playwright-core'

/** fillAnswer fills the check-in form's answer of name (trust, what was hard) and keeps it. */
export async function fillAnswer(page: Page, name: string, trust: string, hard: string): Promise<void> {
  const mine = page.getByRole('group', { name, exact: true })
  await mine.getByLabel('Trust').fill(trust)
  await mine.getByLabel('What was hard').fill(hard)
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
}
