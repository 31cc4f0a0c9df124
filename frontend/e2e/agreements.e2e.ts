// Agreements end to end: the names they carry, writing one, both partners signing, a new
// version asking for both signatures again, the versions side by side, the printable copy read
// back from the PDF Chromium makes of it, and the partner's own computer: a signature made there
// at the same moment, and a wording changed there at the same moment as here (a tie).
import { expect, test } from 'vitest'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { callGo, noProblems, partnerFork, partnerWrite, seriousA11yViolations, windowState, type PartnerChange } from './harness'
import { useApp } from './fixture'
import { personalRecordID } from './records'

const suite = useApp()

/** Made is what the Go side answers about an agreement it made: its id and its wording's id. */
type Made = { id: string; current: { id: string } }

const first = { what: 'We tell each other where we are going when we go out.', action: 'Send a short message before leaving work, and when plans change' }

/** agreedByBoth gives a test what the first test leaves behind, made through Go when it did not
 * run: the names Sam and Alex, and the first agreement signed by both and being kept. */
async function agreedByBoth(): Promise<void> {
  const { names } = await callGo<{ names: string[] }>(suite.app, 'api.Space.Settings')
  if (names.filter(Boolean).length < 2) await callGo(suite.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'weekly' })
  const all = await callGo<{ current: { what: string } }[]>(suite.app, 'api.Agreements.List')
  if (all.some((a) => a.current.what === first.what)) return
  const ag = await callGo<Made>(suite.app, 'api.Agreements.Create', {
    what: first.what, why: '', actions: [first.action], category: 'openness', reviewOn: '', by: 'Sam',
  })
  for (const n of ['Sam', 'Alex']) await callGo(suite.app, 'api.Agreements.Sign', ag.id, ag.current.id, n)
  await callGo(suite.app, 'api.Agreements.Begin', ag.id, 'Alex')
}

async function sign(page: Page, name: string) {
  await page.getByLabel(`I, ${name}, have read this version and I agree to it.`).check()
  await page.getByRole('button', { name: `Sign as ${name}` }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`${name} signed.`)
}

