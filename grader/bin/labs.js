#!/usr/bin/env node
// The `labs` binary: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api'

register()
const { runCli, installSignalHandlers, exitQuietlyOnBrokenPipe } = await import('../src/cli/main.ts')
const { releaseProcessResources } = await import('../src/engine/process-resources.ts')
const { applyTestcontainersDefaults } = await import('../src/cli/testcontainers-env.ts')
applyTestcontainersDefaults()
installSignalHandlers()
exitQuietlyOnBrokenPipe()
try {
  process.exitCode = await runCli(process.argv.slice(2))
} finally {
  await releaseProcessResources()
}
