import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'

const outDir = resolve(import.meta.dirname, '../internal/strength/bundle')

// The word lists are most of the script; the app binary carries it gzipped (about half).
function gzipped(): Plugin {
  return {
    name: 'goldseam-gzip-strength',
    apply: 'build',
    closeBundle() {
      const file = resolve(outDir, 'strength.js')
      writeFileSync(file + '.gz', gzipSync(readFileSync(file), { level: 9 }))
      rmSync(file)
    },
  }
}

// zxcvbn-ts spends nearly all its time, for a short passphrase, comparing it with every word
// of every list (findLevenshteinDistance); in goja that takes seconds. This lets Go answer
// that one leaf function natively (internal/strength/levenshtein.go), keeping the original
// in the bundle: it runs wherever no native one is given, and Go's tests compare the two on
// many inputs (TestTheNativeLevenshteinMatchesTheOriginal). If a new zxcvbn-ts changes the
// file, the build stops here rather than drift.
function nativeLevenshtein(): Plugin {
  const file = /@zxcvbn-ts[\\/]core[\\/]dist[\\/]utils[\\/]levenshtein\.mjs$/
  const tail = 'export { findLevenshteinDistance as default };'
  return {
    name: 'goldseam-native-levenshtein',
    transform(code, id) {
      if (!file.test(id)) return null
      if (!code.includes(tail)) throw new Error(`zxcvbn-ts changed ${id}: check internal/strength/levenshtein.go`)
      return code.replace(
        tail,
        `const g = globalThis
g.goldseamLevenshteinOriginal = findLevenshteinDistance
export default (password, rankedDictionary, threshold) =>
  (g.goldseamLevenshteinNative ?? findLevenshteinDistance)(password, rankedDictionary, threshold)`,
      )
    },
  }
}

// The passphrase rule as one classic script for the command line (src/lib/strength.cli.ts):
// internal/strength embeds it (gzipped) and runs it in Go. It is written beside that package, not into
// dist/, so the window's own files stay as they are.
export default defineConfig({
  plugins: [nativeLevenshtein(), gzipped()],
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src/lib/strength.cli.ts'),
      formats: ['iife'],
      name: 'goldseamStrengthBundle',
      fileName: () => 'strength.js',
    },
  },
})
