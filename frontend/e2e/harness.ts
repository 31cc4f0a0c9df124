// The pieces every end-to-end test uses: a fresh app (the real Go services over loopback,
// with its own temporary data folder), real Chromium, and guards that fail a test when
// the page talks to anything but the app, navigates away, breaks its CSP or logs an error.
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { chromiumPath, distDir, serverBinary } from './paths'

export interface RunningApp {
  url: string
  dataDir: string
  process: ChildProcess
  /** Everything the app has logged so far (its stderr). */
  log(): string
  opened(): Promise<string[]>
  /** stop ends the app as closing the window does, then removes its data folder unless keep. */
  stop(options?: { keep?: boolean }): Promise<void>
}

/** newDataDir makes an empty data folder for one app, in the temp folder. */
export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'goldseam-e2e-'))
}

/** startApp runs the e2e server on a fresh data folder (or the one given) and waits until it listens. */
export async function startApp(
  dataDir = newDataDir(),
  env: Record<string, string> = {},
): Promise<RunningApp> {
  const child = spawn(serverBinary, ['--data-dir', dataDir, '--dist', distDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`e2e server did not start: ${stderr}`)), 15_000)
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const m = out.match(/listening on (http:\/\/\S+)/)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[1])
      }
    })
    child.on('exit', (code) => reject(new Error(`e2e server exited with ${code}: ${stderr}`)))
  })
  return {
    url,
    dataDir,
    process: child,
    log: () => stderr,
    async opened() {
      return (await (await fetch(`${url}/e2e/opened`)).json()) as string[]
    },
    async stop(options = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // No sandbox as root in CI; no background network of Chromium's own (this machine has none).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** What went wrong in a page, for the test to assert is empty. */
export interface Problems {
  consoleErrors: string[]
  pageErrors: string[]
  cspViolations: string[]
  foreignRequests: string[]
  navigations: string[]
}

export interface GuardedPage {
  context: BrowserContext
  page: Page
  problems: Problems
}

/** openApp opens the app in a fresh browser context and watches everything it does. */
export async function openApp(
  browser: Browser,
  app: RunningApp,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<GuardedPage> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: { width: 1200, height: 820 } })
  const page = await context.newPage()
  const origin = new URL(app.url).origin
  const problems: Problems = { consoleErrors: [], pageErrors: [], cspViolations: [], foreignRequests: [], navigations: [] }
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const text = msg.text()
    if (/Content.Security.Policy/i.test(text)) problems.cspViolations.push(text)
    else problems.consoleErrors.push(text)
  })
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)))
  page.on('request', (req) => {
    if (new URL(req.url()).origin !== origin && !req.url().startsWith('data:')) problems.foreignRequests.push(req.url())
  })
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && new URL(frame.url()).origin !== origin) problems.navigations.push(frame.url())
  })
  await page.goto(app.url)
  return { context, page, problems }
}

export function noProblems(): Problems {
  return { consoleErrors: [], pageErrors: [], cspViolations: [], foreignRequests: [], navigations: [] }
}

