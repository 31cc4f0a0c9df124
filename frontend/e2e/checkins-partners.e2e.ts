// Check-ins with two writers, end to end: each partner's answer is their own record, so an
// answer Alex writes on their own computer (merged through the Go API, as a copy brought back
// from that computer would be) shows under Alex's name beside the answer made here; and when
// one partner's answer was changed on two computers at once, both values are kept for them
// to choose between, the other staying among the earlier answers.
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { callGo, noProblems, partnerFork, partnerWrite, seriousA11yViolations } from './harness'
import { useApp } from './fixture'
import { artifactsDir } from './paths'
import { personalRecordID, settingsID } from './records'

const suite = useApp({ role: 'hurt', names: ['Sam', 'Alex'] })

type Listed = { id: string; on: string; answers: { answer: { name: string; hard: string } }[] }

/** checkIn keeps a check-in through Go with Sam's answer, as the form here would, and returns its id. */
async function checkIn(on: string, hard: string): Promise<string> {
  await callGo(suite.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'weekly' })
  const kept = await callGo<Listed>(suite.app, 'api.CheckIns.Save', {
    id: '', on, answers: [{ name: 'Sam', ratings: { safety: 6, trust: 5, connection: 7 }, items: [], wentWell: '', hard, try: '' }],
  })
  return kept.id
}

test("Alex's answer, written on Alex's own computer, shows under Alex's name beside Sam's answer made here", async () => {
  await callGo(suite.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'weekly' })
  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/checkins`)
  await page.getByRole('button', { name: 'Start a check-in' }).click()
  const sam = page.getByRole('group', { name: 'Sam', exact: true })
  await page.getByLabel('Day of the check-in').fill('2026-10-04')
  await sam.getByLabel('Trust').fill('6')
  await sam.getByLabel('What was hard').fill('The drive home was quiet.')
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept.')
  const id = (await callGo<Listed[]>(suite.app, 'api.CheckIns.List')).find((c) => c.on === '2026-10-04')!.id

  // Alex answers the same check-in on their own computer; their copy comes back here.
  await partnerWrite(suite.app, [
    { record: personalRecordID('checkin-answer', id, 'partner-2'), kind: 'checkin-answer', parent: id, field: 'ratings', value: { safety: 7, trust: 4, connection: null } },
    { record: personalRecordID('checkin-answer', id, 'partner-2'), kind: 'checkin-answer', parent: id, field: 'hard', value: 'I worried about the drive home too.' },
  ])
  await page.reload()
  const article = page.getByRole('article', { name: /4 October 2026/ })
  const samsAnswer = article.getByRole('region', { name: 'Sam', exact: true })
  const alexsAnswer = article.getByRole('region', { name: 'Alex', exact: true })
  await alexsAnswer.waitFor()
  expect(await samsAnswer.innerText()).toContain('The drive home was quiet.')
  expect(await samsAnswer.innerText()).toMatch(/Written by Sam on this computer, \d+ \w+/)
  const alexText = await alexsAnswer.innerText()
  expect(alexText).toContain('I worried about the drive home too.')
  expect(alexText).toContain('safety 7, trust 4, connection not answered')
  expect(alexText).toMatch(/Written by Alex, \d+ \w+/)
  expect(alexText).not.toContain('on this computer')
  // The chart has a line for each of them.
  await page.getByRole('figure', { name: 'As Alex saw it' }).waitFor()
  expect(await seriousA11yViolations(page)).toEqual([])
  expect(problems).toEqual(noProblems())
  await context.close()
})

test("one partner's answer changed on two computers at once keeps both to choose from, and the other stays among the earlier answers", async () => {
  const id = await checkIn('2026-10-11', 'Sam wrote this here.')
  const alexsRecord = personalRecordID('checkin-answer', id, 'partner-2')
  await partnerFork(suite.app)
  // Alex writes here, at this computer, and on their own, neither seeing the other.
  await callGo(suite.app, 'api.CheckIns.Save', {
    id, on: '2026-10-11', answers: [{ name: 'Alex', ratings: {}, items: [], wentWell: '', hard: 'Written at the shared keyboard.', try: '' }],
  })
  await partnerWrite(suite.app, [{ record: alexsRecord, kind: 'checkin-answer', parent: id, field: 'hard', value: 'Written on my own computer.' }])

  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/checkins`)
  const alexsAnswer = page.getByRole('article', { name: /11 October 2026/ }).getByRole('region', { name: 'Alex', exact: true })
  await alexsAnswer.waitFor()
  const tie = alexsAnswer.getByRole('region', { name: /Which should stay\?/ })
  expect(await tie.innerText()).toContain('what was hard: Written at the shared keyboard.')
  expect(await tie.innerText()).toContain('what was hard: Written on my own computer.')
  expect(await seriousA11yViolations(page)).toEqual([])
  await tie.getByRole('button', { name: 'Keep this one' }).nth(1).click()
  await expect.poll(() => tie.count()).toBe(0)
  const chosen = (await alexsAnswer.getByText(/^Written (at the shared keyboard|on my own computer)\.$/).textContent())!
  const other = chosen === 'Written on my own computer.' ? 'Written at the shared keyboard.' : 'Written on my own computer.'
  // Nothing is lost: the value not kept is among the earlier answers, behind a summary.
  await alexsAnswer.getByText(/^Earlier answers/).click()
  expect(await alexsAnswer.innerText()).toContain(other)
  const listed = await callGo<Listed[]>(suite.app, 'api.CheckIns.List')
  expect(listed.find((c) => c.id === id)!.answers.map((a) => [a.answer.name, a.answer.hard])).toEqual([
    ['Sam', 'Sam wrote this here.'],
    ['Alex', chosen],
  ])
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('the rhythm changed on two computers at once is shown in Settings with both values until one is kept', async () => {
  await callGo(suite.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'weekly' })
  await partnerFork(suite.app)
  await callGo(suite.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'monthly' })
  await partnerWrite(suite.app, [{ record: settingsID(), kind: 'space-settings', field: 'rhythm', value: 'fortnightly' }])

  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/settings`)
  const tie = page.getByTestId('settings-tie')
  await tie.waitFor()
  expect(await tie.getByRole('heading').innerText()).toBe('How often you check in')
  const text = await tie.innerText()
  expect(text).toContain('Every month')
  expect(text).toContain('Every two weeks')
  expect(text).toContain('Alex')
  expect(await seriousA11yViolations(page)).toEqual([])
  await tie.screenshot({ path: join(artifactsDir, 'settings-tie.png') })
  await tie.getByText('Every two weeks').locator('xpath=ancestor::*[.//button][1]').getByRole('button', { name: 'Keep this one' }).click()
  await expect.poll(() => page.getByTestId('settings-tie').count(), { timeout: 10_000 }).toBe(0)
  expect((await callGo<{ rhythm: string }>(suite.app, 'api.Space.Settings')).rhythm).toBe('fortnightly')
  expect(problems).toEqual(noProblems())
  await context.close()
})
