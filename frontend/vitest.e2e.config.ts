import { defineConfig } from 'vitest/config'

// End-to-end tests: real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) against the real Go services in the e2e server. See e2e/harness.ts.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: one browser per file, two files at a time.
    maxWorkers: 2,
  },
})
