import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * Vitest global set-up: the e2e and transcript tests run the built CLI, so bring the build up to date
 * once, before any test file starts (`labs --version` rebuilds when a source changed).
 */
export default function buildCli(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'labs.js'), '--version'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
