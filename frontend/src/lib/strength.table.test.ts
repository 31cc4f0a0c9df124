// The window's passphrase rule on a fixed table, shared with the command line: the Go test
// internal/strength TestTheWindowsRuleOnTheSameTable runs the bundled rule on the same table
// and must get the same answers, so any difference between the window and the command line
// fails one side. After a deliberate change to the rule, write the table again with
//   UPDATE_STRENGTH_TABLE=1 npx vitest run src/lib/strength.table.test.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from 'vitest'
import { measure, refusal } from './strength.ts'

interface Row {
  passphrase: string
  score: number
  acceptable: boolean
  refusal: string
}

const file = resolve(import.meta.dirname, '../../../internal/strength/testdata/table.json')
const table: Row[] = JSON.parse(readFileSync(file, 'utf8'))

test('the window rates every passphrase of the shared table as the table says', { timeout: 300_000 }, async () => {
  const now: Row[] = []
  for (const { passphrase } of table) {
    const s = await measure(passphrase)
    now.push({ passphrase, score: s.score, acceptable: s.acceptable, refusal: refusal(s) })
  }
  if (process.env.UPDATE_STRENGTH_TABLE) writeFileSync(file, JSON.stringify(now, null, 2) + '\n')
  expect(now).toEqual(table)
  // The table is worth having only if it holds both answers.
  expect(now.some((r) => r.acceptable)).toBe(true)
  expect(now.some((r) => !r.acceptable)).toBe(true)
})
