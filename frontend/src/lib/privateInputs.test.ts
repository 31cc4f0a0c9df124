// Every field in Goldseam takes something private (an entry, a passphrase, the recovery key,
// names, contacts, exercises, agreements, check-ins, experiences), and a webview's autofill
// keeps what was typed into fields in its own profile folder (WebView2 does by default). So
// every text field says autocomplete="off", and passphrase and key fields also turn off
// autocorrection and spell checking. This reads every component's source; frontend/e2e/
// webview.e2e.ts checks the rendered screens in Chromium too.
import { expect, test } from 'vitest'

const sources = import.meta.glob('../**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/** fields lists each <input> and <textarea> tag of a component, braces and all. */
function fields(source: string): string[] {
  const tags: string[] = []
  for (const m of source.matchAll(/<(input|textarea)\b/g)) {
    let depth = 0
    let end = m.index! + m[0].length
    for (; end < source.length; end++) {
      const c = source[end]
      if (c === '{') depth++
      else if (c === '}') depth--
      else if (c === '>' && depth === 0) break
    }
    tags.push(source.slice(m.index, end + 1))
  }
  return tags
}

const choice = /type="(radio|checkbox)"/

test('the scan sees the app: dozens of fields in many components', () => {
  const all = Object.values(sources).flatMap(fields)
  expect(Object.keys(sources).length).toBeGreaterThan(30)
  expect(all.length).toBeGreaterThan(40)
})

test('every field that takes text says autocomplete="off"', () => {
  const missing = Object.entries(sources).flatMap(([file, src]) =>
    fields(src)
      .filter((tag) => !choice.test(tag) && !/\sautocomplete="off"/.test(tag))
      .map((tag) => `${file}: ${tag.replace(/\s+/g, ' ').slice(0, 90)}`),
  )
  expect(missing).toEqual([])
})

test('passphrase and recovery key fields also turn off autocorrection and spell checking', () => {
  const secret = Object.entries(sources).flatMap(([file, src]) =>
    fields(src)
      .filter((tag) => /type=\{shown|mono/.test(tag))
      .map((tag) => ({ file, tag })),
  )
  expect(secret.map((s) => s.file).sort()).toEqual(
    ['./ui/PassphraseField.svelte', '../screens/vault/RecoveryKit.svelte', '../screens/vault/RecoveryKit.svelte', '../screens/vault/Unlock.svelte'].sort(),
  )
  for (const { file, tag } of secret) {
    for (const attr of ['autocorrect="off"', 'spellcheck="false"']) expect(tag, file).toContain(attr)
  }
})
