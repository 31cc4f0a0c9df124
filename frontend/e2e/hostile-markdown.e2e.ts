// Hostile entries, rendered by the real reader in real Chromium: every payload is saved
// through the Go service, opened in the journal, and must run nothing, load nothing and
// move the page nowhere. Each payload tries to set window.__pwned or reach another origin.
import { expect, test } from 'vitest'
import { callGo, noProblems, recordFigure } from './harness'
import { useApp } from './fixture'

const corpus = [
  '<script>window.__pwned = 1</script>',
  '<img src="x" onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><circle r="5"/></svg>',
  '<iframe src="https://remote.example/frame"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned = 4</script>"></iframe>',
  '[click me](javascript:window.__pwned=5)',
  '[click me](JaVaScRiPt:window.__pwned=6)',
  '[click me](data:text/html,<script>window.__pwned=7</script>)',
  '[click me](vbscript:msgbox(1))',
  '[ref link][r]\n\n[r]: javascript:window.__pwned=8',
  '<a href="javascript:window.__pwned=9">raw link</a>',
  '![pixel](https://remote.example/pixel.png)',
  '![pixel](//remote.example/pixel.png)',
  '<img src="https://remote.example/raw.png">',
  '<style>@import url(https://remote.example/x.css); body { display: none }</style>',
  '<link rel="stylesheet" href="https://remote.example/x.css">',
  '<meta http-equiv="refresh" content="0; url=https://remote.example/">',
  '<form action="https://remote.example/"><button>send</button></form>',
  '<object data="https://remote.example/x.swf"></object>',
  '<embed src="https://remote.example/x.swf">',
  '<video src="https://remote.example/v.mp4" autoplay></video>',
  '<audio src="https://remote.example/a.mp3" autoplay></audio>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=10">',
  '<details open ontoggle="window.__pwned=11">x</details>',
  '<a href="&#106;avascript:window.__pwned=12">entity link</a>',
  '[entity](&#106;avascript:window.__pwned=13)',
  '<https://remote.example/autolink>',
  '<base href="https://remote.example/">',
  '`<script>window.__pwned=14</script>` in code, and\n\n    <img src=x onerror="window.__pwned=15">',
  '<div style="background:url(https://remote.example/bg.png)">styled</div>',
  '<javascript:window.__pwned=16>',
  '[angle](<javascript:window.__pwned=17>)',
  '[hex entity](&#x6A;avascript:window.__pwned=18)',
  '[spaced]( javascript:window.__pwned=19 )',
  '[ref data][d]\n\n[d]: data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0yMDwvc2NyaXB0Pg==',
  '<a href="data:text/html,<script>window.__pwned=21</script>">raw data link</a>',
  '[tab](java\tscript:window.__pwned=22)',
  '![x" onerror="window.__pwned=23](x)',
]

const suite = useApp({
  seed: async (app) => {
    for (const [i, body] of corpus.entries()) {
      await callGo(app, 'api.Journal.Save', {
        id: '', date: '2026-11-22', title: `probe${String(i).padStart(2, '0')}x`, body: `Before. ${body}\n\nAfter.`,
        mood: 0, feelings: [], tags: [], step: '',
      })
    }
  },
})

test(`${corpus.length} hostile entries run nothing, load nothing and navigate nowhere`, async () => {
  const { page, problems, context } = await suite.open()
  await page.getByRole('link', { name: 'Journal', exact: true }).click()
  const search = page.getByLabel('Search your journal')
  const reader = page.getByTestId('entry-body')
  const results = page.getByRole('region', { name: 'Search results' })
  for (const [i] of corpus.entries()) {
    const title = `probe${String(i).padStart(2, '0')}x`
    await search.fill(title)
    const hit = results.getByRole('button').filter({ hasText: title })
    await expect.poll(() => hit.count(), { timeout: 20_000 }).toBe(1)
    await hit.click()
    await expect.poll(() => page.getByTestId('entry-reader').getByRole('heading', { level: 2 }).textContent()).toBe(title)
    await expect.poll(() => reader.innerText()).toContain('After.')
    const dangerous = await reader.evaluate((el) => {
      const bad = [...el.querySelectorAll('script, iframe, img, svg, math, object, embed, video, audio, style, link, meta, form, base, details')]
        .map((n) => n.tagName)
      for (const n of el.querySelectorAll('*')) {
        for (const a of n.attributes) {
          if (a.name.startsWith('on') || a.name === 'style' || a.name === 'src' || a.name === 'srcdoc') bad.push(`${n.tagName}[${a.name}]`)
          if (a.name === 'href' && !/^(https?:|mailto:)/i.test(a.value)) bad.push(`href=${a.value}`)
        }
      }
      return bad
    })
    expect(dangerous, `entry ${i}: ${corpus[i]}`).toEqual([])
    // Click every link the entry kept: none may navigate the page.
    for (const link of await reader.locator('a').all()) await link.click()
  }
  await page.waitForTimeout(300)
  // Any payload that ran sets window.__pwned or throws; either counts as executed.
  const executed = (await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)) === undefined ? 0 : 1
  recordFigure('xss_vectors', corpus.length)
  recordFigure('xss_executed', executed + problems.pageErrors.length)
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(problems.foreignRequests).toEqual([])
  expect(problems.navigations).toEqual([])
  expect(problems.pageErrors).toEqual([])
  expect(problems.cspViolations).toEqual([]) // nothing even tried: the sanitizer stopped it first
  expect(problems).toEqual(noProblems())
  expect(context.pages()).toHaveLength(1)
  await context.close()
})
