// Every screen at the window's own minimum width (720 px, wails.json and main.go) and two
// wider ones, in light and dark, with realistic content: nothing may run off the side, the
// journal's editor must stay wide enough to write in, and each screen is saved as a picture
// (build/test-artifacts/widths/<screen>-<width>[-dark].png) for a person to look at.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { callGo, openApp, startApp, testPassphrase, type RunningApp } from './harness'
import { useApp } from './fixture'
import { artifactsDir } from './paths'

const widths = [720, 1000, 1280]
const shots = join(artifactsDir, 'widths')

const suite = useApp({ role: 'hurt', names: ['Sam', 'Alex'], seed })

beforeAll(() => {
  mkdirSync(shots, { recursive: true })
})

const longBody = [
  'We talked for a long time after dinner. I said what I had been carrying since the weekend, and this time',
  'I did not rush to fill the quiet. Some of it was hard to hear. Some of it I had not known I felt until I',
  'said it out loud.\n\nTomorrow I want to write down the two things we agreed to try, so they do not slip.',
].join(' ')

/** seed fills the app with the kind of content a couple some weeks in would have. */
async function seed(app: RunningApp): Promise<void> {
  await callGo(app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'weekly' })
  for (let i = 1; i <= 6; i++) {
    await callGo(app, 'api.Journal.Save', {
      id: '', date: `2026-11-${String(10 + i).padStart(2, '0')}`, title: `An evening that went better than I feared, day ${i}`,
      body: longBody, mood: (i % 5) + 1, feelings: ['hopeful', 'tired'], tags: ['evenings'], step: '',
    })
  }
  const ag = await callGo<{ id: string; current: { id: string } }>(app, 'api.Agreements.Create', {
    what: 'We tell each other where we are going when we go out, and roughly when we will be back.',
    why: 'Not knowing is where the old fear comes back in.', actions: ['Send a short message when plans change'],
    category: 'openness', reviewOn: '', by: 'Sam',
  })
  for (const n of ['Sam', 'Alex']) await callGo(app, 'api.Agreements.Sign', ag.id, ag.current.id, n)
  await callGo(app, 'api.Agreements.Begin', ag.id, 'Alex')
  await callGo(app, 'api.CheckIns.Save', {
    id: '', on: '2026-11-20',
    answers: [
      { name: 'Sam', ratings: { safety: 6, trust: 5, connection: 7 }, wentWell: 'We walked to the market and talked on the way.', hard: '',
        try: '', items: [{ agreementId: ag.id, what: '', outcome: 'kept', note: '' }] },
      { name: 'Alex', ratings: { safety: 8, connection: 4 }, wentWell: '', hard: 'Sunday evening felt quiet.', try: '', items: [] },
    ],
  })
  await callGo(app, 'api.Experiences.Save', { id: '', title: 'A slow breakfast on Saturday', note: 'Phones in the other room.', status: 'planned', plannedOn: '2026-12-05', doneOn: '', howItFelt: '', addedAt: '' })
  await callGo(app, 'api.Experiences.Save', { id: '', title: 'Walk by the river', note: '', status: 'idea', plannedOn: '', doneOn: '', howItFelt: '', addedAt: '' })
}

/** layoutProblems lists what runs off the side: the page itself, or any scrolling pane. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const doc = document.scrollingElement!
    if (doc.scrollWidth > window.innerWidth) found.push(`page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`)
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el)
      if (!['auto', 'scroll'].includes(style.overflowX) || el.clientWidth === 0) continue
      if (el.scrollWidth > el.clientWidth + 1) found.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`)
    }
    return found
  })
}

/** look checks one screen at one width and saves its picture. */
async function look(page: Page, name: string, width: number, dark = false): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
  await page.screenshot({ path: join(shots, `${name}-${width}${dark ? '-dark' : ''}.png`), fullPage: true })
  expect(await layoutProblems(page), `${name} at ${width} px`).toEqual([])
}

