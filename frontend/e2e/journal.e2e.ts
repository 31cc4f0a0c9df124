// The journal end to end in Chromium against the real Go services: write with autosave,
// lock and unlock, find it again by search, delete and undo, and the emotion log.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { callGo, noProblems, seriousA11yViolations, testPassphrase, type GuardedPage } from './harness'
import { useApp } from './fixture'

const suite = useApp()
let guarded: GuardedPage
let page: Page
const word = `lanternfish${Date.now().toString(36)}`
const slow = { timeout: 20_000 }

beforeAll(async () => {
  guarded = await suite.open()
  page = guarded.page
  await page.getByRole('link', { name: 'Journal', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor()
})

afterAll(async () => {
  await guarded?.context.close()
})

const entries = async () => (await callGo<{ total: number; entries: { id: string; title: string }[] }>(suite.app, 'api.Journal.List', 0, 10))

const kitchen = 'After the kitchen talk'

/** kitchenTalk gives a test the entry the first test writes, saved through Go when that test
 * did not run, and shows it in the reader; each test can so run alone (-t). */
async function kitchenTalk(): Promise<void> {
  if (!(await entries()).entries.some((e) => e.title === kitchen)) {
    await callGo(suite.app, 'api.Journal.Save', {
      id: '', date: new Date().toISOString().slice(0, 10), title: kitchen,
      body: `We talked about the ${word} evening. It was **hard** and honest.`, mood: 3, feelings: ['hope'], tags: ['checkin'], step: '',
    })
    await page.reload()
  }
  const reader = page.getByTestId('entry-reader').getByRole('heading', { level: 2, name: kitchen })
  if ((await reader.count()) === 0) {
    await page.getByRole('link', { name: 'Journal', exact: true }).click()
    await page.getByRole('list', { name: 'Journal entries' }).getByRole('button', { name: new RegExp(kitchen) }).click()
    await reader.waitFor()
  }
}

describe('the journal', () => {
  test('an entry written in the editor saves itself, once', async () => {
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Write your first entry' }).click()
    await page.getByLabel('Title').fill('After the kitchen talk')
    await page.getByLabel('What is on your mind').pressSequentially(`We talked about the ${word} evening. It was **hard** and honest.`, { delay: 5 })
    await page.locator('label.chip', { hasText: 'In between' }).click()
    await page.getByRole('button', { name: 'hope', exact: true }).click()
    await page.getByLabel('Tags').fill('checkin')
    await page.getByLabel('Tags').press('Enter')
    await expect.poll(() => page.getByRole('status').first().textContent(), slow).toBe('Saved')
    await expect.poll(async () => (await entries()).total).toBe(1)
    const entry = await callGo<{ title: string; body: string; mood: number; feelings: string[]; tags: string[] }>(
      suite.app, 'api.Journal.Get', (await entries()).entries[0].id)
    expect(entry).toMatchObject({ title: 'After the kitchen talk', mood: 3, feelings: ['hope'], tags: ['checkin'] })
    expect(entry.body).toContain(word)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => page.getByTestId('entry-body').innerHTML()).toContain('<strong>hard</strong>')
  })

  test('after a lock and unlock, search finds it with the word marked', async () => {
    await kitchenTalk()
    await page.keyboard.press('Control+l')
    await page.getByRole('heading', { name: 'Goldseam is locked' }).waitFor()
    await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor(slow)
    await page.keyboard.press('/')
    await page.keyboard.type(word.slice(0, 8))
    const results = page.getByRole('region', { name: 'Search results' })
    await expect.poll(() => results.locator('mark').first().textContent(), slow).toBe(word)
    await expect.poll(() => results.getByRole('button').count()).toBe(1)
    await results.getByRole('button').click()
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'After the kitchen talk' }).count()).toBe(1)
  })

  test('delete takes it away at once and Undo brings it back', async () => {
    await kitchenTalk()
    await page.getByLabel('Search your journal').fill('')
    await page.getByTestId('entry-reader').getByRole('button', { name: 'Delete' }).click()
    await expect.poll(async () => (await entries()).total).toBe(0)
    await page.getByRole('status').filter({ hasText: 'Entry deleted.' }).getByRole('button', { name: 'Undo' }).click()
    await expect.poll(async () => (await entries()).total).toBe(1)
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'After the kitchen talk' }).count()).toBe(1)
  })

  test('the emotion log shows the entry, as a chart and as a table, in both themes', async () => {
    await kitchenTalk()
    await page.getByRole('button', { name: 'Emotion log' }).click()
    await expect.poll(() => page.getByRole('img', { name: /Average mood by week, 1 periods/ }).count(), slow).toBe(1)
    await page.getByRole('button', { name: 'Show as a table' }).click()
    await expect.poll(() => page.locator('table tbody tr').first().innerText()).toContain('3.0')
    expect(await page.locator('table tbody tr').first().innerText()).toContain('hope (1)')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
  })

  test('keys: N starts a new entry, J and K move through the list', async () => {
    await kitchenTalk()
    for (const title of ['Second', 'Third']) {
      await callGo(suite.app, 'api.Journal.Save', { id: '', date: '2026-01-0' + (title === 'Second' ? 2 : 3), title, body: 'x', mood: 0, feelings: [], tags: [], step: '' })
    }
    const log = page.getByRole('button', { name: 'Emotion log', pressed: true })
    if ((await log.count()) > 0) await log.click() // back to the list view
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('n')
    await expect.poll(() => page.getByRole('region', { name: 'New entry' }).count()).toBe(1)
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.reload()
    await page.getByRole('link', { name: 'Journal', exact: true }).click()
    await page.getByRole('list', { name: 'Journal entries' }).getByRole('button').first().click()
    const title = () => page.getByTestId('entry-reader').getByRole('heading', { level: 2 }).textContent()
    await expect.poll(title).toBe('After the kitchen talk')
    await page.keyboard.press('j')
    await expect.poll(title).toBe('Third')
    await page.keyboard.press('j')
    await expect.poll(title).toBe('Second')
    await page.keyboard.press('k')
    await expect.poll(title).toBe('Third')

    // The reader and the editor have no serious accessibility problem in the dark theme either.
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByTestId('entry-reader').getByRole('button', { name: 'Edit' }).click()
    await page.getByRole('region', { name: 'Edit entry' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })

    // Ctrl+N works even from inside the text; a plain N there is just a letter.
    await page.getByLabel('What is on your mind').focus()
    await page.keyboard.press('n')
    expect(await page.getByRole('region', { name: 'New entry' }).count()).toBe(0)
    await page.keyboard.press('Control+n')
    await page.getByRole('region', { name: 'New entry' }).waitFor()
    expect(await page.getByLabel('Title').inputValue()).toBe('')
    // That "n" went into Third's text: leaving the editor saved it there, in the same entry.
    const third = (await entries()).entries.find((e) => e.title === 'Third')!
    await expect.poll(async () => (await callGo<{ body: string }>(suite.app, 'api.Journal.Get', third.id)).body).toBe('xn')
    expect((await entries()).total).toBe(3)
    expect(guarded.problems).toEqual(noProblems())
  })

  test('words typed a moment before Ctrl+L are saved, not lost', async () => {
    const last = `justbeforelock${Date.now().toString(36)}`
    await page.keyboard.press('Control+n')
    await page.getByLabel('What is on your mind').fill(`Written in a hurry: ${last}`)
    await page.keyboard.press('Control+l') // well inside the autosave pause
    await page.getByRole('heading', { name: 'Goldseam is locked' }).waitFor()
    await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor(slow)
    await expect.poll(async () => (await callGo<{ total: number }>(suite.app, 'api.Journal.Search', last, 5)).total, slow).toBe(1)
    expect(guarded.problems).toEqual(noProblems())
  })
})
