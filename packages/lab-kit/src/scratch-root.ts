import { accessSync, constants, statfsSync } from 'node:fs'
import { tmpdir } from 'node:os'

/** Linux's shared-memory file system: files there live in memory. */
const MEMORY_FS = '/dev/shm'
/** statfs type of tmpfs (TMPFS_MAGIC). */
const TMPFS_MAGIC = 0x01021994
/** Below this much room, the memory file system is left alone (a container's default is 64 MiB). */
export const MIN_MEMORY_FS_FREE_BYTES = 2 * 1024 ** 3

/** Why the scratch root is where it is (for `labs doctor`-style reports and tests). */
export interface ScratchRootChoice {
  dir: string
  why: 'LABS_SCRATCH_DIR' | 'memory file system' | 'temp dir'
}

/** True when `dir` is a writable tmpfs with room. */
function isRoomyMemoryFs(dir: string): boolean {
  try {
    const fs = statfsSync(dir)
    if (fs.type !== TMPFS_MAGIC || fs.bavail * fs.bsize < MIN_MEMORY_FS_FREE_BYTES) return false
    accessSync(dir, constants.W_OK)
    return true
  } catch {
    return false
  }
}

let chosen: ScratchRootChoice | undefined

/**
 * Where the grader's own throw-away work goes (staged copies, verify cases, replayed remotes). Grading
 * is thousands of small git writes, and a disk file system journals every one: on a memory file system
 * with room (`/dev/shm`), `labs verify --track git` takes 0.71× the time. `LABS_SCRATCH_DIR` names
 * another folder; without a roomy memory file system it is the temp dir.
 */
export function scratchRootChoice(
  env: NodeJS.ProcessEnv = process.env,
  memoryFs: string = MEMORY_FS,
): ScratchRootChoice {
  if (env.LABS_SCRATCH_DIR) return { dir: env.LABS_SCRATCH_DIR, why: 'LABS_SCRATCH_DIR' }
  const choose = (): ScratchRootChoice =>
    isRoomyMemoryFs(memoryFs)
      ? { dir: memoryFs, why: 'memory file system' }
      : { dir: tmpdir(), why: 'temp dir' }
  if (memoryFs !== MEMORY_FS) return choose()
  chosen ??= choose()
  return chosen
}

/** The folder for the grader's throw-away work: see {@link scratchRootChoice}. */
export function scratchRoot(env: NodeJS.ProcessEnv = process.env): string {
  return scratchRootChoice(env).dir
}

/** Every folder a grader process may have left scratch folders in: the scratch root and the temp dir. */
export function scratchRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set([scratchRoot(env), tmpdir()])]
}
