// Check-ins and good experiences, end to end: names and rhythm set in the page, an agreement
// made active through Go, a check-in kept through the form and read back from the chart, its
// table and the agreement's history; an experience taken from idea to plan to done.
import { expect, test } from 'vitest'
import { callGo, noProblems, seriousA11yViolations } from './harness'
import { useApp } from './fixture'

const suite = useApp()

const promise = 'We tell each other where we are going when we go out.'

/** checkedIn gives a test what the first test leaves behind, made through Go when it did not
 * run: the names Sam and Alex, and a check-in with both partners' ratings. */
async function checkedIn(): Promise<void> {
  if ((await callGo<unknown[]>(suite.app, 'api.CheckIns.List')).length > 0) return
  await callGo(suite.app, 'api.Space.SaveSettings', { names: ['Sam', 'Alex'], rhythm: 'fortnightly' })
  await callGo(suite.app, 'api.CheckIns.Save', {
    id: '', on: '2026-11-20',
    answers: [
      { name: 'Sam', ratings: { safety: 6, trust: 5, connection: 7 }, items: [], wentWell: '', hard: 'Sunday evening felt quiet.', try: '' },
      { name: 'Alex', ratings: { safety: 8, connection: 4 }, items: [], wentWell: '', hard: '', try: '' },
    ],
  })
}