async function go(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash)
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
}

async function width(page: Page, w: number): Promise<void> {
  await page.setViewportSize({ width: w, height: 820 })
}

test.each([
  ['light', 'light'],
  ['dark', 'dark'],
] as const)('every main screen fits from 720 px up (%s)', async (_, scheme) => {
  const { page, context } = await suite.open({ colorScheme: scheme })
  const dark = scheme === 'dark'
  const agreements = await callGo<{ id: string }[]>(suite.app, 'api.Agreements.List')
  const outline = await callGo<{ steps: { id: string }[] }[]>(suite.app, 'api.Program.Outline')
  const screens: [string, string, string | RegExp][] = [
    ['home', '#/home', /./],
    ['program', '#/program', 'The program'],
    ['step', `#/program/${outline[0].steps[0].id}`, /^Step 1/],
    ['checkins', '#/checkins', 'Check-ins'],
    ['agreements', '#/agreements', 'Agreements'],
    ['agreement', `#/agreements/${agreements[0].id}`, 'An agreement'],
    ['agreement-new', '#/agreements/new', 'Agreements'],
    ['experiences', '#/experiences', 'Good experiences'],
    ['safety', '#/safety', /Safety/],
    ['settings', '#/settings', 'Settings'],
    ['about', '#/about', /About/],
  ]
  for (const w of widths) {
    if (dark && w !== 720) continue
    await width(page, w)
    for (const [name, hash, heading] of screens) {
      await go(page, hash, heading)
      await look(page, name, w, dark)
    }

    // The journal with an entry open to write in: the editor must be wide enough for prose.
    await go(page, '#/journal', 'Journal')
    await page.getByText('An evening that went better than I feared, day 6').first().waitFor()
    await look(page, 'journal-list', w, dark)
    await page.getByText('An evening that went better than I feared, day 6').first().click()
    await page.getByRole('button', { name: 'Edit' }).first().click()
    const editor = page.locator('#entry-body')
    await editor.waitFor()
    const box = (await editor.boundingBox())!
    expect(box.width, `journal editor at ${w} px`).toBeGreaterThanOrEqual(300)
    await look(page, 'journal', w, dark)
    await page.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('button', { name: 'Emotion log' }).click()
    await page.getByRole('heading', { name: /emotion/i }).first().waitFor()
    await look(page, 'emotions', w, dark)
  }
  await context.close()
})

test.each([
  ['light', 'light'],
  ['dark', 'dark'],
] as const)('the screens before unlocking fit from 720 px up (%s)', async (_, scheme) => {
  const fresh = await startApp()
  try {
    const { page, context } = await openApp(suite.browser, fresh, { colorScheme: scheme })
    const dark = scheme === 'dark'
    const sizes = dark ? [720] : widths
    const each = async (name: string) => {
      for (const w of sizes) {
        await width(page, w)
        await look(page, name, w, dark)
      }
    }
    await page.getByRole('button', { name: 'Begin when you are ready' }).waitFor()
    await each('welcome')
    await page.getByRole('button', { name: 'Begin when you are ready' }).click()
    await page.getByRole('heading', { level: 1, name: 'Choose your passphrase' }).waitFor()
    await each('create')

    const kit = await callGo<{ groups: string[]; check: [number, number] }>(fresh, 'api.Vault.Create', testPassphrase)
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Your recovery kit' }).waitFor()
    await each('recovery-kit')
    await callGo(fresh, 'api.Vault.ConfirmRecoveryKit', kit.groups[kit.check[0] - 1], kit.groups[kit.check[1] - 1])
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Where do you stand?' }).waitFor()
    await each('first-run')
    await callGo(fresh, 'api.Vault.Lock')
    await page.reload()
    await page.getByRole('button', { name: 'Unlock' }).waitFor()
    await each('unlock')
    await context.close()
  } finally {
    await fresh.stop()
  }
})
