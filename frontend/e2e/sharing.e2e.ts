// Two computers, end to end: Sam's app and Alex's app, each its own e2e server with its own
// data folder, share one local exchange folder (as a folder on one machine, or a synced folder
// that has caught up, is). Through the pages alone they choose the folder, pair by comparing
// the code both screens show, and each signs the agreement on their own computer; each page
// then shows it agreed by both; each answers one check-in on their own computer and sees the
// other's answer only once both have answered; then Sam stops sharing, alone, and Alex's page says so. The
// real Syncthing carries the same files between two folders in internal/sharing's Go test;
// here the folder is shared, so the browser is what is tested.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { answerSaveDialog, callGo, noProblems, seriousA11yViolations } from './harness'
import { useApp, type AppSuite } from './fixture'
import { artifactsDir } from './paths'
import { fillAnswer } from './checkin-steps'

const sam = useApp({ role: 'hurt', names: ['Sam', 'Alex'] })
const alex = useApp({ role: 'broke-trust', names: ['Alex', 'Sam'] })

/** chooseFolder chooses folder as the exchange folder in the app's Settings > Sharing. */
async function chooseFolder(suite: AppSuite, page: Page, folder: string): Promise<void> {
  await answerSaveDialog(suite.app, folder)
  await page.goto(`${suite.app.url}/#/settings`)
  await page.getByRole('button', { name: 'Choose the exchange folder' }).click()
  await expect.poll(() => page.getByTestId('sharing-folder').textContent()).toBe(folder)
}

/** answerCheckIn starts the check-in of 8 November 2026 on suite's page and answers it as name. */
async function answerCheckIn(suite: AppSuite, page: Page, name: string, trust: string, hard: string): Promise<void> {
  await page.goto(`${suite.app.url}/#/checkins`)
  await page.getByRole('button', { name: 'Start a check-in' }).click()
  expect(await page.getByRole('group', { name: /^(Sam|Alex)$/ }).count()).toBe(1) // paired: only the person here answers
  await page.getByText('How your answer stays private until').waitFor()
  await page.getByLabel('Day of the check-in').fill('2026-11-08')
  await fillAnswer(page, name, trust, hard)
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept.')
}

