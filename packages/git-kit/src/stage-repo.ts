import { createReadStream } from 'node:fs'
import { cp, lstat, mkdir, readdir, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { HardenedGit } from './hardened-git.ts'
import { stagedGit } from './staged-git.ts'
import { refuseBorrowedObjects, sanitiseStagedRefs } from './staged-refs.ts'

/**
 * Config keys a staged copy keeps (an allow-list): everything else is dropped, including hooks,
 * filters, aliases, fsmonitor, `core.worktree`, includes and every `extensions.*` but the object
 * format (`extensions.worktreeConfig` would make git read a `config.worktree` of the learner's).
 */
const SAFE_KEYS = [
  /^core\.(repositoryformatversion|logallrefupdates|ignorecase|precomposeunicode|filemode|symlinks)$/,
  /^extensions\.objectformat$/,
  /^branch\.[^\n]+\.(remote|merge|rebase)$/,
  /^remote\.[^\n]+\.(url|fetch)$/,
]

/**
 * What a staged `.git` keeps (an allow-list): the object store, refs, HEAD, the index and reflogs.
 * Left out: config.worktree, commondir, gitdir, worktrees/, info/ (attributes, exclude, sparse
 * checkout), hooks/, modules/ and anything else. `labs-upstream.git` is the lab's own remote
 * (git-server labs), staged the same way.
 */
const GIT_DIR_ENTRIES = new Set(['HEAD', 'objects', 'refs', 'packed-refs', 'index', 'logs', 'shallow'])
const UPSTREAM_ENTRY = 'labs-upstream.git'
const BARE_ENTRIES = new Set(['HEAD', 'objects', 'refs', 'packed-refs', 'shallow'])
/** Inside objects/: files naming other object stores on the grading machine. */
const OBJECT_POINTERS = new Set([join('info', 'alternates'), join('info', 'http-alternates')])

/** Quotes a config value so git reads it back verbatim. */
function quoteValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`
}

/** `[section "sub"]` header and entry name for a dotted key (the subsection may hold dots). */
function splitKey(key: string): { header: string; name: string } {
  const first = key.indexOf('.')
  const last = key.lastIndexOf('.')
  const section = key.slice(0, first)
  const name = key.slice(last + 1)
  if (first === last) return { header: `[${section}]`, name }
  const sub = key
    .slice(first + 1, last)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
  return { header: `[${section} "${sub}"]`, name }
}

/** Writes `destGitDir/config` holding only the safe keys of `srcGitDir/config` (read, never included). */
async function writeSafeConfig(srcGitDir: string, destGitDir: string, bare: boolean): Promise<void> {
  const listed = await new HardenedGit(destGitDir).run(
    ['config', '--file', join(srcGitDir, 'config'), '--no-includes', '--null', '--list'],
    { allowFailure: true },
  )
  // Written in one go (one git process, not one per key): only the safe keys survive.
  const sections = new Map<string, string[]>([['[core]', [`\tbare = ${bare}`]]])
  for (const entry of listed.stdout.split('\0')) {
    const nl = entry.indexOf('\n')
    if (nl < 0) continue
    const key = entry.slice(0, nl)
    if (!SAFE_KEYS.some((re) => re.test(key))) continue
    const { header, name } = splitKey(key)
    const lines = sections.get(header) ?? []
    lines.push(`\t${name} = ${quoteValue(entry.slice(nl + 1))}`)
    sections.set(header, lines)
  }
  const text = [...sections].map(([header, lines]) => `${header}\n${lines.join('\n')}\n`).join('')
  await writeFile(join(destGitDir, 'config'), text)
}

/** Copies a tree, leaving out symbolic links (they could point anywhere on the machine) and `skip`. */
function copyTree(src: string, dest: string, skip: (rel: string) => boolean = () => false) {
  return cp(src, dest, {
    recursive: true,
    force: true,
    filter: async (from) => {
      const rel = relative(src, from)
      if (rel && skip(rel)) return false
      return !(await lstat(from)).isSymbolicLink()
    },
  })
}

/** Copies the allowed entries of a git dir (never a symbolic link) and writes its safe config. */
async function stageGitDir(src: string, dest: string, bare: boolean): Promise<void> {
  await mkdir(dest, { recursive: true })
  const allowed = bare ? BARE_ENTRIES : GIT_DIR_ENTRIES
  for (const entry of await readdir(src)) {
    const from = join(src, entry)
    if ((await lstat(from)).isSymbolicLink()) continue
    if (allowed.has(entry)) {
      const skip = entry === 'objects' ? (rel: string) => OBJECT_POINTERS.has(rel) : undefined
      await copyTree(from, join(dest, entry), skip)
    } else if (!bare && entry === UPSTREAM_ENTRY) {
      await stageGitDir(from, join(dest, entry), true)
    }
  }
  for (const dir of ['objects', 'refs']) await mkdir(join(dest, dir), { recursive: true })
  await writeSafeConfig(src, dest, bare)
}

/**
 * Copies a learner's repository into `dest`: the working tree as it is (links kept as links, never
 * followed) and, from `.git`, only an allow-list of files and config keys. Grading then runs git
 * there (through {@link stagedGit}) without touching the original, reaching outside the copy or
 * running anything the learner's repository configures. `src/.git` must be a real folder.
 */
export async function stageRepo(src: string, dest: string): Promise<void> {
  const srcGitDir = join(src, '.git')
  if (!(await lstat(srcGitDir)).isDirectory()) throw new Error(`${srcGitDir} is not a folder`)
  await mkdir(dest, { recursive: true })
  await cp(src, dest, {
    recursive: true,
    verbatimSymlinks: true,
    force: true,
    filter: (from) => from !== srcGitDir && !from.startsWith(`${srcGitDir}${sep}`),
  })
  await stageGitDir(srcGitDir, join(dest, '.git'), false)
  await refuseBorrowedObjects(srcGitDir, stagedGit(dest), 'Your repository')
  await sanitiseStagedRefs(stagedGit(dest), 'Your repository')
}

/** Unpacks a bundle written by `labs submit` into a working repository at `dest`. */
export async function stageBundle(bundle: string, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true })
  await new HardenedGit(dest).run(['init', '-q', dest])
  const git = stagedGit(dest)
  const heads = await git.text(['bundle', 'list-heads', bundle])
  await git.run(['fetch', '-q', '--update-head-ok', '--no-write-fetch-head', bundle, '+refs/*:refs/*'])
  const lines = heads.split('\n').map((l) => l.split(' ') as [string, string])
  const headSha = lines.find(([, ref]) => ref === 'HEAD')?.[0]
  const branches = lines.filter(([, ref]) => ref.startsWith('refs/heads/'))
  const match =
    branches.find(([sha, ref]) => sha === headSha && ref === 'refs/heads/main') ??
    branches.find(([sha]) => sha === headSha)
  if (match) await git.run(['symbolic-ref', 'HEAD', match[1]])
  else if (headSha) await writeFile(join(dest, '.git', 'HEAD'), `${headSha}\n`)
  await sanitiseStagedRefs(git, 'The submitted bundle')
  if (headSha || match) await git.run(['reset', '-q', '--hard'])
}

/** Reads only the first bytes of a file to tell a git bundle from anything else. */
export async function isBundle(path: string): Promise<boolean> {
  const head = await new Promise<string>((resolve) => {
    let text = ''
    createReadStream(path, { encoding: 'latin1', start: 0, end: 15 })
      .on('data', (chunk) => {
        text += chunk
      })
      .on('end', () => resolve(text))
      .on('error', () => resolve(''))
  })
  return head.startsWith('# v2 git bundle') || head.startsWith('# v3 git bundle')
}