test('an agreement is written, signed by both, begun, changed, signed again, and kept in a check-in on the chart', async () => {
  const { page, problems, context } = await suite.open()
  await page.getByRole('link', { name: 'Agreements', exact: true }).click()
  await page.getByLabel('One of you').fill('Sam')
  await page.getByLabel('The other').fill('sam')
  await page.getByRole('button', { name: 'Keep these names' }).click()
  await expect.poll(() => page.getByRole('alert').allTextContents()).toContain('Please use two different names, so each signature is clearly one of you.')
  await page.getByLabel('The other').fill('Alex')
  await page.getByRole('button', { name: 'Keep these names' }).click()

  await page.getByRole('link', { name: 'Write an agreement' }).click()
  await page.getByRole('button', { name: 'Keep as a draft' }).click()
  await expect.poll(() => page.getByRole('alert').allTextContents()).toContain('Please write what you are agreeing to.')
  await page.getByLabel('What we agree').fill('We tell each other where we are going when we go out.')
  await page.getByLabel('Why it helps us').fill('So neither of us has to guess or worry.')
  await page.getByLabel('Action 1').fill('Send a short message before leaving work')
  await page.getByLabel('Kind of agreement').selectOption({ label: 'Openness' })
  await page.getByRole('button', { name: 'Keep as a draft' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('An agreement')
  // The heading is the page's own; the status arrives with the agreement from Go.
  await expect.poll(() => page.locator('.page header').innerText()).toContain('Draft')

  await page.getByRole('button', { name: 'Put it forward' }).click()
  await expect.poll(() => page.locator('.page header').innerText()).toContain('Waiting for both signatures')
  expect(await page.getByRole('button', { name: 'Sign as Sam' }).isDisabled()).toBe(true) // only after the explicit tick
  await sign(page, 'Sam')
  await sign(page, 'Alex')
  await expect.poll(() => page.locator('.page header').innerText()).toContain('Agreed by both')
  await page.getByRole('button', { name: 'Begin keeping it' }).click()
  await expect.poll(() => page.locator('.page header').innerText()).toContain('Being kept')
  expect(await seriousA11yViolations(page)).toEqual([])

  // Changing the words makes version 2, and both are asked to sign again.
  await page.getByRole('button', { name: 'Change the wording' }).click()
  await page.getByLabel('Action 1').fill('Send a short message before leaving work, and when plans change')
  await page.getByLabel('Who is writing this').selectOption('Alex')
  await page.getByRole('button', { name: 'Keep this version' }).click()
  await expect.poll(() => page.locator('.page header').innerText()).toContain('Waiting for both signatures')
  expect(await page.getByRole('heading', { name: 'Signing version 2' }).count()).toBe(1)
  expect(await page.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('plans')]))
  expect(await page.locator('del').count()).toBe(0)
  await sign(page, 'Alex')
  await sign(page, 'Sam')
  await page.getByRole('button', { name: 'Begin keeping it' }).click()
  await expect.poll(() => page.locator('.page header').innerText()).toContain('Being kept')
  await page.locator('.agreement-history summary').click() // the history is folded away until opened
  const history = await page.locator('.agreement-history').innerText()
  for (const line of ['Sam wrote the first draft (version 1)', 'Alex changed the wording (version 2)', 'Both of you agreed (version 2)']) {
    expect(history).toContain(line)
  }

  // The same agreement in a check-in, and the check-in on the chart.
  await page.getByRole('link', { name: 'Check-ins', exact: true }).click()
  await page.getByRole('button', { name: 'Start a check-in' }).click()
  // Each partner answers for themselves; Sam marks the agreement kept.
  const agreement = page.getByRole('group', { name: 'Sam', exact: true }).getByRole('group', { name: 'We tell each other where we are going when we go out.' })
  await agreement.getByRole('radio', { name: 'Kept' }).check()
  await page.getByRole('group', { name: 'Sam', exact: true }).getByLabel('Trust').fill('4')
  await page.getByRole('group', { name: 'Alex', exact: true }).getByLabel('Trust').fill('6')
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept.')
  const samChart = page.getByRole('figure', { name: 'As Sam saw it' })
  await expect.poll(() => samChart.locator('svg.chart title').allTextContents()).toEqual([expect.stringMatching(/: trust 4$/)])
  expect(await page.getByRole('figure', { name: 'As Alex saw it' }).locator('svg.chart title').allTextContents()).toEqual([expect.stringMatching(/: trust 6$/)])
  expect(await page.getByRole('region', { name: 'Your agreements, check-in by check-in' }).innerText()).toContain('kept')
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('the printable copy, made into a PDF by Chromium, holds every active agreement and nothing else', async () => {
  await agreedByBoth()
  const names = await callGo<{ names: string[] }>(suite.app, 'api.Space.Settings')
  expect(names.names).toEqual(['Sam', 'Alex'])
  const second = await callGo<Made>(suite.app, 'api.Agreements.Create', {
    what: 'We eat together on Sunday evenings, phones in the other room.', why: '', actions: [], category: 'time-together', reviewOn: '', by: 'Alex',
  })
  for (const n of ['Sam', 'Alex']) await callGo(suite.app, 'api.Agreements.Sign', second.id, second.current.id, n)
  await callGo(suite.app, 'api.Agreements.Begin', second.id, 'Sam')
  await callGo(suite.app, 'api.Agreements.Create', { what: 'A draft nobody has agreed to yet.', why: '', actions: [], category: 'openness', reviewOn: '', by: 'Sam' })

  const { page, problems, context } = await suite.open()
  await page.getByRole('link', { name: 'Agreements', exact: true }).click()
  await page.getByRole('link', { name: 'A copy to print' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Our agreements')
  await page.getByText('We eat together on Sunday evenings', { exact: false }).waitFor()
  await page.getByRole('button', { name: 'Print, or save as PDF' }).click()
  await expect.poll(async () => (await windowState(suite.app)).printed).toBe('1') // the request reached the window
  await page.emulateMedia({ media: 'print' })
  const pdf = await page.pdf({ format: 'A4' })
  const dir = mkdtempSync(join(tmpdir(), 'goldseam-print-'))
  writeFileSync(join(dir, 'agreements.pdf'), pdf)
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'agreements.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  expect(text).toContain(first.what)
  expect(text).toContain(first.action)
  expect(text).toContain('We eat together on Sunday evenings, phones in the other room.')
  expect(text).not.toContain('A draft nobody has agreed to yet.')
  for (const chrome of ['Quick exit', 'Safety and support', 'Print, or save as PDF']) expect(text).not.toContain(chrome)
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('step 13 hands over to a new agreement, and Home quietly mentions an agreement whose review has come', async () => {
  await agreedByBoth()
  const due = await callGo<Made>(suite.app, 'api.Agreements.Create', {
    what: 'We talk about money before big purchases.', why: '', actions: [], category: 'openness', reviewOn: '2020-01-01', by: 'Sam',
  })
  for (const n of ['Sam', 'Alex']) await callGo(suite.app, 'api.Agreements.Sign', due.id, due.current.id, n)
  await callGo(suite.app, 'api.Agreements.Begin', due.id, 'Alex')

  const { page, problems, context } = await suite.open()
  await page.getByRole('link', { name: 'Home', exact: true }).click()
  const waiting = page.getByRole('region', { name: 'When you are ready' })
  await expect.poll(() => waiting.innerText()).toContain('We talk about money before big purchases.')
  await waiting.getByRole('link', { name: 'We talk about money before big purchases.' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Time to look at this again' }).count()).toBe(1)
  await page.getByRole('button', { name: 'Keep it as it is' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept as it is.')
  await page.getByRole('link', { name: 'Home', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'Start with step 1' }).waitFor()
  await expect.poll(async () => (await page.locator('main').innerText()).includes('We talk about money')).toBe(false)

  await page.goto(`${suite.app.url}/#/program/set-clear-agreements`)
  await page.getByRole('link', { name: 'Write an agreement together' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 2, name: 'A new agreement' }).count()).toBe(1)
  expect(problems).toEqual(noProblems())
  await context.close()
})

// The partner's computer, through the Go API: what it writes, signed by its own device as
// Alex, is merged into this app's file, as a synced copy would be.

/** partnerVersion is a new wording of agreement over revises as the Go side derives a
 * version: its id from its words and a random salt, and the record to write. */
function partnerVersion(agreement: string, revises: string, what: string): { id: string; change: PartnerChange } {
  const salt = randomBytes(32)
  const part = (s: string | Buffer) => {
    const bytes = Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8')
    const len = Buffer.alloc(4)
    len.writeUInt32BE(bytes.length)
    return Buffer.concat([len, bytes])
  }
  const none = Buffer.alloc(4) // no actions
  const id = createHash('sha256')
    .update(Buffer.concat([Buffer.from('goldseam/agreement-version/v1\0'), part(agreement), part(revises), part(what), part(''), part('openness'), none, part(salt)]))
    .digest('hex')
    .slice(0, 32)
  const value = { revises, wording: { what, why: '', actions: [], category: 'openness' }, salt: salt.toString('base64') }
  return { id, change: { record: id, kind: 'agreement-version', parent: agreement, field: '', value } }
}

/** proposedBySam is a new agreement Sam wrote and put forward, made through Go. */
async function proposedBySam(what: string): Promise<Made> {
  await agreedByBoth() // the names, and the first agreement
  const ag = await callGo<Made>(suite.app, 'api.Agreements.Create', { what, why: '', actions: [], category: 'openness', reviewOn: '', by: 'Sam' })
  await callGo(suite.app, 'api.Agreements.Propose', ag.id, 'Sam')
  return ag
}

test('Alex signs on their own computer at the moment Sam signs here, and the page shows the agreement agreed by both', async () => {
  const ag = await proposedBySam('We put our phones away at dinner.')
  await partnerFork(suite.app)
  await callGo(suite.app, 'api.Agreements.Sign', ag.id, ag.current.id, 'Sam')
  await partnerWrite(suite.app, [{
    record: personalRecordID('agreement-signature', ag.current.id, 'partner-2'), kind: 'agreement-signature', parent: ag.id, field: '',
    value: { agreement: ag.id, version: ag.current.id, person: { role: 'partner-2', name: 'Alex' } },
  }])

  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/agreements/${ag.id}`)
  await page.getByRole('region', { name: 'What you agreed' }).waitFor() // the page and the agreement have loaded
  await expect.poll(() => page.locator('.page header').innerText()).toContain('Agreed by both')
  const text = await page.locator('main').innerText()
  expect(text).toMatch(/Sam agreed to this version on [^.,]+\./)
  expect(text).toMatch(/Alex agreed to this version on [^.]+, on another computer\./)
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('Sam and Alex change the wording at the same moment: both wordings are shown side by side until they keep one', async () => {
  const ag = await proposedBySam('We go for a walk on Sundays.')
  await partnerFork(suite.app)
  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/agreements/${ag.id}`)
  await page.getByRole('button', { name: 'Change the wording' }).click()
  await page.getByLabel('What we agree').fill('We go for a long walk on Sunday mornings.')
  await page.getByRole('button', { name: 'Keep this version' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept as a new version.')

  const alexs = 'We go for a walk on Sundays, or Saturdays when it rains.'
  const version = partnerVersion(ag.id, ag.current.id, alexs)
  await partnerWrite(suite.app, [version.change, { record: ag.id, kind: 'agreement', field: 'current', value: version.id }])
  await page.reload()
  const tie = page.getByRole('region', { name: 'You both changed the wording at the same time' })
  await tie.waitFor()
  await expect.poll(() => tie.innerText()).toContain(alexs)
  expect(await tie.innerText()).toContain('We go for a long walk on Sunday mornings.')
  expect(await page.getByRole('heading', { name: /^Signing version/ }).count()).toBe(0) // nobody signs until they choose
  expect(await seriousA11yViolations(page)).toEqual([])

  await tie.getByText(alexs).locator('xpath=ancestor::*[.//button][1]').getByRole('button', { name: 'Keep this one' }).click()
  await expect.poll(() => page.getByRole('region', { name: 'You both changed the wording at the same time' }).count(), { timeout: 10_000 }).toBe(0)
  expect(await page.getByRole('region', { name: 'What you agreed' }).innerText()).toContain(alexs)
  await page.locator('.agreement-history summary').click()
  expect(await page.locator('.agreement-history').innerText()).toContain('We go for a long walk on Sunday mornings.')
  expect(problems).toEqual(noProblems())
  await context.close()
})
