import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { join } from 'node:path'
import { hardenedArgv, hardenedGitEnv } from './hardened-git.ts'

/** One object as `git cat-file --batch` returns it. */
export interface GitObject {
  sha: string
  type: 'blob' | 'tree' | 'commit' | 'tag'
  content: Buffer
}

interface Pending {
  resolve(object: GitObject | undefined): void
  reject(error: Error): void
}

/** One `git cat-file --batch` process and the requests it has yet to answer, in order. */
class BatchProcess {
  private buffer: Buffer = Buffer.alloc(0)
  private readonly queue: Pending[] = []
  readonly child: ChildProcessWithoutNullStreams

  constructor(cwd: string, onIdle: () => void) {
    this.child = spawn('git', hardenedArgv(['cat-file', '--batch']), {
      cwd,
      // The git dir is named explicitly, as for every git run on a staged copy (see staged-git.ts).
      env: { ...hardenedGitEnv(), GIT_DIR: join(cwd, '.git'), GIT_WORK_TREE: cwd },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    // The grader's exit must not wait for it: its stdin closes with the grader, and it ends then.
    this.child.unref()
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr])
      (s as { unref?(): void }).unref?.()
    this.child.stdout.on('data', (d: Buffer) => {
      this.receive(d)
      if (this.queue.length === 0) onIdle()
    })
    this.child.stderr.resume()
    this.child.stdin.on('error', () => {})
    const fail = (error: Error) => {
      for (const p of this.queue.splice(0)) p.reject(error)
    }
    this.child.on('error', fail)
    this.child.on('exit', () => fail(new Error('git cat-file --batch ended before answering')))
  }

  read(name: string): Promise<GitObject | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject })
      this.child.stdin.write(`${name}\n`)
    })
  }

  /** Asks git to stop once it has answered what it was asked. */
  end(): void {
    this.child.stdin.end()
  }

  private receive(data: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data
    for (;;) {
      const eol = this.buffer.indexOf(10)
      if (eol < 0) return
      const [sha, type, size] = this.buffer.subarray(0, eol).toString('utf8').split(' ')
      if (type === 'missing' || type === 'ambiguous' || size === undefined) {
        this.buffer = this.buffer.subarray(eol + 1)
        this.queue.shift()?.resolve(undefined)
        continue
      }
      const end = eol + 1 + Number(size)
      if (this.buffer.length < end + 1) return
      const content = Buffer.from(this.buffer.subarray(eol + 1, end))
      this.buffer = this.buffer.subarray(end + 1)
      this.queue.shift()?.resolve({ sha: sha!, type: type as GitObject['type'], content })
    }
  }
}

/**
 * Object reads through one long-lived `git cat-file --batch` (hardened like every other git the
 * grader runs) instead of a process per read. Requests are answered in order; the process ends when
 * `close()` is called or after `idleMs` without a request, so nothing outlives the reads.
 */
export class CatFileBatch {
  private process?: BatchProcess
  private idle?: NodeJS.Timeout

  constructor(
    readonly cwd: string,
    private readonly idleMs = 1000,
  ) {}

  /** The object `name` (any revision syntax: `HEAD:src/a.ts`, `main^{tree}`…), or undefined if missing. */
  read(name: string): Promise<GitObject | undefined> {
    // The batch protocol is one name per line: such a name cannot exist as a path anyway.
    if (/[\n\r]/.test(name)) return Promise.resolve(undefined)
    clearTimeout(this.idle)
    this.process ??= new BatchProcess(this.cwd, () => this.scheduleIdleClose())
    return this.process.read(name)
  }

  close(): void {
    clearTimeout(this.idle)
    this.process?.end()
    this.process = undefined
  }

  private scheduleIdleClose(): void {
    clearTimeout(this.idle)
    this.idle = setTimeout(() => this.close(), this.idleMs)
    this.idle.unref()
  }
}

/**
 * The paths of every file in a tree, recursively, in git's order (what `ls-tree -r --name-only` lists).
 * Entries hold 20-byte object ids: SHA-1 repositories, as every repository the grader stages.
 */
export async function treePaths(batch: CatFileBatch, treeSha: string, prefix = ''): Promise<string[]> {
  const tree = await batch.read(treeSha)
  if (tree?.type !== 'tree') return []
  const paths: string[] = []
  const data = tree.content
  let i = 0
  while (i < data.length) {
    const space = data.indexOf(32, i)
    const nul = data.indexOf(0, space)
    const mode = data.subarray(i, space).toString('latin1')
    const name = data.subarray(space + 1, nul).toString('utf8')
    const sha = data.subarray(nul + 1, nul + 21).toString('hex')
    i = nul + 21
    if (mode === '40000') paths.push(...(await treePaths(batch, sha, `${prefix}${name}/`)))
    else paths.push(`${prefix}${name}`)
  }
  return paths
}
