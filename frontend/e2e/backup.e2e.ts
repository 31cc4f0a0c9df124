// Backups end to end: saved from Settings in one Goldseam, checked and merged into
// another (twice, adding nothing the second time), a wrong passphrase refused, the open
// export written with its warning, a Day One export imported.
import { afterAll, expect, test } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { answerSaveDialog, callGo, noProblems, seriousA11yViolations } from './harness'
import { useApp } from './fixture'
import { repoRoot } from './paths'
import { importThroughScreen } from './importing'

const files = mkdtempSync(join(tmpdir(), 'goldseam-e2e-backups-'))
const backupFile = join(files, 'Goldseam backup.age')
const backupPassphrase = 'harbour lantern pebble quietly'

// One Goldseam with three entries to back up, and another to restore them into.
const source = useApp({
  seed: async (app) => {
    for (const [i, body] of ['The walk by the river 🌊', 'Ünïcødé and a long talk', 'We kept the promise'].entries()) {
      await callGo(app, 'api.Journal.Save', { id: '', date: `2026-10-0${i + 1}`, title: `Day ${i + 1}`, body, mood: 3, feelings: [], tags: [], step: '' })
    }
  },
})
const target = useApp()

afterAll(() => rmSync(files, { recursive: true, force: true }))

/** backupMade is the backup of the three entries, saved through Go unless the first test saved it from Settings. */
async function backupMade(): Promise<string> {
  if (!existsSync(backupFile)) {
    await answerSaveDialog(source.app, backupFile)
    await callGo(source.app, 'api.Backup.Export', backupPassphrase)
  }
  return backupFile
}

