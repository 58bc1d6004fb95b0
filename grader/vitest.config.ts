import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/build-cli.setup.ts'],
    setupFiles: ['test/release-resources.setup.ts'],
    // Generous: a loaded CI machine runs 3–4× slower, and a verdict must not depend on load.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
})
