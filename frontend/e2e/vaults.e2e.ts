// Two people, one computer, end to end: one e2e server on one data folder, as one login's
// Goldseam. Alex has set up; in Settings, Alex invites someone on this computer and locks.
// Sam chooses "I'm new here", sets up a Goldseam of their own (passphrase, kit, first run),
// finds Alex's invitation already waiting (the local exchange folder) and joins; they check
// the code in turns, each at their own turn at the screen; each signs an agreement in their
// own turn, and each then sees it agreed by both; each answers a check-in in their turn,
// and neither sees the other's answer until both have answered. Then: the quick exit and a lock from Go
// leave no one's Goldseam open. The steps to take turns are in people.ts (switchTo,
// lockForNext), for files that build on this story.
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { callGo, noProblems, seriousA11yViolations, testPassphrase, windowState } from './harness'
import { useApp } from './fixture'
import { artifactsDir } from './paths'
import { h1, lockForNext, openSettingsSharing, person, setUpNewcomer, slow, switchTo } from './people'
import { fillAnswer } from './checkin-steps'

const alex = person('Alex', testPassphrase)
const sam = person('Sam', 'sam keeps the kettle warm for everyone', true)
const home = useApp({ role: 'broke-trust', names: ['Alex', 'Sam'] })

/** settled waits for the screen's fade-in, so a picture shows it as it is read. */
const settled = (page: Page) => page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
const shot = async (page: Page, name: string) => {
  await settled(page)
  await page.screenshot({ path: join(artifactsDir, `vaults-${name}.png`), fullPage: true })
}
/** sharingShot keeps Settings > Sharing alone: the page around it is long. */
const sharingShot = async (page: Page, name: string) => {
  await settled(page)
  await page.locator('section[aria-labelledby="sharing-heading"]').screenshot({ path: join(artifactsDir, `vaults-${name}.png`) })
}
/** atNarrowest runs look at the window's narrowest width (720 px, as widths.e2e.ts), checking nothing runs off the side. */
async function atNarrowest(page: Page, look: () => Promise<void>): Promise<void> {
  await page.setViewportSize({ width: 720, height: 820 })
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(720)
  await look()
  await page.setViewportSize({ width: 1200, height: 820 })
}

/** codeOnScreen waits for the pairing code in Settings > Sharing and returns it. */
async function codeOnScreen(page: Page): Promise<string> {
  const code = page.getByTestId('pairing-code')
  await code.waitFor(slow)
  return (await code.textContent())!.trim()
}

