import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

/** What the built CLI knows about lab code it compiled ahead of time (see grader/scripts/build-cli.ts). */
export interface BuiltLabCode {
  root: string
  distDir: string
  /** Repository-relative source → dist-relative compiled module. */
  labModules: Record<string, string>
  /** Workspace package name → dist-relative module. */
  kits: Record<string, string>
}

let built: BuiltLabCode | undefined
let loaderReady: Promise<void> | undefined

/** Called once by the built CLI: lab modules come from the build, others through tsx and the built kits. */
export function useBuiltLabCode(info: BuiltLabCode): void {
  built = info
}

/**
 * The URL to import a lab module (public checks, scenario, hidden suite) from.
 * Under tsx (tests, `tsx main.ts`) it is the source file. In the built CLI it is the compiled file, or,
 * for lab code the build did not see (a suite under LABS_SUITES_DIR, a lab added since), the source
 * compiled by tsx's loader, with `@backend-labs/*` mapped to the build's own copies of the packages.
 */
export async function labModuleUrl(file: string): Promise<string> {
  if (!built) return pathToFileURL(file).href
  const compiled = built.labModules[relative(built.root, file)]
  if (compiled) return pathToFileURL(join(built.distDir, compiled)).href
  loaderReady ??= registerTsLoader(built)
  await loaderReady
  return pathToFileURL(file).href
}

async function registerTsLoader(info: BuiltLabCode): Promise<void> {
  const { register } = await import('node:module')
  const { register: registerTsx } = await import('tsx/esm/api')
  registerTsx()
  const kits = Object.fromEntries(
    Object.entries(info.kits).map(([name, out]) => [name, pathToFileURL(join(info.distDir, out)).href]),
  )
  // Registered after tsx, so it runs first: the packages resolve to the build's copies, not their sources.
  register(pathToFileURL(join(info.distDir, 'kit-alias-hooks.mjs')).href, { data: { kits } })
}