/** seriousA11yViolations runs axe-core on the page and keeps what is serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // A screen fades in (180 ms); measured halfway, its text is paler than it will ever be
  // read, and axe reports a contrast failure that depends on timing.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

/** callGo calls a bound Go method the way the page does, for setting up or checking state. */
export async function callGo<T = unknown>(app: RunningApp, name: string, ...args: unknown[]): Promise<T> {
  const reply = (await (
    await fetch(`${app.url}/wails/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, args }),
    })
  ).json()) as { result?: T; error?: string }
  if (reply.error) throw new Error(`${name}: ${reply.error}`)
  return reply.result as T
}

export const testPassphrase = 'copper kettle under moonlight'

/** Who the person is, as first run would have kept it. */
export interface FirstRun {
  role?: 'hurt' | 'broke-trust' | 'both' | 'unsaid'
  /** The person's first name and their partner's. */
  names?: [string, string]
  /** A worrying answer in the safety check, so Goldseam puts safety first. */
  concern?: boolean
}

/** makeVault makes the vault through Go and finishes its kit: first run comes next. */
export async function makeVault(app: RunningApp, passphrase = testPassphrase): Promise<string[]> {
  const kit = await callGo<{ groups: string[]; check: [number, number] }>(app, 'api.Vault.Create', passphrase)
  await callGo(app, 'api.Vault.ConfirmRecoveryKit', kit.groups[kit.check[0] - 1], kit.groups[kit.check[1] - 1])
  return kit.groups
}

/** setUpVault makes the vault through Go, finishes its kit and answers first run; the app is then unlocked. */
export async function setUpVault(app: RunningApp, passphrase = testPassphrase, firstRun: FirstRun = {}): Promise<string[]> {
  const groups = await makeVault(app, passphrase)
  const [myName, partnerName] = firstRun.names ?? ['', '']
  await callGo(app, 'api.Profile.Save', {
    role: firstRun.role ?? 'unsaid', myName, partnerName, contacts: [],
    safety: { hurt: firstRun.concern ? 'yes' : 'no', afraid: 'no', control: 'no', pressured: 'no' },
  })
  return groups
}

/** answerFirstRun goes through the first-run questions in the page: where you stand, names, safety. */
export async function answerFirstRun(
  page: Page,
  options: { role?: string; myName?: string; partnerName?: string; unsafe?: boolean } = {},
): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Where do you stand?' }).waitFor({ timeout: 20_000 })
  await page.getByText(options.role ?? 'I prefer not to say').click()
  if (options.myName) await page.getByLabel('Your first name (if you like)').fill(options.myName)
  if (options.partnerName) await page.getByLabel("Your partner's first name (if you like)").fill(options.partnerName)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { level: 1, name: 'A private safety check' }).waitFor()
  const groups = page.getByRole('group')
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).getByText(i === 0 && options.unsafe ? 'Yes' : 'No', { exact: true }).click()
  }
  await page.getByRole('button', { name: 'Continue' }).click()
}

/** windowState is what the e2e host knows of the window: its title, the next save answer,
 * and how often it was asked to print and to hide (the quick exit). */
export async function windowState(app: RunningApp): Promise<{ title: string; savePath: string; printed: string; hidden: string }> {
  return (await (await fetch(`${app.url}/e2e/window`)).json()) as { title: string; savePath: string; printed: string; hidden: string }
}

/** answerSaveDialog sets what the next save dialog answers ("" cancels). */
export async function answerSaveDialog(app: RunningApp, path: string): Promise<void> {
  await fetch(`${app.url}/e2e/save-path`, { method: 'POST', body: JSON.stringify(path) })
}

/** recordFigure appends "RELIABILITY name value" to the file make reliability names in
 * GOLDSEAM_FIGURES; in an ordinary test run it does nothing. */
export function recordFigure(name: string, value: number): void {
  const file = process.env.GOLDSEAM_FIGURES
  if (file) appendFileSync(file, `RELIABILITY ${name} ${value}\n`)
}

/** One change the partner makes on their own computer: a field of a shared record. */
export interface PartnerChange {
  record: string
  kind: string
  parent?: string
  field: string
  value: unknown
  /** sealed writes value as the partner's own answer to the question parent of kind, sealed
   * as a paired computer seals it (record and field are then derived); the partner's copy
   * releases it once it holds this side's answer, as a paired computer does. */
  sealed?: boolean
}

async function partnerPost<T>(app: RunningApp, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** partnerFork gives the partner's computer (a second data file with a device of its own) a
 * copy of every shared change the app holds now. The app must be unlocked. */
export async function partnerFork(app: RunningApp): Promise<void> {
  await partnerPost(app, '/e2e/partner/fork', {})
}

/** partnerWrite makes changes on the partner's copy (forking first if it has none), signed
 * by the partner's computer as the couple's second name, then merges that copy into the
 * app's file. A tie in a test: partnerFork, change a field in the page, partnerWrite the
 * same field, then reload the screen. Returns each change's id, record and field. */
export async function partnerWrite(
  app: RunningApp,
  changes: PartnerChange[],
): Promise<{ id: string; record: string; field: string }[]> {
  const made = await partnerPost<{ changes: { id: string; record: string; field: string }[] }>(app, '/e2e/partner', {
    changes: changes.map((c) => ({ parent: '', ...c })),
  })
  return made.changes
}
