// The vault, end to end in Chromium against the real Go services and a real data file:
// first run (passphrase, strength, recovery kit), lock and unlock, the quick exit, the
// recovery key, changing the passphrase, a new kit, and a lock that comes from Go.
// The steps follow one person's way through it; each step has an app of its own, made
// through Go as the steps before would have left it, so each runs alone (-t).
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { answerFirstRun, answerSaveDialog, callGo, noProblems, seriousA11yViolations, windowState, type FirstRun, type RunningApp } from './harness'
import { useApp } from './fixture'

const first = 'amber harbour stitches thunder'
const second = 'violet ladder beneath river stones'
const third = 'nine quiet owls fold paper boats'
// What the person answered at first run, for the steps after it.
const ana: FirstRun = { role: 'hurt', names: ['Ana', ''] }

// Steps that run Argon2id (a quarter of a gigabyte, once or twice) get more than a second.
const slow = { timeout: 20_000 }
const h1 = (page: Page) => () => page.getByRole('heading', { level: 1 }).textContent()
const alertText = (page: Page) => () => page.getByRole('alert').textContent()
const vaultState = (app: RunningApp) => async () => (await callGo<{ state: string }>(app, 'api.Vault.Status')).state

async function typeKitBack(page: Page, groups: string[]) {
  const labels = await page.locator('form label').allTextContents()
  const numbers = labels.map((l) => Number(l.match(/Group (\d)/)?.[1]))
  await page.getByLabel(`Group ${numbers[0]}`).fill(groups[numbers[0] - 1].toLowerCase())
  await page.getByLabel(`Group ${numbers[1]}`).fill(groups[numbers[1] - 1])
  await page.getByRole('button', { name: 'I have kept my kit' }).click()
}

async function readKit(page: Page): Promise<string[]> {
  return (await page.getByRole('list', { name: 'Recovery key, nine groups' }).locator('li').allTextContents()).map((t) =>
    t.replace(/^\d/, '').trim(),
  )
}

// Where each step begins, as the steps before it leave the vault.
const welcome = useApp({ fresh: true, lazy: true })
const kitToKeep = useApp({ until: 'kit', passphrase: first, lazy: true })
const openAtHome = useApp({ ...ana, passphrase: first, lazy: true })
const openForEscape = useApp({ ...ana, passphrase: first, lazy: true })
const lockedForQuickExit = useApp({ ...ana, passphrase: first, locked: true, lazy: true })
const lockedForRecovery = useApp({ ...ana, passphrase: first, locked: true, lazy: true })
const recovered = useApp({ ...ana, passphrase: second, lazy: true })
const changed = useApp({ ...ana, passphrase: third, lazy: true })

