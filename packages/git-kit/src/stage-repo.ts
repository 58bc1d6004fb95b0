import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { HardenedGit } from './hardened-git.ts'

/** Config keys a staged copy keeps; everything else (hooks, filters, aliases, fsmonitor…) is dropped. */
const SAFE_KEYS = [
  /^core\.(repositoryformatversion|bare|logallrefupdates|ignorecase|precomposeunicode|filemode|symlinks)$/,
  /^extensions\.[a-z]+$/,
  /^branch\.[^\n]+\.(remote|merge|rebase)$/,
  /^remote\.[^\n]+\.(url|fetch)$/,
]

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

async function sanitizeConfig(gitDir: string): Promise<void> {
  const git = new HardenedGit(gitDir)
  const listed = await git.run(['config', '--file', join(gitDir, 'config'), '--null', '--list'], {
    allowFailure: true,
  })
  // Written in one go (one git process, not one per key): only the safe keys survive.
  const sections = new Map<string, string[]>()
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
  await writeFile(join(gitDir, 'config'), text)
  await rm(join(gitDir, 'hooks'), { recursive: true, force: true })
  await rm(join(gitDir, 'info', 'attributes'), { force: true })
}

/**
 * Copies a learner's repository (working tree and .git) into `dest` and strips its config to
 * the safe keys, so that grading may run git there without touching the original or running
 * anything the learner's repository configures.
 */
export async function stageRepo(src: string, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true })
  await cp(src, dest, { recursive: true, verbatimSymlinks: true, force: true })
  await sanitizeConfig(join(dest, '.git'))
}

/** Unpacks a bundle written by `labs submit` into a working repository at `dest`. */
export async function stageBundle(bundle: string, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true })
  const git = new HardenedGit(dest)
  await git.run(['init', '-q'])
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
  if (headSha || match) await git.run(['reset', '-q', '--hard'])
}

/** Reads the first bytes of a file to tell a git bundle from anything else. */
export async function isBundle(path: string): Promise<boolean> {
  const head = await readFile(path, { encoding: 'latin1' }).catch(() => '')
  return head.startsWith('# v2 git bundle') || head.startsWith('# v3 git bundle')
}
