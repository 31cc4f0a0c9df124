import { resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const distDir = resolve(repoRoot, 'frontend/dist')
export const artifactsDir = resolve(repoRoot, 'build/test-artifacts')
export const serverBinary = resolve(artifactsDir, 'e2e-server')
export const chromiumPath = process.env.GOLDSEAM_CHROMIUM ?? '/usr/bin/chromium'
