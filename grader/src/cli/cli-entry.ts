import { type BuiltLabCode, useBuiltLabCode } from '../engine/lab-module-url.ts'
import { releaseProcessResources } from '../engine/process-resources.ts'
import { exitQuietlyOnBrokenPipe, installSignalHandlers, runCli } from './main.ts'
import { applyTestcontainersDefaults } from './testcontainers-env.ts'

/**
 * The built CLI's entry point (grader/dist/cli.js, called by bin/labs.js): runs one command with the
 * process-wide set-up, releases what it shared, and returns the exit code.
 */
export async function main(argv: string[], build: BuiltLabCode): Promise<number> {
  useBuiltLabCode(build)
  applyTestcontainersDefaults()
  installSignalHandlers()
  exitQuietlyOnBrokenPipe()
  try {
    return await runCli(argv)
  } finally {
    await releaseProcessResources()
  }
}