test('Sam and Alex pair their two computers through one folder, each signs the agreement on their own, each answers a check-in and a question for both unseen until both have, and Sam stops sharing alone', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'goldseam-exchange-'))
  await callGo(sam.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'weekly', here: 0, paired: false })
  await callGo(alex.app, 'api.Space.SaveSettings', { names: ['Alex', 'Sam'], rhythm: 'weekly', here: 0, paired: false })
  const s = await sam.open()
  const a = await alex.open()
  await chooseFolder(sam, s.page, folder)
  await chooseFolder(alex, a.page, folder)
  expect(await seriousA11yViolations(s.page)).toEqual([])
  await s.page.locator('section[aria-labelledby="sharing-heading"]').screenshot({ path: join(artifactsDir, 'sharing-folder-chosen.png') })

  // Sam starts; Alex finds the invitation and joins.
  await s.page.getByRole('button', { name: 'Start here' }).click()
  await s.page.getByTestId('pairing').getByText("Now, on Alex's computer:").waitFor()
  await a.page.getByRole('button', { name: 'Sam started: join' }).click()
  await a.page.getByTestId('invitation').getByText('From Sam').waitFor()
  await a.page.getByTestId('invitation').getByRole('button', { name: 'Join' }).click()

  // Both screens show the same code; both say it matches.
  const codes = await Promise.all([s.page, a.page].map(async (p) => {
    const code = p.getByTestId('pairing-code')
    await code.waitFor({ timeout: 20_000 })
    return (await code.textContent())!.trim()
  }))
  expect(codes[0]).toMatch(/^\d{3} \d{3}$/)
  expect(codes[1]).toBe(codes[0])
  expect(await seriousA11yViolations(a.page)).toEqual([])
  await s.page.screenshot({ path: join(artifactsDir, 'sharing-compare-sam.png'), fullPage: true })
  await s.page.getByRole('button', { name: 'The codes match' }).click()
  await a.page.getByRole('button', { name: 'The codes match' }).click()
  for (const p of [s.page, a.page]) await p.getByTestId('sharing-paired').waitFor({ timeout: 20_000 })
  expect(await s.page.getByTestId('sharing-paired').textContent()).toContain("Alex's computer")
  expect(await a.page.getByTestId('sharing-paired').textContent()).toContain("Sam's computer")
  await a.page.screenshot({ path: join(artifactsDir, 'sharing-paired-alex.png'), fullPage: true })
  for (const p of [s.page, a.page]) {
    await p.getByRole('button', { name: 'Check the folder now' }).click()
    await p.getByTestId('sharing-note').waitFor()
    expect(await p.getByText("signed with this computer's own key").count()).toBe(0) // its own files are its own
  }

  // Sam writes an agreement and puts it forward; it reaches Alex's computer on its own.
  const ag = await callGo<{ id: string; current: { id: string } }>(sam.app, 'api.Agreements.Create',
    { what: 'We put our phones away at dinner.', why: '', actions: [], category: 'openness', reviewOn: '', by: 'Sam' })
  await callGo(sam.app, 'api.Agreements.Propose', ag.id, 'Sam')
  await a.page.goto(`${alex.app.url}/#/agreements`)
  await a.page.getByText('We put our phones away at dinner.').waitFor({ timeout: 20_000 })

  // Each signs on their own page; Alex's page offers only Alex.
  for (const [suite, g, name] of [[sam, s, 'Sam'], [alex, a, 'Alex']] as const) {
    await g.page.goto(`${suite.app.url}/#/agreements/${ag.id}`)
    await g.page.getByRole('region', { name: 'What you agreed' }).waitFor()
    expect(await g.page.getByRole('button', { name: /^Sign as / }).allTextContents()).toEqual([`Sign as ${name}`])
    await g.page.getByLabel(`I, ${name}, have read this version and I agree to it.`).check()
    await g.page.getByRole('button', { name: `Sign as ${name}` }).click()
    await expect.poll(() => g.page.getByRole('status').allTextContents()).toContain(`${name} signed.`)
  }
  for (const g of [s, a]) {
    await expect.poll(() => g.page.locator('.page header').innerText(), { timeout: 20_000 }).toContain('Agreed by both')
  }
  const onSams = await s.page.locator('main').innerText()
  expect(onSams).toMatch(/Alex agreed to this version on [^.]+, on another computer\./)
  await s.page.screenshot({ path: join(artifactsDir, 'sharing-agreed-sam.png'), fullPage: true })

  // Home on Sam's computer mentions Alex's signature once, quietly.
  await s.page.goto(`${sam.app.url}/#/`)
  const news = s.page.getByTestId('partner-news')
  await news.waitFor()
  expect(await news.innerText()).toContain('Alex signed “We put our phones away at dinner.”')
  await s.page.reload()
  await s.page.getByRole('heading', { level: 1 }).waitFor()
  await s.page.waitForTimeout(500)
  expect(await s.page.getByTestId('partner-news').count()).toBe(0)

  // A check-in, answered privately on each computer: Sam answers first and waits for Alex;
  // Alex's page shows nothing of Sam's answer until Alex has answered; then both see both.
  await answerCheckIn(sam, s.page, 'Sam', '6', 'Sam found the drive home quiet.')
  const samsCheckIn = s.page.getByRole('article', { name: /8 November 2026/ })
  await samsCheckIn.getByRole('heading', { name: 'Waiting for Alex' }).waitFor()
  expect(await samsCheckIn.innerText()).toContain("Alex's answer shows here, beside yours, once you have both answered.")
  await samsCheckIn.getByText('How your answer stays private until Alex has answered').click()
  await s.page.screenshot({ path: join(artifactsDir, 'reveal-waiting-sam.png'), fullPage: true })
  await a.page.goto(`${alex.app.url}/#/checkins`)
  const alexsCheckIn = a.page.getByRole('article', { name: /8 November 2026/ })
  await expect.poll(async () => {
    await a.page.reload()
    await a.page.getByRole('heading', { name: /^(Earlier check-ins|No check-ins yet)$/ }).waitFor() // the list has been read
    return alexsCheckIn.count()
  }, { timeout: 20_000, interval: 1000 }).toBe(1)
  expect(await a.page.locator('main').innerText()).not.toContain('Sam found the drive home quiet.')
  expect(await alexsCheckIn.getByRole('region', { name: 'Sam', exact: true }).count()).toBe(0)
  await a.page.screenshot({ path: join(artifactsDir, 'reveal-before-alex.png'), fullPage: true })
  await alexsCheckIn.getByRole('button', { name: 'Answer this check-in' }).click()
  await a.page.getByText('Sam sees your answer, and you see theirs, only once you have both answered.').waitFor()
  await fillAnswer(a.page, 'Alex', '8', 'Alex worried about the drive home too.')
  await expect.poll(() => a.page.getByRole('status').allTextContents()).toContain('Kept.')
  for (const [suite, g] of [[sam, s], [alex, a]] as const) {
    const article = g.page.getByRole('article', { name: /8 November 2026/ })
    await expect.poll(async () => {
      await g.page.goto(`${suite.app.url}/#/checkins`)
      await article.waitFor()
      return article.getByRole('region', { name: /^(Sam|Alex)$/ }).count()
    }, { timeout: 20_000, interval: 1000 }).toBe(2)
    const text = await article.innerText()
    expect(text).toContain('Sam found the drive home quiet.')
    expect(text).toContain('Alex worried about the drive home too.')
    expect(text).not.toContain('Waiting for')
    await g.page.getByRole('figure', { name: 'As Sam saw it' }).waitFor()
    await g.page.getByRole('figure', { name: 'As Alex saw it' }).waitFor()
  }
  expect(await seriousA11yViolations(a.page)).toEqual([])
  await a.page.screenshot({ path: join(artifactsDir, 'reveal-both-alex.png'), fullPage: true })

  // A program prompt meant for both, answered the same way: Sam's words reach Alex's page only
  // once Alex has answered too.
  const card = (g: typeof s) => g.page.getByRole('region', { name: 'What I most need from you now' })
  await s.page.goto(`${sam.app.url}/#/program/feel-understood`)
  await s.page.locator('section.together[data-loaded="true"]').waitFor()
  expect(await card(s).innerText()).toContain('Unlike the rest of the program, this answer is shared with Alex.')
  await card(s).getByLabel('Your answer, Sam').fill('Patience while I find the words.')
  await card(s).getByRole('button', { name: 'Keep my answer' }).click()
  await card(s).getByRole('heading', { name: 'Waiting for Alex' }).waitFor()
  await card(s).screenshot({ path: join(artifactsDir, 'reveal-prompt-waiting-sam.png') })
  // Sam's answer arrives on Alex's computer locked: Alex's page has nothing of it.
  await expect.poll(() => callGo<{ hidden: boolean }[]>(alex.app, 'api.Space.TogetherAnswers', 'feel-understood/what-i-need'),
    { timeout: 20_000, interval: 1000 }).toEqual([expect.objectContaining({ hidden: true, text: '' })])
  await a.page.goto(`${alex.app.url}/#/program/feel-understood`)
  await a.page.locator('section.together[data-loaded="true"]').waitFor()
  expect(await a.page.locator('main').innerText()).not.toContain('Patience while I find the words.')
  expect(await card(a).getByTestId('together-waiting').count()).toBe(0)
  await card(a).getByLabel('Your answer, Alex').fill('To hear that you are staying.')
  await card(a).getByRole('button', { name: 'Keep my answer' }).click()
  for (const [suite, g, other] of [[sam, s, 'To hear that you are staying.'], [alex, a, 'Patience while I find the words.']] as const) {
    await expect.poll(async () => {
      await g.page.goto(`${suite.app.url}/#/program/feel-understood`)
      await g.page.locator('section.together[data-loaded="true"]').waitFor()
      return card(g).innerText()
    }, { timeout: 20_000, interval: 1000 }).toContain(other)
  }
  await card(a).screenshot({ path: join(artifactsDir, 'reveal-prompt-both-alex.png') })

  // Sam stops sharing, alone; Alex's computer learns it, and both keep what they had to read.
  await s.page.goto(`${sam.app.url}/#/settings`)
  await s.page.getByRole('button', { name: 'Stop sharing…' }).click()
  expect(await s.page.getByTestId('leave-confirm').innerText()).toContain('there is no remote wipe')
  await s.page.getByRole('button', { name: 'Stop sharing now' }).click()
  await expect.poll(() => s.page.getByTestId('sharing-ended').textContent()).toMatch(/^You stopped sharing on /)
  await a.page.goto(`${alex.app.url}/#/settings`)
  await expect.poll(async () => {
    await a.page.reload()
    // The sharing section says paired or ended once it has read the state; only then look.
    await a.page.getByTestId(/^sharing-(paired|ended)$/).first().waitFor()
    return (await a.page.getByTestId('sharing-ended').count()) > 0 ? await a.page.getByTestId('sharing-ended').textContent() : ''
  }, { timeout: 20_000, interval: 1000 }).toMatch(/^Sam stopped sharing on /)
  await a.page.goto(`${alex.app.url}/#/agreements/${ag.id}`)
  await a.page.getByText('We put our phones away at dinner.').first().waitFor()
  expect(s.problems).toEqual(noProblems())
  expect(a.problems).toEqual(noProblems())
  await s.context.close()
  await a.context.close()
}, 240_000) // pairing, signing, a check-in and a prompt on two computers: slow on a busy machine
