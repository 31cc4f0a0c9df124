// BENCH autosave_calls and autosave_ms: typing into the real journal editor in Chromium
// against the e2e server, pause after pause. The page counts its own calls to Go (a wrapped
// fetch notes each call's name and time) and notes when the status line says "Saved", so
// both figures come from the browser's clock. Written to build/test-artifacts/autosave.json
// for scripts/bench to report.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { callGo, launchBrowser, openApp, setUpVault, startApp, type GuardedPage, type RunningApp } from './harness'
import { artifactsDir } from './paths'

const pauses = Number(process.env.AUTOSAVE_PAUSES ?? 20)
// After "Saved", how long calls the save set off (a list reload) are still counted.
const settleMs = 1000

let browser: Browser
let app: RunningApp
let guarded: GuardedPage

beforeAll(async () => {
  ;[browser, app] = await Promise.all([launchBrowser(), startApp()])
  await setUpVault(app)
  // A journal with some history, so a reload would have real work to do.
  for (let i = 0; i < 60; i++) {
    await callGo(app, 'api.Journal.Save', { id: '', date: `2026-${String((i % 9) + 1).padStart(2, '0')}-1${i % 9}`, title: `Day ${i}`, body: `An earlier entry, number ${i}. `.repeat(20), mood: 3, feelings: [], tags: [], step: '' })
  }
})

afterAll(async () => {
  await guarded?.context.close()
  await browser?.close()
  await app?.stop()
})

type Marks = { calls: { name: string; at: number }[]; saved: number[]; lastInput: number }

test('a pause in typing, until Saved', async () => {
  guarded = await openApp(browser, app)
  const page = guarded.page
  await page.evaluate(() => {
    const marks: Marks = { calls: [], saved: [], lastInput: 0 }
    ;(window as unknown as { marks: Marks }).marks = marks
    const fetch0 = window.fetch.bind(window)
    window.fetch = (input, init) => {
      if (String(input).endsWith('/wails/call') && typeof init?.body === 'string') {
        marks.calls.push({ name: JSON.parse(init.body).name, at: performance.now() })
      }
      return fetch0(input, init)
    }
    document.addEventListener('input', () => (marks.lastInput = performance.now()), true)
    new MutationObserver(() => {
      const statuses = Array.from(document.querySelectorAll('[role="status"]'))
      if (statuses.some((s) => s.textContent?.trim() === 'Saved')) marks.saved.push(performance.now())
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  await page.getByRole('link', { name: 'Journal', exact: true }).click()
  await page.getByRole('button', { name: /Day 53\b/ }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const body = page.getByLabel('What is on your mind')
  await body.click()
  await body.press('End')

  const calls: number[] = []
  const ms: number[] = []
  for (let i = 0; i < pauses; i++) {
    await body.pressSequentially(` and ${i}`, { delay: 20 })
    const start = await page.evaluate(() => (window as unknown as { marks: Marks }).marks.lastInput)
    await page.waitForFunction((t) => (window as unknown as { marks: Marks }).marks.saved.some((s) => s > t), start, { timeout: 20_000 })
    await page.waitForTimeout(settleMs)
    const marks = await page.evaluate(() => (window as unknown as { marks: Marks }).marks)
    const saved = marks.saved.find((s) => s > start)!
    // Only the journal's calls: the keys also keep the auto-lock awake (api.Vault.Touch).
    calls.push(marks.calls.filter((c) => c.at > start && c.name.startsWith('api.Journal.')).length)
    ms.push(saved - start)
  }
  ms.sort((a, b) => a - b)
  const p95 = ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]
  const result = { pauses, callsPerPause: Math.max(...calls), callsEach: calls, p95Ms: p95, medianMs: ms[Math.floor(ms.length / 2)] }
  writeFileSync(join(artifactsDir, 'autosave.json'), JSON.stringify(result, null, 2))
  console.log(`autosave: ${JSON.stringify(result)}`)
  expect(calls.every((n) => n >= 1)).toBe(true)
})
