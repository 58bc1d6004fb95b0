import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where the seeder keeps what is slow to make again: Debian root file systems (tarballs), the .deb
 * files debootstrap fetched, and the npm packages of Node and npm. `LABS_CACHE_DIR` wins.
 */
export function seedCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LABS_CACHE_DIR) return join(env.LABS_CACHE_DIR, 'seed')
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'backend-labs')
}

const LOCK_POLL_MS = 500
/** A lock older than this is taken to belong to a seeder that died (a debootstrap may take 40 min). */
const STALE_LOCK_MS = 45 * 60_000

/**
 * Runs `fn` while holding a directory lock, so two seeders (two terminals, two test files) never
 * build the same thing at once; the second waits and then finds the work done.
 */
export async function withDirLock<T>(lockDir: string, waitMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      await mkdir(lockDir, { recursive: false })
      await writeFile(join(lockDir, 'pid'), `${process.pid}\n`)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        await mkdir(join(lockDir, '..'), { recursive: true })
        continue
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const age = await lockAgeMs(lockDir)
      const holderGone = (await lockHolderAlive(lockDir)) === false
      if (holderGone || (age !== undefined && age > STALE_LOCK_MS))
        await rm(lockDir, { recursive: true, force: true })
      else if (Date.now() > deadline) throw new Error(`another seeder still holds ${lockDir}`)
      else await new Promise((r) => setTimeout(r, LOCK_POLL_MS))
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lockDir, { recursive: true, force: true })
  }
}

/** False when the lock names a process of this machine that no longer runs; undefined when unknown. */
async function lockHolderAlive(lockDir: string): Promise<boolean | undefined> {
  const pid = Number((await readFile(join(lockDir, 'pid'), 'utf8').catch(() => '')).trim())
  if (!Number.isInteger(pid) || pid <= 0) return undefined
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function lockAgeMs(lockDir: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(lockDir)).mtimeMs
  } catch {
    return undefined
  }
}
