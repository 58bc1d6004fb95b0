import { existsSync, readdirSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { runProcess } from './run-process.ts'

const NPM_TIMEOUT_MS = 5 * 60_000

/** A package tarball from the npm registry, kept in the seed cache. */
export interface PackedPackage {
  name: string
  version: string
  tarball: string
}

/**
 * The newest version of `name` with major version `major`, packed into `cacheDir/npm/`. When the registry
 * cannot be reached, the newest cached tarball of that major is used, so seeding works offline too.
 */
export async function packNpmPackage(
  name: string,
  major: string,
  cacheDir: string,
  onStep: (message: string) => void,
): Promise<PackedPackage> {
  const dir = join(cacheDir, 'npm')
  await mkdir(dir, { recursive: true })
  let version: string | undefined
  try {
    version = newestVersion(await runNpm(['view', `${name}@${major}`, 'version', '--json'], dir))
  } catch {
    version = undefined
  }
  if (!version) {
    const cached = newestCached(dir, name, major)
    if (cached) return cached
    throw new EnvironmentError(
      `The npm package ${name}@${major} is needed for an offline stand-in, but the npm registry could not be reached and it is not in the cache (${dir}).`,
      'Seed once on a machine that reaches the npm registry (or its mirror), then copy the cache folder.',
    )
  }
  const tarball = join(dir, `${name}-${version}.tgz`)
  if (existsSync(tarball)) return { name, version, tarball }
  onStep(`npm pack ${name}@${version}`)
  const work = join(dir, `.pack-${process.pid}`)
  await mkdir(work, { recursive: true })
  try {
    await runNpm(['pack', `${name}@${version}`, '--pack-destination', work], dir)
    await rename(join(work, `${name}-${version}.tgz`), tarball)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  return { name, version, tarball }
}

function runNpm(args: string[], cwd: string): Promise<string> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  return runProcess(npm, [...args, '--silent', '--no-fund', '--no-audit'], { cwd, timeoutMs: NPM_TIMEOUT_MS })
}

/** `npm view --json` answers a string for one match and an array for several. */
export function newestVersion(json: string): string | undefined {
  const parsed: unknown = JSON.parse(json || 'null')
  const list = Array.isArray(parsed) ? parsed : typeof parsed === 'string' ? [parsed] : []
  return list
    .filter((v): v is string => typeof v === 'string' && /^\d+\.\d+\.\d+$/.test(v))
    .sort(compareVersions)
    .at(-1)
}

function newestCached(dir: string, name: string, major: string): PackedPackage | undefined {
  const pattern = new RegExp(
    `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(${major}\\.\\d+\\.\\d+)\\.tgz$`,
  )
  const versions = readdirSync(dir)
    .map((file) => pattern.exec(file)?.[1])
    .filter((v): v is string => !!v)
    .sort(compareVersions)
  const version = versions.at(-1)
  return version ? { name, version, tarball: join(dir, `${name}-${version}.tgz`) } : undefined
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}