test('a check-in keeps the agreement kept and both partners’ ratings, and shows them on the chart, its table and the history', async () => {
  const { page, problems, context } = await suite.open()
  await page.getByRole('link', { name: 'Check-ins', exact: true }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check-ins')

  // No names yet: they are asked for here, and the rhythm can be chosen with them.
  await page.getByLabel('One of you').fill('Sam')
  await page.getByLabel('The other').fill('Alex')
  await page.getByLabel('How often you check in').selectOption('fortnightly')
  await page.getByRole('button', { name: 'Keep these' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved. Each of you can now rate below.')
  await expect.poll(() => page.locator('.rhythm').innerText()).toContain('Sam and Alex check in every two weeks.')
  expect(await callGo(suite.app, 'api.Space.Settings')).toEqual({ names: ['Sam', 'Alex'], rhythm: 'fortnightly', here: 0, paired: false })
  expect(await seriousA11yViolations(page)).toEqual([])

  // An agreement both have signed and begun, made through Go as the Agreements screens would.
  const ag = await callGo<{ id: string; current: { id: string } }>(suite.app, 'api.Agreements.Create', {
    what: promise, why: '', actions: [], category: 'openness', reviewOn: '', by: 'Sam',
  })
  for (const n of ['Sam', 'Alex']) await callGo(suite.app, 'api.Agreements.Sign', ag.id, ag.current.id, n)
  await callGo(suite.app, 'api.Agreements.Begin', ag.id, 'Alex')
  await callGo(suite.app, 'api.Agreements.Create', { what: 'A draft nobody has agreed to yet.', why: '', actions: [], category: 'openness', reviewOn: '', by: 'Sam' })
  await page.reload()
  // Check-ins lead with one main action; the form opens from it.
  await page.getByRole('button', { name: 'Start a check-in' }).click()
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('checkin-on')
  const sam = page.getByRole('group', { name: 'Sam', exact: true })
  const alex = page.getByRole('group', { name: 'Alex', exact: true })
  // Each partner answers under their own name, each agreement included.
  const agreement = sam.getByRole('group', { name: promise })
  await agreement.waitFor()
  expect(await alex.getByRole('group', { name: promise }).count()).toBe(1)
  expect(await page.getByRole('group', { name: 'A draft nobody has agreed to yet.' }).count()).toBe(0)

  // Saving nothing is refused in words, and nothing typed is lost when a rating is out of range.
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
  await expect.poll(() => page.getByRole('alert').allTextContents()).toContain('There is nothing to keep yet: answer at least one question.')
  await sam.getByLabel('What went well').fill('We walked to the market and talked on the way.')
  await sam.getByLabel('Safety').fill('12')
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
  await expect.poll(() => page.getByRole('alert').textContent()).toContain("look again at Sam's")
  expect(await sam.getByLabel('What went well').inputValue()).toBe('We walked to the market and talked on the way.')
  // Go's own refusal (too long to keep in one piece) keeps the form as typed, too.
  await sam.getByLabel('Safety').fill('')
  await sam.getByLabel('What was hard').fill('so much '.repeat(2600))
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('longer than Goldseam keeps in one piece')
  expect(await sam.getByLabel('What went well').inputValue()).toBe('We walked to the market and talked on the way.')
  expect((await sam.getByLabel('What was hard').inputValue()).length).toBe('so much '.repeat(2600).length)

  await page.getByLabel('Day of the check-in').fill('2026-11-20')
  await agreement.getByRole('radio', { name: 'Kept' }).check()
  await agreement.getByLabel('A note (optional)').fill('Every time, even the short trips.')
  await sam.getByLabel('Safety').fill('6')
  await sam.getByLabel('Trust').fill('5')
  await sam.getByLabel('Connection').fill('7')
  await alex.getByLabel('Safety').fill('8')
  await alex.getByLabel('Connection').fill('4') // Alex leaves trust unanswered
  await sam.getByLabel('What was hard').fill('Sunday evening felt quiet.')
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Kept.')
  expect(await sam.getByLabel('What went well').inputValue()).toBe('')
  expect(await sam.getByLabel('Safety').inputValue()).toBe('')
  expect(await agreement.getByRole('radio', { name: 'Kept' }).isChecked()).toBe(false)

  // Go kept null for the unanswered rating, not 0.
  const kept = await callGo<{ answers: { answer: { name: string; ratings: unknown } }[] }[]>(suite.app, 'api.CheckIns.List')
  expect(kept[0].answers.map((a) => [a.answer.name, a.answer.ratings])).toEqual([
    ['Sam', { safety: 6, trust: 5, connection: 7 }],
    ['Alex', { safety: 8, trust: null, connection: 4 }],
  ])

  // The chart: one per partner, each point titled with its date and value.
  const samChart = page.getByRole('figure', { name: 'As Sam saw it' })
  await samChart.waitFor()
  expect(await samChart.getByRole('img').getAttribute('aria-label')).toContain('as Sam rated them, over 1 check-in')
  expect(await samChart.locator('svg.chart title').allTextContents()).toEqual(['20 Nov 2026: safety 6', '20 Nov 2026: trust 5', '20 Nov 2026: connection 7'])
  const alexChart = page.getByRole('figure', { name: 'As Alex saw it' })
  expect(await alexChart.locator('svg.chart title').allTextContents()).toEqual(['20 Nov 2026: safety 8', '20 Nov 2026: connection 4'])
  // The same figures as a table.
  await samChart.getByText("Sam's answers as a table").click()
  expect(await samChart.getByRole('row', { name: /20 Nov 2026/ }).getByRole('cell').allTextContents()).toEqual(['6', '5', '7'])
  await alexChart.getByText("Alex's answers as a table").click()
  expect(await alexChart.getByRole('row', { name: /20 Nov 2026/ }).getByRole('cell').allTextContents()).toEqual(['8', '–', '4'])
  // Beneath, the agreement's history, with words for the mark.
  const history = page.getByRole('region', { name: 'Your agreements, check-in by check-in' })
  expect(await history.innerText()).toContain(promise)
  const marks = history.getByRole('list', { name: 'Check-ins for this agreement, oldest first' }).getByRole('listitem')
  expect(await marks.allTextContents()).toEqual([expect.stringContaining('20 Nov 2026: kept')])

  // A second, shorter check-in, then deleted after confirming.
  await page.getByLabel('Day of the check-in').fill('2026-11-21')
  await sam.getByLabel('What we want to try').fill('A phone-free breakfast.')
  await page.getByRole('button', { name: 'Keep this check-in' }).click()
  const newer = page.getByRole('article', { name: /21 November 2026/ })
  await newer.waitFor()
  const past = page.getByRole('region', { name: 'Earlier check-ins' })
  expect(await past.getByRole('article').allTextContents()).toHaveLength(2)
  expect(await past.getByRole('heading', { level: 3 }).allTextContents()).toEqual([expect.stringMatching(/21 November 2026$/), expect.stringMatching(/20 November 2026$/)])
  const older = page.getByRole('article', { name: /20 November 2026/ })
  expect(await older.innerText()).toContain('Every time, even the short trips.')
  expect(await older.innerText()).toContain('trust not answered')
  expect(await seriousA11yViolations(page)).toEqual([])
  await newer.getByRole('button', { name: 'Delete this check-in' }).click()
  await newer.getByRole('button', { name: 'Keep it' }).click()
  expect(await newer.count()).toBe(1)
  await newer.getByRole('button', { name: 'Delete this check-in' }).click()
  await newer.getByRole('button', { name: 'Yes, delete it' }).click()
  await expect.poll(() => newer.count()).toBe(0)
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Earlier check-ins')
  expect(await callGo<unknown[]>(suite.app, 'api.CheckIns.List')).toHaveLength(1)
  expect(problems).toEqual(noProblems())
  await context.close()
}, 120_000) // the whole form, for each partner in turn: slow on a busy machine

test('check-ins and good experiences read well in the dark theme too', async () => {
  await checkedIn()
  const { page, problems, context } = await suite.open({ colorScheme: 'dark' })
  await page.goto(`${suite.app.url}/#/checkins`)
  await page.getByRole('figure', { name: 'As Sam saw it' }).waitFor()
  await page.getByText("Sam's answers as a table").click()
  expect(await seriousA11yViolations(page)).toEqual([])
  await page.getByRole('link', { name: 'Good experiences', exact: true }).click()
  await page.getByLabel('What you could do together').fill('Breakfast on the balcony')
  await page.getByRole('button', { name: 'Add the idea' }).click()
  const idea = page.getByRole('article', { name: 'Breakfast on the balcony' })
  await idea.getByRole('button', { name: 'Mark it done' }).click()
  expect(await seriousA11yViolations(page)).toEqual([])
  await idea.getByRole('button', { name: 'Cancel' }).click()
  await idea.getByRole('button', { name: 'Delete' }).click()
  await idea.getByRole('button', { name: 'Yes, delete it' }).click()
  await expect.poll(() => idea.count()).toBe(0)
  expect(problems).toEqual(noProblems())
  await context.close()
})

test('a good experience goes from idea to planned to done, and stays there after a reload', async () => {
  const { page, problems, context } = await suite.open()
  await page.goto(`${suite.app.url}/#/experiences`)
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Good experiences')
  await page.getByRole('heading', { level: 2, name: 'Nothing here yet' }).waitFor()

  // Go's own words when there is no title.
  await page.getByRole('button', { name: 'Add the idea' }).click()
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('Please give the idea a few words')

  await page.getByLabel('What you could do together').fill('A walk by the river at dusk')
  await page.getByLabel('A note (optional)').fill('Bring the flask.')
  await page.getByRole('button', { name: 'Add the idea' }).click()
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Added “A walk by the river at dusk” to your ideas.')
  const ideas = page.getByRole('region', { name: 'Ideas', exact: true })
  const walk = page.getByRole('article', { name: 'A walk by the river at dusk' })
  await ideas.getByRole('article', { name: 'A walk by the river at dusk' }).waitFor()
  expect(await seriousA11yViolations(page)).toEqual([])

  // Planning needs a day: Go says so when it is cleared.
  await walk.getByRole('button', { name: 'Plan it' }).click()
  await walk.getByLabel('The day you plan it for').fill('')
  await walk.getByRole('button', { name: 'Keep the plan' }).click()
  await expect.poll(() => walk.getByRole('alert').textContent()).toBe('Please choose the day you plan it for.')
  await walk.getByLabel('The day you plan it for').fill('2026-12-05')
  await walk.getByRole('button', { name: 'Keep the plan' }).click()
  const planned = page.getByRole('region', { name: 'Planned', exact: true })
  await planned.getByRole('article', { name: 'A walk by the river at dusk' }).waitFor()
  expect(await walk.innerText()).toMatch(/Planned for Saturday,? 5 December 2026/)
  // The item moved to another group; focus went with it.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('A walk by the river at dusk')

  await walk.getByRole('button', { name: 'Mark it done' }).click()
  expect(await walk.getByLabel('The day you did it').inputValue()).toBe('2026-12-05')
  await walk.getByLabel('How it felt').fill('Easy and warm; we laughed about the geese.')
  await walk.getByRole('button', { name: 'Keep it as done' }).click()
  const done = page.getByRole('region', { name: 'Done', exact: true })
  await done.getByRole('article', { name: 'A walk by the river at dusk' }).waitFor()

  // A second idea, changed and then deleted after confirming.
  await page.getByLabel('What you could do together').fill('Cook a dish neither of us knows')
  await page.getByRole('button', { name: 'Add the idea' }).click()
  const cook = page.getByRole('article', { name: 'Cook a dish neither of us knows' })
  await cook.getByRole('button', { name: 'Change' }).click()
  await cook.getByLabel('What it is').fill('Cook a Georgian dish together')
  await cook.getByRole('button', { name: 'Keep the changes' }).click()
  const georgian = page.getByRole('article', { name: 'Cook a Georgian dish together' })
  await georgian.waitFor()
  await georgian.getByRole('button', { name: 'Delete' }).click()
  await georgian.getByRole('button', { name: 'Yes, delete it' }).click()
  await expect.poll(() => georgian.count()).toBe(0)

  await page.reload()
  const doneAfter = page.getByRole('region', { name: 'Done', exact: true })
  const kept = doneAfter.getByRole('article', { name: 'A walk by the river at dusk' })
  await kept.waitFor()
  const text = await kept.innerText()
  expect(text).toMatch(/Done on Saturday,? 5 December 2026/)
  expect(text).toContain('Easy and warm; we laughed about the geese.')
  expect(text).toContain('Bring the flask.')
  expect(await page.getByRole('region', { name: 'Ideas', exact: true }).getByRole('article').count()).toBe(0)
  expect(await seriousA11yViolations(page)).toEqual([])
  expect(problems).toEqual(noProblems())
  await context.close()
})
