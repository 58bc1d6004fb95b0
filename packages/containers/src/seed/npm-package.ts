import { existsSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { ProcessFailure, runProcess } from './run-process.ts'

const NPM_TIMEOUT_MS = 5 * 60_000

/** A package tarball from the npm registry, kept in the seed cache. */
export interface PackedPackage {
  name: string
  version: string
  tarball: string
}

/**
 * Exactly `name@version` (a pin, never a range), packed into `cacheDir/npm/`. A tarball already in
 * the cache is used as it is, so seeding works offline once the cache holds the pins. When the
 * registry does not have that version, or cannot be reached, the error names the version.
 */
export async function packNpmPackage(
  name: string,
  version: string,
  cacheDir: string,
  onStep: (message: string) => void,
): Promise<PackedPackage> {
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new EnvironmentError(
      `The image catalog gives ${name} the version "${version}", which is not an exact version.`,
      'Pin an exact version (like 22.23.5) in packages/containers/src/image-catalog.ts.',
    )
  }
  const dir = join(cacheDir, 'npm')
  await mkdir(dir, { recursive: true })
  const tarball = join(dir, `${name}-${version}.tgz`)
  if (existsSync(tarball)) return { name, version, tarball }
  onStep(`npm pack ${name}@${version}`)
  const work = join(dir, `.pack-${process.pid}`)
  await mkdir(work, { recursive: true })
  try {
    await runNpm(['pack', `${name}@${version}`, '--pack-destination', work], dir)
    await rename(join(work, `${name}-${version}.tgz`), tarball)
  } catch (error) {
    throw packFailure(name, version, dir, error)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  return { name, version, tarball }
}

function packFailure(name: string, version: string, dir: string, error: unknown): EnvironmentError {
  const detail = error instanceof ProcessFailure ? error.stderrTail : String(error)
  const missing = /E404|ETARGET|No matching version|not in this registry/i.test(detail)
  const fix =
    'Change the pin in packages/containers/src/image-catalog.ts (one line) to a version the registry has, or copy a seed cache that holds it.'
  if (missing) {
    return new EnvironmentError(
      `The image catalog pins ${name}@${version}, and the npm registry does not have that version.`,
      fix,
    )
  }
  return new EnvironmentError(
    `The image catalog pins ${name}@${version}; it is not in the seed cache (${dir}) and the npm registry could not provide it (${firstLine(detail)}).`,
    `Seed once on a machine that reaches the npm registry (or its mirror), then copy the cache folder. ${fix}`,
  )
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? text).trim().slice(0, 200)
}

function runNpm(args: string[], cwd: string): Promise<string> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  return runProcess(npm, [...args, '--no-fund', '--no-audit'], { cwd, timeoutMs: NPM_TIMEOUT_MS })
}
