// The set-up most end-to-end files share, as one fixture: one Chromium for the file, and
// apps made and unlocked through Go (vault, kit, first run), stopped when the file is done.
//
//   const suite = useApp({ role: 'hurt', names: ['Sam', 'Alex'] })
//   test('…', async () => { const { page } = await suite.open() … suite.app … })
//
// Each test opens its own browser context (suite.open) and must not lean on what an earlier
// test in the file did: a test that needs some state makes it (or checks it is there) itself.
import { afterAll, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, setUpVault, startApp, testPassphrase, type FirstRun, type GuardedPage, type RunningApp } from './harness'

export interface AppOptions extends FirstRun {
  /** Leave the app as it starts: no vault, the welcome. */
  fresh?: boolean
  /** Fill the app with what the file's tests read, once, after first run. */
  seed?: (app: RunningApp) => Promise<void>
}

export interface AppSuite {
  readonly browser: Browser
  readonly app: RunningApp
  /** open opens the app in a fresh, watched browser context (harness.openApp). */
  open(options?: { colorScheme?: 'light' | 'dark' }): Promise<GuardedPage>
}

// One browser per file (each file runs in its own module scope), shared by every app in it.
let browser: Promise<Browser> | undefined
let users = 0
// What each useApp in the file does to start, so the first file hook starts them all at once
// (making a vault runs Argon2id: two apps made one after the other would cost twice the wait).
const starts: Array<() => Promise<void>> = []

function sharedBrowser(): Promise<Browser> {
  browser ??= launchBrowser()
  return browser
}

function once<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined
  return () => (running ??= run())
}

/** useApp starts an app before the file's tests and stops it (and, with the last app, the browser) after them. */
export function useApp(options: AppOptions = {}): AppSuite {
  let app: RunningApp | undefined
  let ready: Browser | undefined
  const start = once(async () => {
    ;[ready, app] = await Promise.all([sharedBrowser(), startApp()])
    if (!options.fresh) await setUpVault(app, testPassphrase, options)
    await options.seed?.(app)
  })
  starts.push(start)
  users++
  beforeAll(async () => {
    await Promise.all(starts.map((s) => s()))
  })
  afterAll(async () => {
    await app?.stop()
    if (--users === 0) await (await browser)?.close()
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
    open(openOptions) {
      return openApp(this.browser, this.app, openOptions)
    },
  }
}
