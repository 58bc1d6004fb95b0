import type { HardenedGit, RejectedPush } from '@backend-labs/git-kit'
import { InternalError } from '@backend-labs/lab-kit'
import type { RefMap } from './lab-upstream.ts'

const short = (ref: string) => ref.replace(/^refs\/(heads|tags)\//, '')

/**
 * Replays, as plain (non-force) pushes to `url`, every difference between the remote as the lab
 * started it (`start`) and as the learner left it (`learner`, whose objects sit under
 * `learnerPrefix` in `git`'s repository). Each ref is pushed on its own so every refusal is
 * attributed; the refused ones are returned with git's words.
 */
export async function replayPushes(
  git: HardenedGit,
  url: string,
  start: RefMap,
  learner: RefMap,
  learnerPrefix: string,
): Promise<RejectedPush[]> {
  const rejected: RejectedPush[] = []
  const names = [...new Set([...start.keys(), ...learner.keys()])].sort()
  for (const ref of names) {
    const before = start.get(ref)
    const after = learner.get(ref)
    if (before === after) continue
    const kind = !before ? 'create' : !after ? 'delete' : 'update'
    const refspec = after ? `${learnerPrefix}${ref.slice('refs/'.length)}:${ref}` : `:${ref}`
    const result = await git.run(['push', '--porcelain', url, refspec], {
      allowFailure: true,
      timeoutMs: 30_000,
    })
    const status = result.stdout
      .split('\n')
      .map((line) => /^(.)\t[^\t]*\t(.*)$/.exec(line))
      .find((m) => m !== null)
    if (!status) {
      throw new InternalError(
        `replaying a push of ${ref} failed: ${result.stderr.trim() || result.stdout.trim()}`,
      )
    }
    if (status[1] !== '!') continue
    const summary = status[2] ?? ''
    const reason = /\(([^)]*)\)\s*$/.exec(summary)?.[1] ?? summary
    const verdict = summary.replace(/\s*\([^)]*\)\s*$/, '')
    const target = after ? `${short(ref)} -> ${short(ref)}` : short(ref)
    const remoteLines = result.stderr
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('remote: error:'))
    rejected.push({
      ref,
      kind,
      reason,
      message: [...remoteLines, `! ${verdict} ${target} (${reason})`].join('\n'),
    })
  }
  return rejected
}
