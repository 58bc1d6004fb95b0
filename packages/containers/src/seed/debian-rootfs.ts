import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { debianMirror } from './debian-mirror.ts'
import { runDocker } from './docker-cli.ts'
import { runProcess } from './run-process.ts'
import { withDirLock } from './seed-cache.ts'
import { ROOTFS_IMAGE_REPO, STAND_IN_LABEL } from './stand-in-labels.ts'

export const DEBIAN_SUITE = 'bookworm'
/** Packages every root file system gets on top of minbase. */
const BASE_PACKAGES = ['ca-certificates']
const DEBOOTSTRAP_TIMEOUT_MS = 15 * 60_000
/** What slim images leave out; `extraExcludes` adds a recipe's own (paths relative to the root). */
const SLIM_EXCLUDES = [
  './usr/share/doc/*',
  './usr/share/man/*',
  './usr/share/info/*',
  './usr/share/locale/*',
  './var/lib/apt/lists/*',
  './var/cache/apt/*',
  './var/cache/debconf/*-old',
  './var/log/*',
]

export interface RootfsSpec {
  /** Debian packages beyond minbase and ca-certificates. */
  packages: string[]
  /** Paths (`./var/lib/...`) left out of the tarball. */
  excludes?: string[]
}

/** `bookworm-minbase`, `bookworm-minbase-git`: names the cached tarball and the base image tag. */
export function rootfsSlug(spec: RootfsSpec): string {
  return [`${DEBIAN_SUITE}-minbase`, ...spec.packages].join('-')
}

/**
 * A cached tarball of `debootstrap --variant=minbase` with the spec's packages. Made once (about
 * 30–45 s) and kept in `cacheDir/rootfs/`; the .debs are kept in `cacheDir/debs/` for the next one.
 */
export async function ensureRootfsTarball(
  spec: RootfsSpec,
  cacheDir: string,
  onStep: (message: string) => void,
): Promise<string> {
  const tarball = join(cacheDir, 'rootfs', `${rootfsSlug(spec)}.tar`)
  if (existsSync(tarball)) return tarball
  return withDirLock(
    join(cacheDir, 'locks', `${rootfsSlug(spec)}.lock`),
    DEBOOTSTRAP_TIMEOUT_MS,
    async () => {
      if (existsSync(tarball)) return tarball
      const mirror = debootstrapPreflight()
      const debs = join(cacheDir, 'debs')
      await mkdir(debs, { recursive: true })
      await mkdir(join(cacheDir, 'rootfs'), { recursive: true })
      // A fixed name per slug, so the leftovers of a killed seeder are removed by the next one.
      const work = join(cacheDir, 'rootfs', `work-${rootfsSlug(spec)}`)
      await removeRootfsDir(work)
      await mkdir(work)
      const root = join(work, 'root')
      try {
        const include = [...BASE_PACKAGES, ...spec.packages].join(',')
        onStep(`debootstrap ${DEBIAN_SUITE} (minbase, +${include}) from ${mirror}`)
        await runProcess(
          'debootstrap',
          ['--variant=minbase', `--include=${include}`, `--cache-dir=${debs}`, DEBIAN_SUITE, root, mirror],
          { timeoutMs: DEBOOTSTRAP_TIMEOUT_MS },
        )
        await scrubHostFiles(root)
        onStep(`packing ${rootfsSlug(spec)}.tar`)
        const partial = join(work, 'rootfs.tar')
        const excludes = [...SLIM_EXCLUDES, ...(spec.excludes ?? [])].map((e) => `--exclude=${e}`)
        await runProcess('tar', ['--numeric-owner', '-C', root, ...excludes, '-cf', partial, '.'], {
          timeoutMs: 5 * 60_000,
        })
        await rename(partial, tarball)
        return tarball
      } finally {
        await removeRootfsDir(work)
      }
    },
  )
}

/** debootstrap needs root, the tool itself and a Debian mirror; says what is missing and how to fix it. */
function debootstrapPreflight(): string {
  if (process.getuid && process.getuid() !== 0) {
    throw new EnvironmentError(
      'Building offline stand-in images needs root (debootstrap makes a Debian root file system).',
      'Run the seeder with sudo, or on a network that reaches the registry run it with LABS_TRY_PULL=1.',
    )
  }
  const onPath = (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, 'debootstrap')))
  if (!onPath && !existsSync('/usr/sbin/debootstrap')) {
    throw new EnvironmentError(
      'Building offline stand-in images needs debootstrap, which is not installed.',
      'Install it with `apt-get install -y debootstrap`, then seed again.',
    )
  }
  const mirror = debianMirror()
  if (!mirror) {
    throw new EnvironmentError(
      'No Debian mirror was found in /etc/apt/sources.list or /etc/apt/sources.list.d.',
      'Set LABS_DEBIAN_MIRROR to a Debian archive (for example http://deb.debian.org/debian), then seed again.',
    )
  }
  return mirror
}

/** debootstrap copies the host's resolver and name in; Docker mounts its own at run time. */
async function scrubHostFiles(root: string): Promise<void> {
  await writeFile(join(root, 'etc/resolv.conf'), '')
  await writeFile(join(root, 'etc/hostname'), 'localhost\n')
}

/**
 * Removes a debootstrap work dir. A failed debootstrap can leave /proc or /sys mounted inside it,
 * and a recursive delete would walk into them: unmount first, and refuse when that fails.
 */
export async function removeRootfsDir(dir: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8').catch(() => ''))
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((point): point is string => !!point && (point === dir || point.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length)
  for (const point of mounts) await runProcess('umount', ['-l', point], { timeoutMs: 30_000 })
  await rm(dir, { recursive: true, force: true })
}

/** The image the stand-ins are built FROM: the cached tarball imported and tagged, once. */
export async function ensureRootfsImage(
  spec: RootfsSpec,
  cacheDir: string,
  imageExists: (ref: string) => Promise<boolean>,
  onStep: (message: string) => void,
): Promise<string> {
  const ref = `${ROOTFS_IMAGE_REPO}:${rootfsSlug(spec)}`
  if (await imageExists(ref)) return ref
  const tarball = await ensureRootfsTarball(spec, cacheDir, onStep)
  onStep(`importing ${ref}`)
  await runDocker(
    [
      'import',
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      'CMD ["bash"]',
      '--change',
      `LABEL ${STAND_IN_LABEL.rootfs}=${rootfsSlug(spec)}`,
      tarball,
      ref,
    ],
    { timeoutMs: 5 * 60_000 },
  )
  return ref
}
