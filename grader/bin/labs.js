#!/usr/bin/env node
// The `labs` binary: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src/cli/main.ts')
const { applyTestcontainersDefaults } = await import('../src/cli/testcontainers-env.ts')
applyTestcontainersDefaults()
process.exitCode = await runCli(process.argv.slice(2))
