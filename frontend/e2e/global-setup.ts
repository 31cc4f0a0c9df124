// Builds the e2e server once for the whole run, from the same Go code as the desktop app.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { serverBinary, repoRoot, distDir } from './paths'

export default function setup() {
  if (!existsSync(`${distDir}/index.html`)) {
    throw new Error('frontend/dist is not built: run `npm run build` (make test does) before the e2e tests')
  }
  execFileSync('go', ['build', '-tags', 'e2e', '-o', serverBinary, '.'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0' },
  })
}
