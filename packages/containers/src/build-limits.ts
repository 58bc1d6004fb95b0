import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, rmdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type Docker from 'dockerode'

const CGROUP_ROOT = '/sys/fs/cgroup'
const MiB = 1024 * 1024

/** The limits of one image build: every RUN step of it shares them. */
export interface BuildLimits {
  /** Processes and threads of the whole build at once; default 256 (the runtime limit). */
  pidsLimit: number
  /** Memory of each RUN step (and of the build's cgroup); default 1 GiB. */
  memoryBytes: number
  /** CPUs; default 1. */
  cpus: number
}

export const DEFAULT_BUILD_LIMITS: BuildLimits = { pidsLimit: 256, memoryBytes: 1024 * MiB, cpus: 1 }

/** A cgroup made for one build, passed to the classic builder as `cgroupparent`. */
export interface BuildCgroup {
  /** `/backend-labs-build-<id>`, the `cgroupparent` build option. */
  parent: string
  /** Removes the cgroup (all controllers); never throws. */
  remove(): Promise<void>
}

/**
 * Makes a cgroup that carries the build's pids, memory and CPU limits, for the classic builder's
 * `cgroupparent` (each RUN step's container is created under it, so the limits cover the whole
 * step, a fork bomb included). The classic builder has no pids option of its own, and BuildKit in
 * Docker 20.10 ignores a per-build cgroup parent (moby/moby#45796), hence this.
 *
 * Works when the engine uses the cgroupfs driver on this machine and we may write the cgroup tree
 * (root, the usual case on CI runners); returns undefined otherwise, and the build falls back to
 * the per-step memory and CPU options alone.
 */
export async function createBuildCgroup(
  docker: Docker,
  limits: BuildLimits,
): Promise<BuildCgroup | undefined> {
  if (!(docker.modem as { socketPath?: string }).socketPath) return undefined // a remote engine
  const info = (await docker.info().catch(() => ({}))) as { CgroupDriver?: string; CgroupVersion?: string }
  if (info.CgroupDriver !== 'cgroupfs') return undefined
  const name = `backend-labs-build-${randomBytes(6).toString('hex')}`
  const files: [string, string][] =
    info.CgroupVersion === '2'
      ? [
          [join(name, 'pids.max'), String(limits.pidsLimit)],
          [join(name, 'memory.max'), String(limits.memoryBytes)],
          [join(name, 'cpu.max'), `${Math.round(limits.cpus * 100_000)} 100000`],
        ]
      : [
          [join('pids', name, 'pids.max'), String(limits.pidsLimit)],
          [join('memory', name, 'memory.limit_in_bytes'), String(limits.memoryBytes)],
          [join('cpu', name, 'cpu.cfs_period_us'), '100000'],
          [join('cpu', name, 'cpu.cfs_quota_us'), String(Math.round(limits.cpus * 100_000))],
        ]
  const cgroup: BuildCgroup = { parent: `/${name}`, remove: () => removeCgroup(name) }
  try {
    for (const [file, value] of files) {
      await mkdir(join(CGROUP_ROOT, file, '..'), { recursive: true })
      await writeFile(join(CGROUP_ROOT, file), value)
    }
    return cgroup
  } catch {
    await cgroup.remove()
    return undefined
  }
}

/** Docker creates the parent under every controller it uses; each must go once the steps are gone. */
async function removeCgroup(name: string): Promise<void> {
  const dirs = existsSync(join(CGROUP_ROOT, 'cgroup.controllers'))
    ? [join(CGROUP_ROOT, name)]
    : (await readdir(CGROUP_ROOT).catch(() => [] as string[])).map((c) => join(CGROUP_ROOT, c, name))
  for (const dir of dirs) {
    for (let attempt = 0; attempt < 20 && existsSync(dir); attempt++) {
      await rmdir(dir).catch(() => {})
      if (existsSync(dir)) await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
