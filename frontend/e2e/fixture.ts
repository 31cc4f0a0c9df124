// The set-up most end-to-end files share, as one fixture: one Chromium for the file, and
// apps made and unlocked through Go (vault, kit, first run), stopped when the file is done.
//
//   const suite = useApp({ role: 'hurt', names: ['Sam', 'Alex'] })
//   test('…', async () => { const { page } = await suite.open() … suite.app … })
//
// Each test opens its own browser context (suite.open) and must not lean on what an earlier
// test in the file did: a test that needs some state makes it (or checks it is there) itself.
// A test that changes what every other test would find (the passphrase, the kit, a lock) has
// an app of its own, made where the test begins (until, passphrase, locked) and started only
// when the test opens it (lazy), so a test run alone (-t) makes no app but its own:
//
//   const kit = useApp({ until: 'kit', lazy: true })
//   test('…', async () => { const { page } = await kit.open() … kit.recoveryKey … })
import { afterAll, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import {
  callGo, launchBrowser, makeVault, newDataDir, openApp, setUpVault, startApp, testPassphrase,
  type FirstRun, type GuardedPage, type RunningApp,
} from './harness'

export interface AppOptions extends FirstRun {
  /** Leave the app as it starts: no vault, the welcome. */
  fresh?: boolean
  /** Stop setting up before this step: the recovery kit still to be kept ('kit'), or the
   * first-run questions still to be answered ('first-run'). */
  until?: 'kit' | 'first-run'
  /** The passphrase the vault is made with (testPassphrase unless given). */
  passphrase?: string
  /** Lock the vault once it is set up: the app opens at the lock screen. */
  locked?: boolean
  /** Start the app when a test first opens it (suite.open), not before the file's tests;
   * suite.app is there only after that. */
  lazy?: boolean
  /** Put files in the data folder before the app starts on it. */
  prepare?: (dataDir: string) => void
  /** Fill the app with what the file's tests read, once, after first run. */
  seed?: (app: RunningApp) => Promise<void>
}

export interface AppSuite {
  readonly browser: Browser
  readonly app: RunningApp
  /** The recovery key the vault was made with, its nine groups joined by "-" ("" when fresh). */
  readonly recoveryKey: string
  /** open opens the app in a fresh, watched browser context (harness.openApp). */
  open(options?: { colorScheme?: 'light' | 'dark' }): Promise<GuardedPage>
}

// One browser per file (each file runs in its own module scope), shared by every app in it
// and closed with the last app started.
let browser: Promise<Browser> | undefined
let users = 0
// What each useApp in the file that is not lazy does to start, so the first file hook starts
// them all at once (making a vault runs Argon2id: two apps made one after the other would
// cost twice the wait).
const starts: Array<() => Promise<void>> = []

function sharedBrowser(): Promise<Browser> {
  browser ??= launchBrowser()
  return browser
}

function once<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined
  return () => (running ??= run())
}

/** setUp takes a new app as far as the options say and gives back its recovery key's groups. */
async function setUp(app: RunningApp, options: AppOptions): Promise<string[]> {
  if (options.fresh) return []
  const passphrase = options.passphrase ?? testPassphrase
  let groups: string[]
  if (options.until === 'kit') groups = (await callGo<{ groups: string[] }>(app, 'api.Vault.Create', passphrase)).groups
  else if (options.until === 'first-run') groups = await makeVault(app, passphrase)
  else groups = await setUpVault(app, passphrase, options)
  if (options.locked) await callGo(app, 'api.Vault.Lock')
  return groups
}

/** useApp starts an app before the file's tests (or, lazy, when a test opens it) and stops
 * it (and, with the last app started, the browser) after them. */
export function useApp(options: AppOptions = {}): AppSuite {
  let app: RunningApp | undefined
  let ready: Browser | undefined
  let groups: string[] = []
  let started = false
  const start = once(async () => {
    started = true
    users++
    const dataDir = newDataDir()
    options.prepare?.(dataDir)
    ;[ready, app] = await Promise.all([sharedBrowser(), startApp(dataDir)])
    groups = await setUp(app, options)
    await options.seed?.(app)
  })
  if (!options.lazy) {
    starts.push(start)
    beforeAll(async () => {
      await Promise.all(starts.map((s) => s()))
    })
  }
  afterAll(async () => {
    if (!started) return
    await app?.stop()
    if (--users > 0) return
    const closing = browser
    browser = undefined
    await (await closing)?.close()
  })
  return {
    get browser() {
      if (!ready) throw new Error('useApp: the browser is there only inside a test')
      return ready
    },
    get app() {
      if (!app) throw new Error('useApp: the app is there only inside a test')
      return app
    },
    get recoveryKey() {
      return groups.join('-')
    },
    async open(openOptions) {
      await start()
      return openApp(this.browser, this.app, openOptions)
    },
  }
}
