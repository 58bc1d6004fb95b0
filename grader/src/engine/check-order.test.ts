import { cp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Check, CheckContext, SubmissionRecipe } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceInstance } from '../services/service-provider.ts'
import { serviceProvider } from '../services/service-registry.ts'
import { loadLabChecks } from './grade-lab.ts'
import { LabCatalog } from './lab-catalog.ts'
import { loadSuite } from './lab-modules.ts'
import { mapPool } from './pool.ts'
import { ProjectPaths } from './project-paths.ts'
import { runChecks } from './run-checks.ts'
import { stageSubmission } from './stage.ts'
import { materializeStarter } from './starter.ts'
import { privateTempDir } from './temp-dirs.ts'

// Checks must not see each other's side effects (issue 11: a bisect check read HEAD where an earlier
// check had left the shared staged copy). Each case of every git lab (solution, alternatives,
// starter, fixtures) is graded twice, from a fresh staged copy each time: once in the lab's order
// and once reversed (dependencies still first). Every check must get the same status and message.
// Labs that need Docker are left to their own tests; the git-only labs cover every staged-copy reader.

const paths = new ProjectPaths()
const catalog = new LabCatalog(paths)
const gitLabs: string[] = []
for (const id of await catalog.ids()) {
  const lab = await catalog.load(id)
  if (lab.manifest.submission.type === 'git' && lab.manifest.services.every((s) => s === 'git'))
    gitLabs.push(id)
}

let tmp: { dir: string; release: () => Promise<void> }
beforeAll(async () => {
  tmp = await privateTempDir('check-order')
})
afterAll(() => tmp.release())

/** `checks` reversed, then each moved after the checks it needs (a stable topological order). */
function reversedRespectingNeeds<C extends Check<CheckContext>>(checks: C[]): C[] {
  const pending = [...checks].reverse()
  const placed: C[] = []
  const done = new Set<string>()
  while (pending.length > 0) {
    const i = pending.findIndex((c) =>
      (c.needs ?? []).every((n) => done.has(n) || !checks.some((x) => x.id === n)),
    )
    const [next] = pending.splice(Math.max(i, 0), 1) as [C]
    placed.push(next)
    done.add(next.id)
  }
  return placed
}

async function grade(labId: string, dir: string, reverse: boolean) {
  const lab = await catalog.load(labId)
  const { checks } = await loadLabChecks(lab, paths, false)
  const staged = await stageSubmission(lab, paths, { kind: 'path', path: dir })
  const services: ServiceInstance[] = []
  try {
    for (const name of lab.manifest.services)
      services.push(await (await serviceProvider(name)).create(lab, staged, {}))
    const context = Object.assign({}, ...services.map((s) => s.context))
    const order = reverse ? reversedRespectingNeeds(checks) : checks
    const { results } = await runChecks(order, {
      revealInternals: true,
      context: (_check, signal): CheckContext => ({ ...context, labId, submissionDir: staged.dir, signal }),
    })
    return Object.fromEntries(results.map((r) => [r.id, `${r.status}: ${r.message ?? ''}`]))
  } finally {
    for (const s of services) await s.dispose()
    await staged.dispose()
  }
}

describe('check order does not change any verdict or message', () => {
  it('reverses a list and keeps dependencies first', () => {
    const c = (id: string, needs?: string[]) => ({ id, needs }) as unknown as Check<CheckContext>
    expect(reversedRespectingNeeds([c('a'), c('b', ['a']), c('c'), c('d', ['c'])]).map((x) => x.id)).toEqual([
      'c',
      'd',
      'a',
      'b',
    ])
  })

  it.each(gitLabs)('%s', { timeout: 600_000 }, async (labId) => {
    const lab = await catalog.load(labId)
    const suite = await loadSuite(lab, paths)
    const cases: [string, SubmissionRecipe | undefined][] = [
      ['starter', undefined],
      ...(suite ? [['solution', suite.solution] as [string, SubmissionRecipe]] : []),
      ...(suite?.alternatives ?? []).map((a): [string, SubmissionRecipe] => [a.id, a]),
      ...(suite?.fixtures ?? []).map((f): [string, SubmissionRecipe] => [f.id, f]),
    ]
    const starter = join(tmp.dir, labId.replace(/\W/g, '-'), 'starter')
    await materializeStarter(lab, paths, starter)
    const differences = await mapPool(cases, 2, async ([name, recipe], i) => {
      const dir = join(tmp.dir, labId.replace(/\W/g, '-'), `case-${i}`)
      await cp(starter, dir, { recursive: true, verbatimSymlinks: true })
      try {
        if (recipe?.dir)
          await cp(join(paths.suiteDir(labId), recipe.dir), dir, { recursive: true, force: true })
        await recipe?.apply?.(dir)
        const forward = await grade(labId, dir, false)
        const backward = await grade(labId, dir, true)
        return Object.keys(forward)
          .filter((id) => forward[id] !== backward[id])
          .map((id) => `${name} ${id}: in order "${forward[id]}", reversed "${backward[id]}"`)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })
    expect(differences.flat()).toEqual([])
  })
})
