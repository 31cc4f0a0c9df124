// Bringing a journal from another app through Settings: a Day One export of three journals
// is shown before anything is written (entries, dates, journals), imported with a progress
// bar, and the result adds up; importing it again adds nothing. Screenshots:
// build/test-artifacts/import-*.png. A Daylio export: moods and activities come in as mood and
// feelings, and the rows Goldseam cannot keep are named in the preview and the result.
import { afterAll, expect, test } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { answerSaveDialog, callGo, noProblems, seriousA11yViolations } from './harness'
import { useApp } from './fixture'
import { artifactsDir, repoRoot } from './paths'
import { dayOneExport, expectAddsUp, importThroughScreen } from './importing'

const files = mkdtempSync(join(tmpdir(), 'goldseam-e2e-import-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))

const suite = useApp()

test('a Day One export of three journals: preview, progress, a result that adds up, and once only', async () => {
  const zip = join(files, 'Export-All Journals.zip')
  // Large enough that the bar is seen moving; three journals as Day One writes them.
  writeFileSync(zip, dayOneExport({ Journal: 4000, Travel: 1500, 'Work notes': 500 }))
  const { page, problems, context } = await suite.open()
  await page.setViewportSize({ width: 1000, height: 900 })

  const first = await importThroughScreen(page, suite.app, 'Day One', zip, join(artifactsDir, 'import-dayone'))
  expect(first.preview).toContain('Export-All Journals.zip holds 6,000 entries')
  expect(first.preview).toContain('Journals: Journal, Travel, Work notes.')
  expect(first.preview).toMatch(/from (January 1, 2019|1 January 2019) to/)
  expect(first.sawProgress).toBe(true)
  expect(first.result).toContain('6,000 entries added.')
  expectAddsUp(first.result, 6000)
  const list = await callGo<{ total: number }>(suite.app, 'api.Journal.List', 0, 1)
  expect(list.total).toBe(6000)
  // Weather and places never come in.
  expect((await callGo<{ total: number }>(suite.app, 'api.Journal.Search', 'Cloudy', 10)).total).toBe(0)
  expect(await seriousA11yViolations(page)).toEqual([])

  // The same file again, at the narrowest window: everything is already here.
  await page.setViewportSize({ width: 720, height: 900 })
  await page.reload()
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Bring in a journal from another app' }) })
  await card.scrollIntoViewIfNeeded()
  await card.screenshot({ path: join(artifactsDir, 'import-choose-720.png') })
  await answerSaveDialog(suite.app, zip)
  await card.getByRole('button', { name: 'From Day One', exact: true }).click()
  await expect.poll(() => card.getByTestId('import-preview').textContent(), { timeout: 30_000 }).toContain('6,000 entries are already here')
  expect(await card.getByText('Everything in this file is here already').count()).toBe(1)
  await card.screenshot({ path: join(artifactsDir, 'import-again-720.png') })
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(scroll).toBeLessThanOrEqual(0)
  await card.getByRole('button', { name: 'Close' }).click()
  expect((await callGo<{ total: number }>(suite.app, 'api.Journal.List', 0, 1)).total).toBe(6000)
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('a file that is not an export is refused in words, and nothing is written', async () => {
  const wrong = join(files, 'notes.zip')
  writeFileSync(wrong, Buffer.from('PK\u0003\u0004 cut short'))
  const { page, problems, context } = await suite.open()
  const before = (await callGo<{ total: number }>(suite.app, 'api.Journal.List', 0, 1)).total
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Bring in a journal from another app' }) })
  await answerSaveDialog(suite.app, wrong)
  await card.getByRole('button', { name: 'From Day One', exact: true }).click()
  await expect.poll(() => card.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('damaged or cut short')
  expect((await callGo<{ total: number }>(suite.app, 'api.Journal.List', 0, 1)).total).toBe(before)
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('a Daylio export: mood and activities become mood and feelings, and what is left out is named', async () => {
  // Nine rows: six to keep, one dated 30 February, one with nothing in it, one cut short.
  const csv = join(repoRoot, 'internal/importer/testdata/daylio/daylio_export.csv')
  const { page, problems, context } = await suite.open()
  const before = (await callGo<{ total: number }>(suite.app, 'api.Journal.List', 0, 1)).total
  const done = await importThroughScreen(page, suite.app, 'Daylio', csv, join(artifactsDir, 'import-daylio'))
  expect(done.preview).toContain('daylio_export.csv holds 6 entries')
  expect(done.preview).toContain('3 entries will be left out, and why')
  expect(done.result).toContain('6 entries added, 3 left out.')
  for (const named of ['line 4 of the export file', 'entry of 2 January 2023 at 07:00: It has no words.', 'line 9 of the export file']) {
    expect(done.result).toContain(named)
  }
  expectAddsUp(done.result, 9)
  expect((await callGo<{ total: number }>(suite.app, 'api.Journal.List', 0, 1)).total).toBe(before + 6)
  // The search index is rebuilt after an import; ask until it has the new entries.
  const search = (words: string) => callGo<{ total: number; hits: { id: string }[] }>(suite.app, 'api.Journal.Search', words, 10)
  await expect.poll(async () => (await search('raised our voice')).total, { timeout: 20_000 }).toBe(1)
  const found = await search('raised our voice')
  const entry = await callGo<{ title: string; mood: number; feelings: string[]; body: string }>(suite.app, 'api.Journal.Get', found.hits[0].id)
  expect(entry.title).toBe('Dinner with Sam')
  expect(entry.mood).toBe(4) // Daylio's "good"
  expect(entry.feelings).toEqual(['walk', 'friends', 'gratitude'])
  // The script in a note comes in as nothing at all.
  const hard = await search('Session was hard')
  expect((await callGo<{ body: string }>(suite.app, 'api.Journal.Get', hard.hits[0].id)).body).not.toContain('alert')
  expect(await seriousA11yViolations(page)).toEqual([])
  expect(problems).toEqual(noProblems())
  await context.close()
})
