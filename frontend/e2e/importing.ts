// Importing a journal through the screen, for end-to-end tests: choose the app in Settings'
// import card, answer the file dialog, read the preview, import, read the result. Also a
// small writer of Day One exports (a stored .zip of one JSON file per journal), so a test can
// make one of any size without committing it.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { answerSaveDialog, type RunningApp } from './harness'

export interface ImportedThroughScreen {
  /** The preview's words, as shown before anything was written. */
  preview: string
  /** The result's words. */
  result: string
  /** Whether the progress bar was seen while the entries were written. */
  sawProgress: boolean
}

/**
 * importThroughScreen imports the export at file as appName's ("Day One", "jrnl", "Daylio"...)
 * through Settings, as a person would: it opens Settings, chooses the app, answers the file
 * dialog with file, waits for the preview, presses "Import N entries" and waits for the
 * result. With shots, it saves `${shots}-preview.png`, `${shots}-progress.png` (when the bar
 * is still up) and `${shots}-result.png`.
 */
export async function importThroughScreen(
  page: Page,
  app: RunningApp,
  appName: string,
  file: string,
  shots?: string,
): Promise<ImportedThroughScreen> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Bring in a journal from another app' }) })
  await card.scrollIntoViewIfNeeded()
  await answerSaveDialog(app, file)
  await card.getByRole('button', { name: `From ${appName}`, exact: true }).click()
  const preview = card.getByTestId('import-preview')
  await preview.waitFor({ timeout: 30_000 })
  const previewText = (await preview.textContent()) ?? ''
  if (shots) await card.screenshot({ path: `${shots}-preview.png` })
  // Watch for the bar from inside the page: it may come and go between two polls.
  await page.evaluate(() => {
    const w = window as unknown as { sawImportProgress: boolean }
    w.sawImportProgress = false
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]')
      if (bar && Number(bar.getAttribute('value')) > 0) w.sawImportProgress = true
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  await card.getByRole('button', { name: /^Import [\d,.\s]+ entr(y|ies)$/ }).click()
  if (shots) {
    const bar = card.getByTestId('import-progress')
    try {
      await bar.waitFor({ timeout: 2_000 })
      await card.screenshot({ path: `${shots}-progress.png` })
    } catch {
      // The import was quicker than the screenshot; sawProgress still says whether it moved.
    }
  }
  const result = card.getByTestId('import-done')
  await result.waitFor({ timeout: 60_000 })
  if (shots) await card.screenshot({ path: `${shots}-result.png` })
  const sawProgress = await page.evaluate(() => (window as unknown as { sawImportProgress: boolean }).sawImportProgress)
  return { preview: previewText, result: (await result.textContent()) ?? '', sawProgress }
}

/** expectAddsUp checks that a result's words add up to the preview's count. */
export function expectAddsUp(result: string, total: number): void {
  const n = (re: RegExp) => Number((result.match(re)?.[1] ?? '0').replace(/[,.\s]/g, ''))
  const added = n(/([\d,.\s]+) entr(?:y|ies) added/)
  const left = n(/([\d,.\s]+) left out/)
  const here = n(/([\d,.\s]+) already here/)
  expect(added + left + here).toBe(total)
}

// ---- A Day One export, written as Day One writes it, without a zip library ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const b of data) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** storedZip packs files without compression: every zip reader opens it. */
export function storedZip(files: Array<[string, Buffer]>): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, data] of files) {
    const n = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // names are UTF-8
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(n.length, 26)
    parts.push(local, n, data)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(0x0800, 8)
    dir.writeUInt32LE(crc, 16)
    dir.writeUInt32LE(data.length, 20)
    dir.writeUInt32LE(data.length, 24)
    dir.writeUInt16LE(n.length, 28)
    dir.writeUInt32LE(offset, 42)
    central.push(dir, n)
    offset += 30 + n.length + data.length
  }
  const dirBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(dirBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, dirBytes, end])
}

const words = 'we walked by the river and talked about what comes next I slept better than last week the kids laughed at dinner'.split(' ')

/** dayOneExport makes a Day One export of the named journals, entriesEach entries per journal, three a day. */
export function dayOneExport(journals: Record<string, number>): Buffer {
  const files: Array<[string, Buffer]> = []
  for (const [j, [name, count]] of Object.entries(journals).entries()) {
    const entries = Array.from({ length: count }, (_, i) => {
      const at = new Date(Date.UTC(2019, 0, 1, 9 + j, i % 60) + i * 8 * 3_600_000)
      const text = Array.from({ length: 40 + (i % 50) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ')
      return {
        uuid: `${j}${i}`.padStart(32, '0').toUpperCase(), creationDate: at.toISOString().replace(/\.\d+Z$/, 'Z'),
        modifiedDate: at.toISOString().replace(/\.\d+Z$/, 'Z'), timeZone: 'Europe/London',
        text: `# Day ${i + 1} in ${name}\n\n${text}\\.`, tags: i % 3 ? ['walk'] : ['family'], starred: i % 10 === 0,
        location: { latitude: 51.5, longitude: -0.12, placeName: 'Home' }, weather: { conditionsDescription: 'Cloudy' },
      }
    })
    files.push([`${name}.json`, Buffer.from(JSON.stringify({ metadata: { version: '1.0' }, entries }, null, 2))])
  }
  files.push(['photos/0A1B.jpeg', Buffer.from('not really a photo')], ['__MACOSX/._Journal.json', Buffer.from('mac')])
  return storedZip(files)
}
