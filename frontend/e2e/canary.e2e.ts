// The canary scan over the whole app: known words are typed into Goldseam through the real
// interface, the app locks, and the data folder is read while it still runs; then it closes,
// and every byte it could have left behind is read again: the data folder (database, -wal,
// -shm, lock file, the fault log goldseam.log when there is one: filesUnder reads every file
// there), the temp folder it was given, and its stderr. None of the words may be there: not the passphrase, not the recovery key,
// not journal entries (saved, edited, deleted) nor their feelings and tags.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { answerFirstRun, answerSaveDialog, callGo, launchBrowser, openApp, startApp, recordFigure } from './harness'

let browser: Browser
const scratch: string[] = []

afterAll(async () => {
  await browser?.close()
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
}

test('nothing typed into Goldseam is left in plain text once it locks, while it runs and after it closes', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'goldseam-canary-tmp-'))
  scratch.push(tmp)
  const app = await startApp(undefined, { TMPDIR: tmp })
  scratch.push(app.dataDir)
  browser = await launchBrowser()
  const { page, context } = await openApp(browser, app)
  const passphrase = `canary ${Date.now().toString(36)} marigold lantern`

  await page.getByRole('button', { name: 'Begin when you are ready' }).click()
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByLabel('Type it once more').fill(passphrase)
  await page.getByRole('button', { name: 'Lock my Goldseam with this' }).click()
  const kit = page.getByRole('list', { name: 'Recovery key, nine groups' })
  await kit.waitFor({ timeout: 20_000 })
  const groups = (await kit.locator('li').allTextContents()).map((t) => t.replace(/^\d/, '').trim())
  const labels = await page.locator('form label').allTextContents()
  const [a, b] = labels.map((l) => Number(l.match(/Group (\d)/)?.[1]))
  await page.getByLabel(`Group ${a}`).fill(groups[a - 1])
  await page.getByLabel(`Group ${b}`).fill(groups[b - 1])
  await page.getByRole('button', { name: 'I have kept my kit' }).click()
  const names = [`canaryme${Date.now().toString(36)}`, `canarypartner${Date.now().toString(36)}`]
  await answerFirstRun(page, { role: 'I broke trust', myName: names[0], partnerName: names[1] })
  await page.getByRole('heading', { name: 'Start with step 1' }).waitFor()

  // Journal entries with canary words, saved through the running app: kept, edited, deleted.
  const canaries = Array.from({ length: 12 }, (_, i) => `canaryword${i}${Date.now().toString(36)}`)
  const saved: { id: string }[] = []
  for (const [i, word] of canaries.entries()) {
    saved.push(
      await callGo<{ id: string }>(app, 'api.Journal.Save', {
        id: '', date: '2026-11-2' + (i % 9), title: `Title ${word}`, body: `Body with ${word}. `.repeat(40),
        mood: 3, feelings: [`feel${word}`], tags: [`tag${word}`], step: '',
      }),
    )
  }
  for (const [i, entry] of saved.entries()) {
    if (i % 3 === 0) await callGo(app, 'api.Journal.Save', { id: entry.id, date: '2026-11-22', title: 'edited', body: `edited ${canaries[i]}`, mood: 2, feelings: [], tags: [], step: '' })
    if (i % 3 === 1) await callGo(app, 'api.Journal.Delete', entry.id)
  }
  // The shared space too: an agreement, its signatures and a good experience, under the shared key.
  const sharedCanaries = [`canaryagreement${Date.now().toString(36)}`, `canaryexperience${Date.now().toString(36)}`]
  await callGo(app, 'api.Space.SaveSettings', { names, rhythm: 'weekly' })
  const ag = await callGo<{ id: string; current: { id: string } }>(app, 'api.Agreements.Create', {
    what: `We agree ${sharedCanaries[0]}`, why: `because ${sharedCanaries[0]}`, actions: [sharedCanaries[0]], category: 'openness', reviewOn: '', by: names[0],
  })
  await callGo(app, 'api.Agreements.Sign', ag.id, ag.current.id, names[0])
  await callGo(app, 'api.Experiences.Save', { id: '', title: sharedCanaries[1], note: sharedCanaries[1], status: 'idea', plannedOn: '', doneOn: '', howItFelt: '', addedAt: '' })
  canaries.push(...sharedCanaries)
  // A failure inside Goldseam whose Go error holds a canary word (the file name chosen): a
  // backup into a "folder" that is the data file. It goes to the fault log, which the scans
  // below read with every other file in the data folder.
  const faultCanary = `canaryfault${Date.now().toString(36)}`
  await answerSaveDialog(app, join(app.dataDir, 'goldseam.db', `${faultCanary}.age`))
  const failed = await callGo(app, 'api.Backup.Export', `${passphrase} backup`).then(() => '', (e: Error) => e.message)
  expect(failed).toContain('"code":"internal"')
  canaries.push(faultCanary)
  await page.keyboard.press('Control+l')
  await page.getByRole('heading', { name: 'Goldseam is locked' }).waitFor()

  const needles = [passphrase, groups.join(''), groups.join('-'), groups.join(' '), groups.slice(0, 4).join(''), ...canaries, ...names]
  const found: string[] = []
  // Locked but still running, the database still open: the lock has purged the deleted
  // entries and emptied the -wal, so nothing may be found in goldseam.db, -wal or -shm yet.
  const whileRunning = filesUnder(app.dataDir)
  expect(whileRunning.some((f) => f.endsWith('goldseam.db'))).toBe(true)
  expect(app.process.exitCode).toBe(null)
  for (const file of whileRunning) {
    const data = readFileSync(file)
    for (const n of needles) if (data.includes(n)) found.push(`while locked and running, ${file}: ${n}`)
  }

  await context.close()
  await app.stop({ keep: true })

  const files = [...filesUnder(app.dataDir), ...filesUnder(tmp)]
  expect(files.some((f) => f.endsWith('goldseam.db'))).toBe(true)
  expect(files.some((f) => f.endsWith('goldseam.log'))).toBe(true) // the fault log is scanned too
  let bytes = 0
  for (const file of files) {
    const data = readFileSync(file)
    bytes += data.length
    for (const n of needles) if (data.includes(n)) found.push(`${file}: ${n}`)
  }
  for (const n of needles) if (app.log().includes(n)) found.push(`log: ${n}`)
  recordFigure('canary_hits', found.length)
  expect(found).toEqual([])
  expect(bytes).toBeGreaterThan(4096) // the scan read a real database
})
