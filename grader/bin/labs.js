#!/usr/bin/env node
// The `labs` binary: runs the built CLI (grader/dist/, made by `pnpm install`) with plain node,
// rebuilding it first if a source changed since the build.
import { freshBuild } from './build-state.js'

let build
try {
  build = freshBuild()
} catch (error) {
  process.stderr.write(`labs: ${error.message}\n`)
  process.exit(4)
}
const { main } = await import(new URL('../dist/cli.js', import.meta.url).href)
process.exitCode = await main(process.argv.slice(2), build)
