import { defineConfig } from 'vitest/config'

// Measurements in real Chromium against the real Go services, run by `go run ./scripts/bench`
// (not by the test suite): files named *.measure.ts under e2e/, set up as the browser tests are.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.measure.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
})
