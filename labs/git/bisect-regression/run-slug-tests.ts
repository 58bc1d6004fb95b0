import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describeCommit, type RepoView, shortSha } from '@backend-labs/git-kit'
import { CheckFailure } from '@backend-labs/lab-kit'
import { ANSWER_TAG } from './scenario.ts'
import { TEST_SCRIPT } from './slugkit-files.ts'

export const TEST_TIMEOUT_MS = 5_000

export interface TestRun {
  passed: boolean
  /** The script's last output line, e.g. "FAIL: slugify 'x' gave 'x-'…" or "all slug tests passed". */
  summary: string
}

/**
 * Checks out `rev` in the staged copy and runs the lab's own test script there (the text from the
 * scenario, so an edited test.sh in the submission cannot change the verdict), with a minimal
 * environment and a timeout.
 */
export async function runTestsAt(repo: RepoView, rev: string, signal: AbortSignal): Promise<TestRun> {
  await repo.checkout(rev)
  await writeFile(join(repo.dir, 'test.sh'), TEST_SCRIPT)
  return new Promise((resolve, reject) => {
    execFile(
      'sh',
      ['test.sh'],
      {
        cwd: repo.dir,
        env: { PATH: '/usr/bin:/bin', HOME: repo.dir, LC_ALL: 'C', TZ: 'UTC' },
        timeout: TEST_TIMEOUT_MS,
        signal,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const lines = `${stdout}${stderr}`.trim().split('\n')
        if (error?.killed) {
          reject(
            new CheckFailure(
              `\`sh test.sh\` to finish at ${shortSha(rev)} within ${TEST_TIMEOUT_MS / 1000} s`,
            ),
          )
          return
        }
        resolve({ passed: !error, summary: lines.find((l) => l.startsWith('FAIL')) ?? lines.at(-1) ?? '' })
      },
    )
  })
}

/** The commit the answer tag names, described for messages. */
export async function answerCommit(repo: RepoView): Promise<{ sha: string; label: string; parent?: string }> {
  const graph = await repo.graph()
  const tag = graph.tag(ANSWER_TAG)
  const commit = tag && graph.commit(tag.target)
  if (!tag || !commit)
    throw new Error(`tag ${ANSWER_TAG} is missing; the check should have needed first-bad-tag`)
  const answer = { sha: commit.sha, label: `${ANSWER_TAG} (${describeCommit(commit)})` }
  return commit.parents[0] ? { ...answer, parent: commit.parents[0] } : answer
}
