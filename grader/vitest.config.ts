import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/build-cli.setup.ts'],
    setupFiles: ['test/release-resources.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
