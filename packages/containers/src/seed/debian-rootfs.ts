import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { debianMirror } from './debian-mirror.ts'
import { runDocker } from './docker-cli.ts'
import { runProcess } from './run-process.ts'
import { withDirLock } from './seed-cache.ts'
import { ROOTFS_IMAGE_REPO, STAND_IN_LABEL } from './stand-in-labels.ts'

/** Packages every root file system gets on top of minbase (their versions are not pinned). */
export const BASE_PACKAGES = ['ca-certificates']
// About 50 s on an idle machine; a CI runner shared four ways can take many times that.
const DEBOOTSTRAP_TIMEOUT_MS = 40 * 60_000
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
  /** The Debian suite (`bookworm`). */
  suite: string
  /** Debian packages beyond minbase and ca-certificates, each with dpkg's exact version. */
  packages: Readonly<Record<string, string>>
  /** Paths (`./var/lib/...`) left out of the tarball. */
  excludes?: string[]
}

/**
 * `bookworm-minbase`, `bookworm-minbase-git-1a2b3c4d`: names the cached tarball and the base image
 * tag. The hash covers the pinned versions, so a pin change never reuses an old root file system.
 */
export function rootfsSlug(spec: RootfsSpec): string {
  const names = Object.keys(spec.packages).sort()
  if (names.length === 0) return `${spec.suite}-minbase`
  const pins = names.map((name) => `${name}=${spec.packages[name]}`).join('\n')
  const hash = createHash('sha256').update(pins).digest('hex').slice(0, 8)
  return [`${spec.suite}-minbase`, ...names, hash].join('-')
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
        const include = [...BASE_PACKAGES, ...Object.keys(spec.packages)].join(',')
        onStep(`debootstrap ${spec.suite} (minbase, +${include}) from ${mirror}`)
        await runProcess(
          'debootstrap',
          ['--variant=minbase', `--include=${include}`, `--cache-dir=${debs}`, spec.suite, root, mirror],
          { timeoutMs: DEBOOTSTRAP_TIMEOUT_MS },
        )
        await requirePinnedVersions(root, spec, mirror)
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

/**
 * Fails, naming the package and both versions, when the mirror served another version than the
 * pin: a stand-in never silently carries other versions than the catalog says.
 */
export async function requirePinnedVersions(root: string, spec: RootfsSpec, mirror: string): Promise<void> {
  const found = await installedVersions(root, Object.keys(spec.packages))
  const wrong = Object.entries(spec.packages).filter(([name, version]) => found.get(name) !== version)
  if (wrong.length === 0) return
  const list = wrong
    .map(([name, version]) => `${name} ${version} (the mirror served ${found.get(name) ?? 'none'})`)
    .join(', ')
  throw new EnvironmentError(
    `The image catalog pins ${list}, and the Debian mirror ${mirror} (suite ${spec.suite}) no longer has it.`,
    'Point LABS_DEBIAN_MIRROR at an archive that still has that version (for example a snapshot.debian.org archive of the day the pin was set), or change the pin in packages/containers/src/image-catalog.ts (one line) and seed again.',
  )
}

/** dpkg's `Version` of each package installed under `root` (absent when not installed). */
export async function installedVersions(root: string, names: string[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>()
  if (names.length === 0) return versions
  const out = await runProcess(
    'dpkg-query',
    [
      `--admindir=${join(root, 'var/lib/dpkg')}`,
      '--show',
      // dpkg-query's own ${field} syntax, not a template literal.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query format
      '--showformat=${Package}\t${Version}\t${db:Status-Abbrev}\n',
      ...names,
    ],
    { timeoutMs: 60_000, allowFailure: true },
  )
  for (const line of out.split('\n')) {
    const [name, version, status] = line.split('\t')
    if (name && version && status?.startsWith('ii')) versions.set(name, version)
  }
  return versions
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
