import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { SimpleGit } from 'simple-git'
import { type GitIdentity, HardenedGit } from './hardened-git.ts'
import { ScenarioClock } from './scenario-clock.ts'
import { hardenedSimpleGit } from './simple-git-client.ts'

export const PEOPLE = {
  ada: { name: 'Ada Lovelace', email: 'ada@example.com' },
  grace: { name: 'Grace Hopper', email: 'grace@example.com' },
  linus: { name: 'Linus Ops', email: 'ops@example.com' },
} satisfies Record<string, GitIdentity>

export interface CommitOptions {
  author?: GitIdentity
  /** Files to write (path → content) before committing. */
  files?: Record<string, string>
  /** Paths to delete before committing. */
  remove?: string[]
  allowEmpty?: boolean
}

/**
 * Builds scenario repositories deterministically: fixed people, dates one minute apart in UTC,
 * and no dependence on the user's git config, so the same scenario always has the same hashes.
 */
export class ScenarioBuilder {
  readonly git: HardenedGit
  readonly clock: ScenarioClock
  private author: GitIdentity = PEOPLE.ada
  private simpleGit?: SimpleGit

  private constructor(
    readonly dir: string,
    clock: ScenarioClock,
  ) {
    this.git = new HardenedGit(dir)
    this.clock = clock
  }

  static async init(
    dir: string,
    options: { branch?: string; clock?: ScenarioClock } = {},
  ): Promise<ScenarioBuilder> {
    await mkdir(dir, { recursive: true })
    const builder = new ScenarioBuilder(dir, options.clock ?? new ScenarioClock())
    await builder.git.run(['init', '-q', '-b', options.branch ?? 'main'])
    return builder
  }

  /** Opens an existing repository, e.g. to apply a reference solution to a started workspace. */
  static open(dir: string, clock = new ScenarioClock('2024-06-01T09:00:00Z')): ScenarioBuilder {
    return new ScenarioBuilder(dir, clock)
  }

  as(author: GitIdentity): this {
    this.author = author
    return this
  }

  /** Environment that fixes who and when for the next git operation. */
  identityEnv(author: GitIdentity = this.author): Record<string, string> {
    const date = this.clock.tick()
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: date,
    }
  }

  async write(files: Record<string, string>): Promise<void> {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path)
      await mkdir(dirname(full), { recursive: true })
      await writeFile(full, content)
    }
  }

  async remove(...paths: string[]): Promise<void> {
    for (const p of paths) await rm(join(this.dir, p), { recursive: true, force: true })
  }

  /** Stages everything and commits; returns the new commit's hash. */
  async commit(message: string, options: CommitOptions = {}): Promise<string> {
    if (options.files) await this.write(options.files)
    if (options.remove) await this.remove(...options.remove)
    await this.git.run(['add', '-A'])
    const args = ['commit', '-q', '--no-verify', '-m', message]
    if (options.allowEmpty) args.push('--allow-empty')
    await this.git.run(args, { env: this.identityEnv(options.author) })
    return this.head()
  }

  /** Runs any git command with this builder's identity and clock (merge, rebase, cherry-pick, tag…). */
  async run(args: string[], options: { allowFailure?: boolean; author?: GitIdentity } = {}) {
    return this.git.run(args, { env: this.identityEnv(options.author), allowFailure: options.allowFailure })
  }

  async branch(name: string, from?: string): Promise<void> {
    await this.git.run(['branch', name, ...(from ? [from] : [])])
  }

  async checkout(ref: string, options: { create?: boolean } = {}): Promise<void> {
    await this.git.run(['checkout', '-q', ...(options.create ? ['-b'] : []), ref])
  }

  async merge(ref: string, message: string, options: { noFf?: boolean } = {}): Promise<void> {
    await this.run(['merge', '-q', ...(options.noFf ? ['--no-ff'] : []), '-m', message, ref])
  }

  async tag(name: string, options: { message?: string; ref?: string } = {}): Promise<void> {
    const args = options.message ? ['tag', '-a', name, '-m', options.message] : ['tag', name]
    if (options.ref) args.push(options.ref)
    await this.run(args)
  }

  /**
   * HEAD's commit hash. Read from the files of the repository the builder is writing (a scenario or a
   * copy of one): a git process per commit was a third of a scenario build's processes. When HEAD is
   * not a loose ref there (packed refs, a `.git` file), rev-parse answers, through simple-git.
   */
  async head(): Promise<string> {
    const gitDir = join(this.dir, '.git')
    const head = (await readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => '')).trim()
    if (OBJECT_ID.test(head)) return head
    const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1]
    if (ref && !ref.split('/').includes('..')) {
      const id = (await readFile(join(gitDir, ref), 'utf8').catch(() => '')).trim()
      if (OBJECT_ID.test(id)) return id
    }
    // Made on first use, not in the constructor: simple-git refuses a folder that does not exist yet.
    this.simpleGit ??= hardenedSimpleGit(this.dir)
    return this.simpleGit.revparse(['HEAD'])
  }
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

/** Builds a scenario repository in `dir`. */
export async function buildScenario(
  dir: string,
  build: (s: ScenarioBuilder) => Promise<void>,
  options: { branch?: string } = {},
): Promise<void> {
  const s = await ScenarioBuilder.init(dir, options)
  await build(s)
}