test('a backup saved in Settings is checked, previewed and merged into another Goldseam, once', async () => {
  const a = await source.open()
  await a.page.getByRole('link', { name: 'Settings', exact: true }).click()
  await a.page.getByRole('heading', { name: 'Save a backup' }).waitFor()
  await a.page.locator('#backup-new').fill(backupPassphrase)
  await a.page.locator('#backup-again').fill(backupPassphrase)
  await answerSaveDialog(source.app, backupFile)
  await a.page.getByRole('button', { name: 'Choose where to save it' }).click()
  await expect.poll(() => a.page.getByTestId('backup-saved').textContent(), { timeout: 30_000 }).toContain('3 journal entries')
  expect(readFileSync(backupFile).subarray(0, 21).toString()).toBe('age-encryption.org/v1')
  expect(readFileSync(backupFile).includes('walk by the river')).toBe(false)
  expect(await seriousA11yViolations(a.page)).toEqual([])
  expect(a.problems).toEqual(noProblems())
  await a.context.close()

  const b = await target.open()
  await b.page.getByRole('link', { name: 'Settings', exact: true }).click()
  await b.page.getByRole('heading', { name: 'Restore from a backup' }).waitFor()
  await answerSaveDialog(target.app, backupFile)

  // A wrong passphrase: said plainly, nothing shown, nothing changed.
  await b.page.getByLabel('Backup passphrase').fill('not the right words')
  await b.page.getByRole('button', { name: 'Choose a backup file' }).click()
  await expect.poll(() => b.page.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('does not open this backup')
  expect(await b.page.getByTestId('backup-preview').count()).toBe(0)

  for (const want of ['3 journal entries added', '0 journal entries added']) {
    await b.page.getByLabel('Backup passphrase').fill(backupPassphrase)
    await b.page.getByRole('button', { name: 'Choose a backup file' }).click()
    await expect.poll(() => b.page.getByTestId('backup-preview').textContent(), { timeout: 30_000 }).toContain('3 journal entries')
    expect(await seriousA11yViolations(b.page)).toEqual([])
    await b.page.getByRole('button', { name: 'Merge into what is here' }).click()
    await expect.poll(() => b.page.getByTestId('restore-done').textContent()).toContain(want)
  }
  const page = await callGo<{ total: number }>(target.app, 'api.Journal.List', 0, 10)
  expect(page.total).toBe(3)
  // Search knows the restored words.
  await expect.poll(async () => (await callGo<{ total: number }>(target.app, 'api.Journal.Search', 'promise', 10)).total).toBe(1)
  expect(b.problems).toEqual(noProblems())
  await b.context.close()
})

test('the unencrypted copy is written only after a clear warning, and a Day One export comes in once', async () => {
  const { page, problems, context } = await source.open()
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('heading', { name: 'Take everything with you' }).waitFor()
  expect(await page.getByText('This copy is not encrypted.').count()).toBe(1)
  const folder = mkdtempSync(join(files, 'open-'))
  await answerSaveDialog(source.app, folder)
  await page.getByRole('button', { name: 'Choose a folder for an unencrypted copy' }).click()
  await expect.poll(() => page.getByTestId('open-done').textContent()).toContain('anyone who opens that folder can read it')
  const made = join(folder, readdirSync(folder)[0])
  expect(readdirSync(join(made, 'journal')).length).toBe(3)
  expect(existsSync(join(made, 'goldseam.json'))).toBe(true)

  const imported = await importThroughScreen(page, source.app, 'Day One', resolve(repoRoot, 'internal/importer/testdata/Journal.json'))
  expect(imported.result).toContain('3 entries added.')
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('automatic backups: a folder chosen, the first made at once, its date shown, the passphrase never sent back', async () => {
  const { page, problems, context } = await source.open()
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('heading', { name: 'Automatic backups' }).waitFor()
  const folder = mkdtempSync(join(files, 'auto-'))
  await answerSaveDialog(source.app, folder)
  await page.getByLabel('How often to make one', { exact: true }).selectOption('daily')
  await page.getByLabel('How many to keep').fill('5')
  await page.getByLabel('Passphrase for automatic backups').fill(backupPassphrase)
  await page.getByRole('button', { name: 'Choose a folder and turn on' }).click()
  await expect.poll(() => page.getByTestId('auto-status').textContent(), { timeout: 30_000 }).toContain('The last good backup was made on')
  expect(readdirSync(folder).filter((n) => n.endsWith('.age')).length).toBe(1)
  const view = await callGo<Record<string, unknown>>(source.app, 'api.Backup.AutoBackup')
  expect(JSON.stringify(view)).not.toContain(backupPassphrase)
  expect(await seriousA11yViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Turn off' }).click()
  await expect.poll(() => page.getByRole('button', { name: 'Choose a folder and turn on' }).count()).toBe(1)
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('a damaged file is refused in plain words, and replacing brings back a deleted entry', async () => {
  const { page, problems, context } = await source.open()
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('heading', { name: 'Restore from a backup' }).waitFor()

  const damaged = join(files, 'damaged.age')
  const bytes = readFileSync(await backupMade())
  writeFileSync(damaged, bytes.subarray(0, bytes.length - 100))
  await answerSaveDialog(source.app, damaged)
  await page.getByLabel('Backup passphrase').fill(backupPassphrase)
  await page.getByRole('button', { name: 'Choose a backup file' }).click()
  await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('damaged or incomplete')
  expect(await page.getByTestId('backup-preview').count()).toBe(0)

  const list = await callGo<{ entries: { id: string }[]; total: number }>(source.app, 'api.Journal.List', 0, 10)
  await callGo(source.app, 'api.Journal.Delete', list.entries[0].id)
  await callGo(source.app, 'api.Journal.Save', { id: '', date: '2026-10-09', title: 'After the backup', body: 'written later', mood: 0, feelings: [], tags: [], step: '' })
  await answerSaveDialog(source.app, backupFile)
  await page.getByRole('button', { name: 'Choose a backup file' }).click()
  await expect.poll(() => page.getByTestId('backup-preview').textContent(), { timeout: 30_000 }).toContain('3 journal entries')
  await page.getByRole('button', { name: 'Replace everything…' }).click()
  await page.getByRole('button', { name: 'Yes, replace everything with this backup' }).click()
  await expect.poll(() => page.getByTestId('restore-done').textContent(), { timeout: 30_000 }).toContain('exactly what the backup held')
  const after = await callGo<{ entries: { id: string }[]; total: number }>(source.app, 'api.Journal.List', 0, 10)
  expect(after.total).toBe(3)
  expect(after.entries.map((e) => e.id)).toContain(list.entries[0].id)
  expect(problems).toEqual(noProblems())
  await context.close()
})
