import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig, type Plugin } from 'vite'

// Go embeds frontend/dist, so an empty dist must still hold a file on a fresh clone:
// put the committed .gitkeep back after Vite empties the folder.
function keepGitkeep(): Plugin {
  return {
    name: 'goldseam-keep-gitkeep',
    apply: 'build',
    closeBundle() {
      writeFileSync(resolve(import.meta.dirname, 'dist/.gitkeep'), '')
    },
  }
}

// The app embeds frontend/dist-packed, every file of dist gzip'd, and internal/packedfs
// unpacks each as the window asks for it: the scripts and styles shrink to a third, a
// quarter of a megabyte off the binary. dist itself stays plain for the browser tests.
function packForGo(): Plugin {
  return {
    name: 'goldseam-pack-for-go',
    apply: 'build',
    closeBundle() {
      const dist = resolve(import.meta.dirname, 'dist')
      const packed = resolve(import.meta.dirname, 'dist-packed')
      rmSync(packed, { recursive: true, force: true })
      for (const rel of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
        const from = join(dist, rel)
        if (rel === '.gitkeep' || !statSync(from).isFile()) continue
        const to = join(packed, rel)
        mkdirSync(dirname(to), { recursive: true })
        writeFileSync(to, gzipSync(readFileSync(from), { level: 9 }))
      }
      writeFileSync(join(packed, '.gitkeep'), '')
    },
  }
}

export default defineConfig({
  plugins: [svelte(), keepGitkeep(), packForGo()],
  build: {
    // Every byte ships inside the app; nothing is fetched from anywhere at run time.
    assetsInlineLimit: 0,
    // The webview is WebKitGTK, WebView2 or WKWebView, all evergreen.
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Rolldown's timing report is a profiling hint that appears whenever the machine is
    // busy; `make build` keeps only warnings about the build itself.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
})
