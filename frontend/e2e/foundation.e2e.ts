// The foundation, end to end: the welcome, the shell, every screen by keyboard in both
// themes with axe, the data folder coming from real Go, and the webview's locks.
import { describe, expect, test } from 'vitest'
import { noProblems, seriousA11yViolations } from './harness'
import { useApp } from './fixture'

const suite = useApp() // set up and unlocked: the shell
const welcome = useApp({ fresh: true }) // never set up: the welcome

// Home is already open after the welcome, so it comes later: following a link to the
// screen you are on changes nothing, focus included.
const screens = [
  { link: 'Program', heading: 'The program' },
  { link: 'Journal', heading: 'Journal' },
  { link: 'Agreements', heading: 'Agreements' },
  { link: 'Check-ins', heading: 'Check-ins' },
  { link: 'Home', heading: 'Start with step 1' },
  { link: 'Settings', heading: 'Settings' },
  { link: 'About', heading: 'About Goldseam' },
  { link: 'Safety and support', heading: 'Safety and support' },
]

describe('welcome', () => {
  test('says what Goldseam is and is not, puts safety first, and loads nothing remote', async () => {
    const { page, problems, context } = await welcome.open()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Goldseam')
    const text = await page.locator('main').innerText()
    expect(text).toContain('self-help companion, not therapy')
    expect(text).toContain('this is not the path for you')
    expect(text).toContain('never connects to the internet')
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual(noProblems())
    await context.close()
  })
})

describe('shell', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every screen opens by keyboard and has no serious accessibility problem (${colorScheme})`, async () => {
      const { page, problems, context } = await suite.open({ colorScheme })
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Start with step 1')
      for (const screen of screens) {
        await page.getByRole('link', { name: screen.link, exact: true }).focus()
        await page.keyboard.press('Enter')
        const heading = page.getByRole('heading', { level: 1 })
        await expect.poll(() => heading.textContent()).toBe(screen.heading)
        // Focus moves to the new screen's heading, so keyboard users start at its top.
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
        expect(await seriousA11yViolations(page), `${screen.link} in ${colorScheme}`).toEqual([])
      }
      expect(problems).toEqual(noProblems())
      await context.close()
      // Eight axe passes, Settings now holding every section and the check-in rhythm: on two
      // shared cores this has come within seconds of the 60 s default.
    }, 120_000)
  }

  test('the first stop for the keyboard skips to the content', async () => {
    const { page, context } = await suite.open()
    await page.getByRole('link', { name: 'Home', exact: true }).waitFor()
    const first = await page.evaluate(() => {
      const tabbable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, [tabindex]')]
        .filter((el) => el.tabIndex >= 0)
      return tabbable[0]?.textContent
    })
    expect(first).toBe('Skip to content')
    await page.getByText('Skip to content').focus()
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    await context.close()
  })

  test('settings shows the data folder the Go side was started with', async () => {
    const { page, problems, context } = await suite.open()
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(() => page.getByTestId('data-dir').textContent()).toBe(suite.app.dataDir)
    expect(problems).toEqual(noProblems())
    await context.close()
  })
})

describe('the webview stays locked down', () => {
  test('links never move the page; only a clicked https link reaches the OS browser, through Go', async () => {
    const { page, problems, context } = await suite.open()
    const start = page.url()
    const hrefs = ['https://example.org/help', 'http://example.org/', 'javascript:window.__pwned=1', 'file:///etc/passwd', '/elsewhere']
    for (const href of hrefs) {
      await page.evaluate((h) => {
        const a = document.createElement('a')
        a.href = h
        a.textContent = h
        a.id = 'probe'
        document.body.append(a)
      }, href)
      await page.click('#probe')
      await page.click('#probe', { button: 'middle' })
      await page.evaluate(() => document.getElementById('probe')?.remove())
    }
    await page.waitForTimeout(300)
    expect(page.url()).toBe(start)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await suite.app.opened()).toEqual(['https://example.org/help'])
    expect(context.pages()).toHaveLength(1)
    expect(problems.navigations).toEqual([])
    expect(problems.foreignRequests).toEqual([])
    await context.close()
  })

  test('injected scripts and event handlers do not run (CSP without unsafe-inline)', async () => {
    const { page, problems, context } = await suite.open()
    const response = await page.request.get(suite.app.url)
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="/missing.png" onerror="window.__pwned=1">')
      const s = document.createElement('script')
      s.textContent = 'window.__pwned = 2'
      document.body.append(s)
      const a = document.createElement('a')
      a.setAttribute('href', 'javascript:window.__pwned=3')
      a.textContent = 'a link'
      a.id = 'js-link'
      document.body.append(a)
    })
    await page.click('#js-link')
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(problems.cspViolations.length).toBeGreaterThan(0) // the browser did refuse them
    expect(problems.foreignRequests).toEqual([])
    await context.close()
  })
})