test('Alex invites Sam on this computer; Sam sets up and joins; they check the code and sign an agreement in turns', async () => {
  const app = home.app
  const { page, problems, context } = await home.open()
  await callGo(app, 'api.Space.SaveSettings', { names: ['Alex', 'Sam'], rhythm: 'weekly', here: 0, paired: false })

  // Alex's turn: show the name before unlocking, and invite Sam on this computer.
  await page.goto(`${app.url}/#/settings`)
  await page.getByTestId('show-name').check()
  await expect.poll(() => page.getByLabel('The name shown').inputValue()).toBe('Alex')
  await page.locator('section[aria-labelledby="shown-name-heading"]').getByRole('button', { name: 'Save this choice' }).click()
  await expect.poll(() => page.getByTestId('shown-name-note').textContent()).toContain('"Alex" is shown before unlocking.')
  await openSettingsSharing(page, app.url)
  expect(await page.getByTestId('same-computer').innerText()).toContain('locking closes it for both')
  await page.getByTestId('invite-here').click()
  await expect.poll(() => page.getByTestId('pairing-next').textContent()).toContain('Now lock Goldseam, and let Sam choose "I\'m new here"')
  expect(await seriousA11yViolations(page)).toEqual([])
  await sharingShot(page, 'invited-alex')
  await lockForNext(page)

  // "Who is using Goldseam?": Alex by name, and the place made for Sam.
  expect(await page.getByTestId('person').allTextContents()).toEqual(['Alex'])
  await page.getByTestId('someone-new').waitFor()
  expect(await seriousA11yViolations(page)).toEqual([])
  await shot(page, 'who-is-using')
  await atNarrowest(page, () => shot(page, 'who-is-using-720'))

  // Sam's first turn: set up, find Alex's invitation waiting, join, lock.
  await setUpNewcomer(page, sam, 'Alex')
  await openSettingsSharing(page, app.url)
  expect(await page.getByTestId('sharing-folder').textContent()).toBe(join(app.dataDir, 'exchange'))
  await page.getByRole('button', { name: 'Alex started: join' }).click()
  await page.getByTestId('invitation').getByText('From Alex').waitFor()
  await page.getByTestId('invitation').getByRole('button', { name: 'Join' }).click()
  await expect.poll(() => page.getByTestId('pairing-next').textContent()).toContain('Now lock Goldseam, and let Alex unlock')
  await sharingShot(page, 'joined-sam')
  await lockForNext(page)
  // Sam shows no name: the picker says "Someone else".
  expect(await page.getByTestId('person').allTextContents()).toEqual(['Alex', 'Someone else'])
  await shot(page, 'someone-else')

  // Alex's turn: the code, seen together; Alex confirms and locks.
  await switchTo(page, alex)
  await openSettingsSharing(page, app.url)
  const alexsCode = await codeOnScreen(page)
  expect(alexsCode).toMatch(/^\d{3} \d{3}$/)
  await sharingShot(page, 'code-alex')
  await page.getByRole('button', { name: 'We both see this code' }).click()
  await expect.poll(() => page.getByTestId('sharing-note').textContent(), slow).toContain('Now lock Goldseam, and let Sam unlock')
  await lockForNext(page)

  // Sam's turn: Sam starts at Home, not on the page Alex left; the same code; Sam confirms
  // it, and now shows the name too.
  await switchTo(page, sam)
  await expect.poll(() => page.url()).not.toContain('#/settings')
  await openSettingsSharing(page, app.url)
  expect(await codeOnScreen(page)).toBe(alexsCode)
  await page.getByRole('button', { name: 'It is the same code' }).click()
  await page.getByTestId('sharing-paired').waitFor(slow)
  expect(await page.getByTestId('sharing-paired').textContent()).toContain('Alex')
  await atNarrowest(page, () => sharingShot(page, 'paired-sam-720'))
  await page.getByTestId('show-name').check()
  await page.locator('section[aria-labelledby="shown-name-heading"]').getByRole('button', { name: 'Save this choice' }).click()
  await expect.poll(() => page.getByTestId('shown-name-note').textContent()).toContain('"Sam" is shown')
  sam.hidden = false

  // Sam puts an agreement forward and signs it in this turn.
  const ag = await callGo<{ id: string }>(app, 'api.Agreements.Create',
    { what: 'We put our phones away at dinner.', why: '', actions: [], category: 'openness', reviewOn: '', by: 'Sam' })
  await callGo(app, 'api.Agreements.Propose', ag.id, 'Sam')
  await signInTurn(page, app.url, ag.id, 'Sam')
  await lockForNext(page)
  expect(await page.getByTestId('person').allTextContents()).toEqual(['Alex', 'Sam'])

  // Alex's turn: the agreement came through the local exchange folder; Alex signs.
  await switchTo(page, alex)
  await signInTurn(page, app.url, ag.id, 'Alex')
  await expect.poll(() => page.locator('.page header').innerText(), slow).toContain('Agreed by both')
  expect(await page.locator('main').innerText()).toMatch(/Sam agreed to this version on [^.]+, in their own Goldseam\./)
  await shot(page, 'agreed-alex')
  await lockForNext(page)

  // Sam's turn: agreed by both there too.
  await switchTo(page, sam)
  await page.goto(`${app.url}/#/agreements/${ag.id}`)
  await expect.poll(() => page.locator('.page header').innerText(), slow).toContain('Agreed by both')
  await shot(page, 'agreed-sam')

  // A check-in, answered in turns and seen together: Sam answers and waits for Alex.
  await page.goto(`${app.url}/#/checkins`)
  await page.getByRole('button', { name: 'Start a check-in' }).click()
  await page.getByLabel('Day of the check-in').fill('2026-11-08')
  await keepAnswer(page, 'Sam', '6', 'Sam found the drive home quiet.')
  const checkIn = page.getByRole('article', { name: /8 November 2026/ })
  await checkIn.getByRole('heading', { name: 'Waiting for Alex' }).waitFor()
  await lockForNext(page)

  // Alex's turn: the check-in is there, Sam's words are not; Alex answers, and until Sam's
  // Goldseam has seen Alex's answer, Alex waits for Sam.
  await switchTo(page, alex)
  await page.goto(`${app.url}/#/checkins`)
  await checkIn.waitFor(slow)
  expect(await page.locator('main').innerText()).not.toContain('Sam found the drive home quiet.')
  expect(await checkIn.getByRole('region', { name: 'Sam', exact: true }).count()).toBe(0)
  await shot(page, 'checkin-before-alex')
  await checkIn.getByRole('button', { name: 'Answer this check-in' }).click()
  await keepAnswer(page, 'Alex', '8', 'Alex worried about the drive home too.')
  await checkIn.getByRole('heading', { name: 'Waiting for Sam' }).waitFor()
  expect(await page.locator('main').innerText()).not.toContain('Sam found the drive home quiet.')
  await lockForNext(page)

  // Sam's turn, then Alex's: each sees both answers, and both trend lines.
  for (const [who, other] of [[sam, 'Alex'], [alex, 'Sam']] as const) {
    await switchTo(page, who)
    await page.goto(`${app.url}/#/checkins`)
    await expect.poll(() => checkIn.getByRole('region', { name: /^(Sam|Alex)$/ }).count(), slow).toBe(2)
    const text = await checkIn.innerText()
    expect(text).toContain('Sam found the drive home quiet.')
    expect(text).toContain('Alex worried about the drive home too.')
    expect(text).not.toContain('Waiting for')
    await page.getByRole('figure', { name: `As ${other} saw it` }).waitFor()
    await shot(page, `checkin-both-${who.name.toLowerCase()}`)
    await lockForNext(page)
  }
  expect(problems).toEqual(noProblems())
  await context.close()
}, 240_000) // nine turns, each an unlock (Argon2id), pairing and a check-in: slow on a busy machine

