// The webview's own gestures, in real Chromium against the real Go services: a file or a
// link dropped on the window replaces nothing and opens nothing, a modifier-click or a
// middle-click on an in-app link opens no new window or download, every field on the
// screens says autocomplete="off", and the recovery kit prints through Go as the
// agreements do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CDPSession, Page } from 'playwright-core'
import { answerFirstRun, noProblems, windowState } from './harness'
import { useApp } from './fixture'

// First run has the welcome to itself; the gestures after it share one app set up through
// Go, each in a browser context of its own, so each test runs alone (-t).
const welcome = useApp({ fresh: true, lazy: true })
const suite = useApp()
const files = mkdtempSync(join(tmpdir(), 'goldseam-e2e-drops-'))
const droppedFile = join(files, 'dropped.txt')
const passphrase = 'amber harbour stitches thunder'
const h1 = (page: Page) => () => page.getByRole('heading', { level: 1 }).textContent()

beforeAll(() => writeFileSync(droppedFile, 'A FILE DROPPED ON THE WINDOW'))
afterAll(() => rmSync(files, { recursive: true, force: true }))

/** fieldsWithoutAutocompleteOff lists the text fields on screen that would let autofill keep what is typed. */
async function fieldsWithoutAutocompleteOff(page: Page): Promise<{ checked: number; missing: string[] }> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea')].filter(
      (f) => !(f instanceof HTMLInputElement && (f.type === 'radio' || f.type === 'checkbox')),
    )
    return {
      checked: fields.length,
      missing: fields.filter((f) => f.getAttribute('autocomplete') !== 'off').map((f) => f.outerHTML.slice(0, 80)),
    }
  })
}

/** expectAutocompleteOff fails on any field on screen without autocomplete="off" and says how many it checked. */
async function expectAutocompleteOff(page: Page): Promise<number> {
  const { checked, missing } = await fieldsWithoutAutocompleteOff(page)
  expect(missing).toEqual([])
  return checked
}

/** drop drags data onto the page at (x, y) and drops it there, as the operating system does:
 * Chromium's DevTools input domain, so its own handling of a drop (opening a dropped file
 * or link) is in play, not a synthetic event the browser would never act on. */
async function drop(page: Page, cdp: CDPSession, x: number, y: number, data: { files?: string[]; items?: { mimeType: string; data: string }[] }) {
  const payload = { items: data.items ?? [], files: data.files ?? [], dragOperationsMask: 1 | 2 | 16 }
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x, y, data: payload })
  }
  await page.waitForTimeout(800) // a new page or a navigation shows itself within this
}

async function center(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(selector).first().boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

describe('the webview, as a person might touch it', () => {
  test('first run: the kit prints through Go, and its fields take no autofill', async () => {
    const { page, problems, context } = await welcome.open()
    await expect.poll(h1(page)).toBe('Welcome to Goldseam')
    await page.getByRole('button', { name: 'Begin when you are ready' }).click()
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
    await page.getByLabel('Type it once more').fill(passphrase)
    expect(await expectAutocompleteOff(page)).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Lock my Goldseam with this' }).click()
    await expect.poll(h1(page), { timeout: 20_000 }).toBe('Your recovery kit')
    expect(await expectAutocompleteOff(page)).toBeGreaterThan(0)

    await page.getByRole('button', { name: 'Print', exact: true }).click()
    await expect.poll(async () => (await windowState(welcome.app)).printed).toBe('1') // asked of the window, through Go

    const groups = (await page.getByRole('list', { name: 'Recovery key, nine groups' }).locator('li').allTextContents()).map((t) =>
      t.replace(/^\d/, '').trim(),
    )
    const n = (await page.locator('form label').allTextContents()).map((l) => Number(l.match(/Group (\d)/)?.[1]))
    await page.getByLabel(`Group ${n[0]}`).fill(groups[n[0] - 1])
    await page.getByLabel(`Group ${n[1]}`).fill(groups[n[1] - 1])
    await page.getByRole('button', { name: 'I have kept my kit' }).click()
    await answerFirstRun(page)
    await expect.poll(h1(page), { timeout: 20_000 }).not.toBe('A private safety check')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('a file or a link dropped on the window replaces nothing and opens nothing', async () => {
    const { page, problems, context } = await suite.open()
    const cdp = await context.newCDPSession(page)
    await page.getByRole('link', { name: 'Journal', exact: true }).click()
    await page.getByRole('button', { name: 'New entry' }).click()
    const body = page.locator('#entry-body')
    await body.fill('Words already written.')
    const before = { url: page.url(), heading: await h1(page)(), pages: context.pages().length }

    const onBody = await center(page, '#entry-body')
    const onHeading = await center(page, 'h1')
    await drop(page, cdp, onBody.x, onBody.y, { files: [droppedFile] })
    await drop(page, cdp, onHeading.x, onHeading.y, { files: [droppedFile] })
    await drop(page, cdp, onHeading.x, onHeading.y, { items: [{ mimeType: 'text/uri-list', data: 'https://example.org/' }] })

    expect(context.pages().length).toBe(before.pages)
    expect(page.url()).toBe(before.url)
    expect(await h1(page)()).toBe(before.heading)
    expect(await body.inputValue()).toBe('Words already written.')
    expect(await page.content()).not.toContain('A FILE DROPPED')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('a modifier-click or a middle-click on an in-app link opens no new window and no download', async () => {
    const { page, problems, context } = await suite.open()
    const downloads: string[] = []
    page.on('download', (d) => downloads.push(d.suggestedFilename()))
    for (const modifiers of [['Control'], ['Shift'], ['Meta'], ['Alt'], ['Control', 'Shift']] as const) {
      await page.getByRole('link', { name: 'Home', exact: true }).click()
      await page.getByRole('link', { name: 'Agreements', exact: true }).click({ modifiers: [...modifiers] })
      await page.waitForTimeout(500) // a new window or a download shows itself within this
      expect(context.pages().length, modifiers.join('+')).toBe(1)
      expect(new URL(page.url()).hash, modifiers.join('+')).toBe('#/agreements') // followed here instead
    }
    await page.getByRole('link', { name: 'Journal', exact: true }).click({ button: 'middle' })
    await page.waitForTimeout(500)
    expect(context.pages().length).toBe(1)
    expect(new URL(page.url()).hash).toBe('#/agreements')
    expect(downloads).toEqual([])
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('every field on the screens says autocomplete="off"', async () => {
    const { page, problems, context } = await suite.open()
    // Each screen is read once its heading and its first field are drawn.
    const drawn = async (heading: string) => {
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor()
      await page.locator('main').locator('input, textarea').first().waitFor()
    }
    await page.getByRole('navigation').waitFor({ timeout: 20_000 })
    let fieldsChecked = 0
    for (const [route, heading] of [['settings', 'Settings'], ['safety', 'Safety and support'], ['experiences', 'Good experiences'], ['journal', 'Journal']]) {
      await page.evaluate((r) => (window.location.hash = `#/${r}`), route)
      await drawn(heading)
      fieldsChecked += await expectAutocompleteOff(page)
    }
    await page.getByRole('button', { name: 'New entry' }).click()
    await page.getByRole('region', { name: 'New entry' }).waitFor()
    fieldsChecked += await expectAutocompleteOff(page)
    await page.evaluate(() => (window.location.hash = '#/agreements/new'))
    await drawn('Agreements')
    fieldsChecked += await expectAutocompleteOff(page)
    expect(fieldsChecked).toBeGreaterThan(15)
    expect(problems).toEqual(noProblems())
    await context.close()
  })
})
