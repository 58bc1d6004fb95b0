import type { CheckFailure } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { type Commit, CommitGraph, type Ref } from './commit-graph.ts'
import { expectContains, expectLinear } from './graph-expect.ts'

function commit(sha: string, parents: string[], t: number): Commit {
  return {
    sha,
    parents,
    authorName: 'A',
    authorEmail: 'a@x',
    authorTime: t,
    subject: `commit ${sha}`,
    body: '',
  }
}
const ref = (short: string, target: string): Ref => ({
  name: `refs/heads/${short}`,
  short,
  target,
  annotated: false,
})

// main: a - b - c - d ; feature: a - b - x - m(merge of d)
const commits = new Map(
  [
    commit('a', [], 1),
    commit('b', ['a'], 2),
    commit('c', ['b'], 3),
    commit('d', ['c'], 4),
    commit('x', ['b'], 5),
    commit('m', ['x', 'c'], 6),
  ].map((c) => [c.sha, c]),
)

describe('graph expectations', () => {
  it('says how far behind a branch is and what to do', () => {
    const g = new CommitGraph(commits, [ref('main', 'd'), ref('feature', 'x')])
    expect(() => expectContains(g, 'feature', 'main')).toThrowError(
      /feature is 2 commits behind main .*rebase feature onto main|feature is 2 commits behind main/,
    )
    try {
      expectContains(g, 'feature', 'main')
    } catch (e) {
      expect((e as CheckFailure).details.hint).toMatch(/rebase feature onto main/)
    }
  })

  it('names merge commits on a branch that should be linear', () => {
    const g = new CommitGraph(commits, [ref('main', 'c'), ref('feature', 'm')])
    expect(() => expectLinear(g, 'feature', 'main')).toThrowError(/1 merge commit: m "commit m"/)
    expect(() => expectContains(g, 'feature', 'main')).not.toThrow()
  })
})