/** keepAnswer fills name's answer in the check-in form and waits until it is kept. */
async function keepAnswer(page: Page, name: string, trust: string, hard: string): Promise<void> {
  await fillAnswer(page, name, trust, hard)
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept.')
}

/** signInTurn opens the agreement and signs it as name, the person whose turn it is. */
async function signInTurn(page: Page, url: string, id: string, name: string): Promise<void> {
  await page.goto(`${url}/#/agreements/${id}`)
  await page.getByRole('region', { name: 'What you agreed' }).waitFor(slow)
  expect(await page.getByRole('button', { name: /^Sign as / }).allTextContents()).toEqual([`Sign as ${name}`])
  await page.getByLabel(`I, ${name}, have read this version and I agree to it.`).check()
  await page.getByRole('button', { name: `Sign as ${name}` }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`${name} signed.`)
}

test('the quick exit and a lock from Go leave no one open: the next person starts at "Who is using Goldseam?"', async (ctx) => {
  const app = home.app
  // It needs the two people the test before set up; run alone (-t), there is only Alex.
  const people = await callGo<{ people: { name: string; new: boolean }[] }>(app, 'api.People.List')
  if (people.people.filter((p) => !p.new).length < 2) ctx.skip()
  const { page, problems, context } = await home.open()
  await expect.poll(h1(page)).toBe('Who is using Goldseam?')
  await switchTo(page, sam)
  await page.getByRole('button', { name: /Quick exit/ }).click()
  await expect.poll(() => page.locator('body').innerText()).toBe('Return')
  expect((await windowState(app)).hidden).not.toBe('0')
  await expectNothingOpen(app)
  await page.getByRole('button', { name: 'Return' }).click()
  await expect.poll(h1(page)).toBe('Who is using Goldseam?')
  expect(await page.locator('main').innerText()).not.toContain('phones away')

  // A lock from Go (auto-lock, sleep) closes Alex's turn the same way.
  await switchTo(page, alex)
  await callGo(app, 'api.Vault.Lock')
  await expect.poll(h1(page)).toBe('Who is using Goldseam?')
  await expectNothingOpen(app)
  expect(problems).toEqual(noProblems())
  await context.close()
})

/** expectNothingOpen checks through Go that no one's data can be read now. */
async function expectNothingOpen(app: typeof home.app): Promise<void> {
  expect((await callGo<{ state: string }>(app, 'api.Vault.Status')).state).toBe('locked')
  for (const read of ['api.Journal.Months', 'api.Profile.Get', 'api.Agreements.List', 'api.People.ShownName']) {
    await expect(callGo(app, read)).rejects.toThrow(/locked/)
  }
}
