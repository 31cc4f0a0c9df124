#!/usr/bin/env node
// Runs every end-to-end test alone, one after the other, each with its exact name
// (vitest -t), and fails if any of them fails, or if a name picks out anything but its one
// test. A test that leans on what an earlier test in its file left behind fails here, where
// `npm run e2e`, which runs each file in order, would not show it.
//
// Too slow for make test (every run builds the e2e server and starts Chromium and its apps
// afresh); run it after changing or adding e2e tests, sequentially on a small machine:
//
//   cd frontend && node scripts/e2e-alone.mjs                      # every e2e file
//   cd frontend && node scripts/e2e-alone.mjs e2e/vault.e2e.ts     # some files
//   cd frontend && node scripts/e2e-alone.mjs --match 'Quick exit' e2e/vault.e2e.ts
//                                                   # only tests whose full name holds this
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const config = 'vitest.e2e.config.ts'
const args = process.argv.slice(2)
const matchAt = args.indexOf('--match')
const match = matchAt >= 0 ? args.splice(matchAt, 2)[1] : ''
const files = args.length ? args : readdirSync('e2e').filter((f) => f.endsWith('.e2e.ts')).sort().map((f) => `e2e/${f}`)
const scratch = mkdtempSync(join(tmpdir(), 'goldseam-e2e-alone-'))

function vitest(args) {
  return spawnSync('npx', ['vitest', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** listTests collects the tests of the files (without running them): file and full name, suites first. */
function listTests() {
  const out = join(scratch, 'list.json')
  const listed = vitest(['list', '--config', config, `--json=${out}`, ...files])
  if (listed.status !== 0) throw new Error(`vitest list failed:\n${listed.stdout}${listed.stderr}`)
  // vitest list names a test by its suites and its own name joined with " > "; -t matches
  // the same names joined with spaces.
  return JSON.parse(readFileSync(out, 'utf8')).map((t) => ({ file: t.file, names: t.name.split(' > ') }))
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** runAlone runs one test by itself and says whether exactly that test ran, and passed. */
function runAlone({ file, names }) {
  const out = join(scratch, 'run.json')
  rmSync(out, { force: true })
  const pattern = `(^|\\s)${escape(names.join(' '))}$`
  const run = vitest(['run', '--config', config, file, '-t', pattern, '--reporter=json', `--outputFile=${out}`])
  let report
  try {
    report = JSON.parse(readFileSync(out, 'utf8'))
  } catch {
    return { ok: false, why: `no report (exit ${run.status}):\n${run.stdout}${run.stderr}` }
  }
  const results = report.testResults.flatMap((f) => f.assertionResults)
  const ran = results.filter((r) => r.status !== 'pending' && r.status !== 'skipped' && r.status !== 'todo')
  if (ran.length !== 1) return { ok: false, why: `the name picked out ${ran.length} tests` }
  if (ran[0].status !== 'passed' || run.status !== 0) {
    const failure = (ran[0].failureMessages ?? []).join('\n').split('\n').filter((l) => !/^\s+at /.test(l)).join('\n')
    return { ok: false, why: `${ran[0].status}:\n${failure}` }
  }
  return { ok: true }
}

const tests = listTests().filter((t) => t.names.join(' > ').includes(match))
console.log(`${tests.length} tests in ${files.length} files, each run alone`)
const failed = []
for (const test of tests) {
  const label = `${test.file.replace(/^.*\/e2e\//, 'e2e/')} > ${test.names.join(' > ')}`
  const started = Date.now()
  const result = runAlone(test)
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)`)
  if (!result.ok) {
    console.log(result.why.replace(/^/gm, '     '))
    failed.push(label)
  }
}
rmSync(scratch, { recursive: true, force: true })
if (failed.length) {
  console.log(`\n${failed.length} of ${tests.length} failed when run alone:\n${failed.map((f) => `  ${f}`).join('\n')}`)
  process.exit(1)
}
console.log(`\nall ${tests.length} passed, each run alone`)
