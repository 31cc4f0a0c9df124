import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
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

export default defineConfig({
  plugins: [svelte(), keepGitkeep()],
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