describe('the vault, as a person goes through it', () => {
  test('first run: a weak passphrase is explained and refused, a strong one makes the vault', async () => {
    const { page, problems, context } = await welcome.open()
    const state = vaultState(welcome.app)
    await expect.poll(h1(page)).toBe('Welcome to Goldseam')
    await page.getByRole('button', { name: 'Begin when you are ready' }).click()
    await expect.poll(h1(page)).toBe('Choose your passphrase')
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByLabel('Passphrase', { exact: true }).fill('password1')
    await expect.poll(() => page.locator('#create-strength').textContent()).toContain('Goldseam needs a stronger one')
    await page.getByLabel('Type it once more').fill('password1')
    await page.getByRole('button', { name: 'Lock my Goldseam with this' }).click()
    await expect.poll(alertText(page)).toMatch(/commonly used|most used/)
    expect(await state()).toBe('new')

    // A page that skips the meter and calls Go itself is refused in the meter's words.
    const direct = await page.evaluate(() =>
      (window as unknown as { go: { api: { Vault: { Create: (p: string) => Promise<unknown> } } } }).go.api.Vault.Create('password123').then(
        () => 'made a vault',
        (e: Error) => e.message,
      ),
    )
    expect(direct).toContain('This is a commonly used password.')
    expect(await state()).toBe('new')

    await page.getByLabel('Passphrase', { exact: true }).fill(first)
    await page.getByLabel('Type it once more').fill(first + 'x')
    await page.getByRole('button', { name: 'Lock my Goldseam with this' }).click()
    await expect.poll(alertText(page)).toContain('not the same')
    expect(await state()).toBe('new')

    await page.getByLabel('Type it once more').fill(first)
    await page.getByRole('button', { name: 'Lock my Goldseam with this' }).click()
    await expect.poll(h1(page), slow).toBe('Your recovery kit')
    expect(await state()).toBe('unlocked')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('the recovery kit is shown once, saved privately, and typed back before going on', async () => {
    const { page, problems, context } = await kitToKeep.open()
    const app = kitToKeep.app
    await expect.poll(h1(page), slow).toBe('Your recovery kit')
    const groups = await readKit(page)
    expect(groups).toHaveLength(9)
    for (const g of groups) expect(g).toMatch(/^[0-9A-Z]{4}$/)
    expect(groups.join('-')).toBe(kitToKeep.recoveryKey) // the kit Go made, shown as it is
    expect(await seriousA11yViolations(page)).toEqual([])

    const file = join(app.dataDir, '..', `kit-${Date.now()}.txt`)
    await answerSaveDialog(app, file)
    await page.getByRole('button', { name: 'Save as a file' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain(file)
    expect(readFileSync(file, 'utf8')).toContain(groups.join(' '))
    expect(statSync(file).mode & 0o777).toBe(0o600)

    // Typed back wrong: explained, and the kit stays.
    const labels = await page.locator('form label').allTextContents()
    const n = labels.map((l) => Number(l.match(/Group (\d)/)?.[1]))
    await page.getByLabel(`Group ${n[0]}`).fill(groups[n[1] - 1])
    await page.getByLabel(`Group ${n[1]}`).fill(groups[n[0] - 1])
    await page.getByRole('button', { name: 'I have kept my kit' }).click()
    await expect.poll(alertText(page)).toContain('does not match your kit')
    expect(await h1(page)()).toBe('Your recovery kit')

    await typeKitBack(page, groups)
    await answerFirstRun(page, { role: 'I was hurt', myName: 'Ana' })
    await expect.poll(h1(page)).toBe('Start with step 1')
    await expect.poll(() => page.getByRole('complementary', { name: 'Recovery kit' }).count()).toBe(0)
    expect(await callGo<{ role: string; myName: string; safetyConcern: boolean }>(app, 'api.Profile.Get')).toMatchObject({
      role: 'hurt', myName: 'Ana', safetyConcern: false,
    })
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('Ctrl+L locks; the lock screen shows nothing private; a wrong passphrase says so', async () => {
    const { page, problems, context } = await openAtHome.open()
    await expect.poll(h1(page), slow).toBe('Start with step 1')
    await page.keyboard.press('Control+l')
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    expect(await vaultState(openAtHome.app)()).toBe('locked')
    expect(await page.getByRole('navigation').count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase at all')
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(alertText(page), slow).toBe('That passphrase did not open Goldseam. Nothing has changed. Check that Caps Lock is off and try again.')
    expect(await vaultState(openAtHome.app)()).toBe('locked')

    await page.getByLabel('Passphrase', { exact: true }).fill(first)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(h1(page), slow).toBe('Start with step 1')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('Escape twice blanks the screen and locks at once; Return leads to the lock screen', async () => {
    const { page, problems, context } = await openForEscape.open()
    const app = openForEscape.app
    await expect.poll(h1(page), slow).toBe('Start with step 1')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.evaluate(() => document.title)).toBe('Untitled')
    expect(await page.locator('body').innerText()).toBe('Return')
    await expect.poll(vaultState(app)).toBe('locked')
    expect((await windowState(app)).title).toBe('Untitled')
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Return' }).click()
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    await expect.poll(async () => (await windowState(app)).title).toBe('Goldseam')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('the visible Quick exit button does the same', async () => {
    const { page, problems, context } = await lockedForQuickExit.open()
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    await page.getByLabel('Passphrase', { exact: true }).fill(first)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(h1(page), slow).toBe('Start with step 1')
    await page.getByRole('button', { name: /Quick exit/ }).click()
    await expect.poll(() => page.locator('body').innerText()).toBe('Return')
    await expect.poll(vaultState(lockedForQuickExit.app)).toBe('locked')
    await page.getByRole('button', { name: 'Return' }).click()
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('the recovery key opens Goldseam, then a new passphrase is chosen', async () => {
    const { page, problems, context } = await lockedForRecovery.open()
    const recoveryKey = lockedForRecovery.recoveryKey
    const state = vaultState(lockedForRecovery.app)
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    await page.getByRole('button', { name: /Use your recovery key/ }).click()
    const typo = recoveryKey.slice(0, 3) + (recoveryKey[3] === 'A' ? 'B' : 'A') + recoveryKey.slice(4)
    await page.getByLabel('Recovery key').fill(typo)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(alertText(page)).toContain('typo')
    expect(await state()).toBe('locked')

    await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase().replaceAll('-', ' '))
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(h1(page), slow).toBe('Choose a new passphrase')
    expect(await state()).toBe('recovering')

    await page.getByLabel('Passphrase', { exact: true }).fill(second)
    await page.getByLabel('Type it once more').fill(second)
    await page.getByRole('button', { name: 'Use this passphrase' }).click()
    await expect.poll(h1(page), slow).toBe('Start with step 1')

    await page.getByRole('button', { name: /^Lock/ }).click()
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    await page.getByLabel('Passphrase', { exact: true }).fill(first)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(alertText(page), slow).toContain('did not open Goldseam')
    await page.getByLabel('Passphrase', { exact: true }).fill(second)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(h1(page), slow).toBe('Start with step 1')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('Settings changes the passphrase, sets auto-lock, and makes a new kit that retires the old', async () => {
    const { page, problems, context } = await recovered.open()
    const app = recovered.app
    await expect.poll(h1(page), slow).toBe('Start with step 1')
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(h1(page)).toBe('Settings')
    expect(await seriousA11yViolations(page)).toEqual([])

    // "Never" is said quietly on Home, and only while it is the choice.
    await page.getByLabel('Lock by itself').selectOption({ label: 'Never (not recommended)' })
    await expect.poll(async () => (await callGo<{ autoLockMinutes: number }>(app, 'api.Vault.Status')).autoLockMinutes).toBe(0)
    await page.getByRole('link', { name: 'Home', exact: true }).click()
    await expect.poll(() => page.getByText('Goldseam stays open until you lock it').count()).toBe(1)
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(h1(page)).toBe('Settings')
    await page.getByLabel('Lock by itself').selectOption({ label: 'After 15 minutes' })
    await expect.poll(async () => (await callGo<{ autoLockMinutes: number }>(app, 'api.Vault.Status')).autoLockMinutes).toBe(15)
    await page.getByRole('link', { name: 'Home', exact: true }).click()
    await expect.poll(h1(page)).toBe('Start with step 1')
    expect(await page.getByText('Goldseam stays open until you lock it').count()).toBe(0)
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(h1(page)).toBe('Settings')

    await page.getByLabel('Your passphrase now').fill('wrong one entirely')
    await page.getByLabel('New passphrase').fill(third)
    await page.locator('#change-again').fill(third)
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await expect.poll(alertText(page), slow).toContain('did not open Goldseam')
    await page.getByLabel('Your passphrase now').fill(second)
    await page.getByLabel('New passphrase').fill(third)
    await page.locator('#change-again').fill(third)
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await expect
      .poll(() => page.getByRole('status').allTextContents(), slow)
      .toContain('Your passphrase has changed. Use the new one from now on.')

    await page.locator('#kit-passphrase').fill(third)
    await page.getByRole('button', { name: 'Make a new recovery kit' }).click()
    await expect.poll(h1(page), slow).toBe('Your recovery kit')
    const groups = await readKit(page)
    expect(groups.join('-')).not.toBe(recovered.recoveryKey)
    await typeKitBack(page, groups)
    await expect.poll(h1(page)).toBe('Settings') // back where the person was
    const { kitId } = await callGo<{ kitId: string }>(app, 'api.Vault.Status')
    await expect.poll(() => page.getByText(`Your recovery kit ${kitId} is in place.`).count()).toBe(1)

    await callGo(app, 'api.Vault.Lock')
    await expect
      .poll(() => callGo(app, 'api.Vault.UnlockWithRecoveryKey', recovered.recoveryKey).catch((e: Error) => e.message))
      .toContain('wrong_passphrase')
    expect(problems).toEqual(noProblems())
    await context.close()
  })

  test('a lock that comes from Go (auto-lock, sleep) brings the lock screen without a click', async () => {
    const { page, problems, context } = await changed.open()
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(h1(page), slow).toBe('Settings')
    // Locked through Go, not the page: the page must follow by itself.
    await callGo(changed.app, 'api.Vault.Lock')
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    await page.getByLabel('Passphrase', { exact: true }).fill(third)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(h1(page), slow).toBe('Settings') // unlocking returns to where the person was
    await callGo(changed.app, 'api.Vault.Lock')
    await expect.poll(h1(page)).toBe('Goldseam is locked')
    expect(problems).toEqual(noProblems())
    await context.close()
  })
})

const junk = Buffer.from('this is not a database; '.repeat(500))
const damaged = useApp({ fresh: true, lazy: true, prepare: (dir) => writeFileSync(join(dir, 'goldseam.db'), junk, { mode: 0o600 }) })

describe('a data file Goldseam cannot use', () => {
  test('is explained on a calm screen, with where it is, and left exactly as it was', async () => {
    const { page: p, problems, context } = await damaged.open()
    const file = join(damaged.app.dataDir, 'goldseam.db')
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Goldseam cannot open your data')
    expect(await p.getByRole('alert').textContent()).toContain('found damage in its data file')
    expect(await p.locator('main').innerText()).toContain(file)
    expect(await seriousA11yViolations(p)).toEqual([])
    expect(problems).toEqual(noProblems())
    await context.close()
    await damaged.app.stop({ keep: true })
    expect(readFileSync(file).equals(junk)).toBe(true)
  })
})

const safetyFirst = useApp({ until: 'first-run', passphrase: 'quiet harbour lanterns drifting', lazy: true })

describe('the safety check', () => {
  test('a worrying answer says plainly this is not the path, and keeps a private list of people to turn to', async () => {
    const { page: p, problems, context } = await safetyFirst.open()
    await answerFirstRun(p, { unsafe: true })
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Your safety comes first')
    expect(await p.locator('main').innerText()).toContain('this program is not the path for you right now')
    expect(await seriousA11yViolations(p)).toEqual([])
    await p.getByLabel('Name').fill('Local support line')
    await p.getByLabel('How to reach them').fill('0800 000 000')
    await p.getByRole('button', { name: 'Keep this list and go on' }).click()
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Start with step 1')
    const saved = await callGo<{ safetyConcern: boolean; contacts: { name: string }[] }>(safetyFirst.app, 'api.Profile.Get')
    expect(saved.safetyConcern).toBe(true)
    expect(saved.contacts.map((c) => c.name)).toEqual(['Local support line'])
    await p.getByRole('link', { name: 'Program', exact: true }).click()
    await expect.poll(() => p.getByRole('complementary', { name: 'Your safety' }).innerText()).toContain('may not be the right path')
    expect(problems).toEqual(noProblems())
    await context.close()
  })
})
