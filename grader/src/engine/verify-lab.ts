import { cp } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { checkMessage, type LabResult, type SubmissionRecipe } from '@backend-labs/lab-kit'
import { gradeLab } from './grade-lab.ts'
import type { Lab } from './lab.ts'
import { loadSuite } from './lab-modules.ts'
import { limiter } from './pool.ts'
import type { ProjectPaths } from './project-paths.ts'
import { materializeStarter } from './starter.ts'
import { privateTempDir } from './temp-dirs.ts'
import { describeUnstable, type UnstableCheck, unstableChecks } from './verdict-stability.ts'

export type VerifyCaseKind = 'solution' | 'alternative' | 'starter' | 'fixture'

export interface VerifyCase {
  kind: VerifyCaseKind
  id: string
  ok: boolean
  /** What this case must show. */
  expectation: string
  /** What broke, for the author. Empty when ok. */
  problems: string[]
  skipped?: string
  /** With `repeat` > 1: the checks whose status changed between grades (each one is a problem). */
  unstable?: UnstableCheck[]
  score: number
  maxScore: number
  failed: string[]
  durationMs: number
}

export interface VerifyLabReport {
  id: string
  ok: boolean
  cases: VerifyCase[]
  problems: string[]
  durationMs: number
}

interface PlannedCase {
  kind: VerifyCaseKind
  id: string
  recipe?: SubmissionRecipe
  fails?: string[]
  engines?: string[]
}

/** `passed-static` is full marks as far as the engine used can tell. */
const passedLab = (r: LabResult) => r.status === 'passed' || r.status === 'passed-static'

const failedIds = (r: LabResult) =>
  r.checks.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.id)

function judge(
  plan: PlannedCase,
  r: LabResult,
): { expectation: string; problems: string[]; skipped?: string } {
  const problems: string[] = []
  if (r.status === 'error') problems.push(`could not be graded: ${r.error?.message}`)
  const failed = failedIds(r)
  switch (plan.kind) {
    case 'solution':
    case 'alternative': {
      if (!passedLab(r)) {
        const bad = r.checks.filter((c) => c.status !== 'passed' && c.skip?.kind !== 'engine')
        for (const c of bad) problems.push(`${c.id} ${c.status}: ${checkMessage(c) ?? ''}`)
      }
      return { expectation: 'full marks', problems }
    }
    case 'starter':
      if (passedLab(r))
        problems.push(`the starter scores full marks (${r.score}/${r.maxScore}): the checks prove nothing`)
      return { expectation: 'below full marks', problems }
    case 'fixture': {
      const expected = plan.fails ?? []
      if (plan.engines && r.engine && !plan.engines.includes(r.engine)) {
        return {
          expectation: `fails ${expected.join(', ')}`,
          problems: [],
          skipped: `only the ${plan.engines.join('/')} engine can catch it (graded with ${r.engine})`,
        }
      }
      const missing = expected.filter((id) => !failed.includes(id))
      const extra = failed.filter((id) => !expected.includes(id))
      const unknown = expected.filter((id) => !r.checks.some((c) => c.id === id))
      for (const id of unknown) problems.push(`declares "${id}", which is not a check of this lab`)
      for (const id of missing.filter((m) => !unknown.includes(m))) {
        const c = r.checks.find((x) => x.id === id)
        const outcome = c?.status === 'undecided' ? 'could not decide' : (c?.status ?? 'did not run')
        problems.push(
          `should fail ${id}, but it ${outcome}${c && checkMessage(c) ? ` (${checkMessage(c)})` : ''}`,
        )
      }
      for (const id of extra) {
        const c = r.checks.find((x) => x.id === id)
        problems.push(`should not fail ${id}, but it did: ${c?.message ?? ''}`)
      }
      // a check that could not decide proves nothing about this fixture either way
      for (const c of r.checks)
        if (c.status === 'undecided' && !expected.includes(c.id))
          problems.push(`${c.id} could not decide: ${c.message ?? ''}`)
      return { expectation: `fails exactly ${expected.join(', ')}`, problems }
    }
  }
}

/**
 * How many verification jobs (a lab's starter build, one case's grade) run at once in this process,
 * across every lab being verified: LABS_VERIFY_CONCURRENCY, or one more than the cores (a grade
 * waits on git and Docker part of the time), at least 2.
 */
export const VERIFY_JOBS_AT_ONCE =
  Number(process.env.LABS_VERIFY_CONCURRENCY) || Math.max(2, availableParallelism() + 1)
const sharedJobs = limiter(VERIFY_JOBS_AT_ONCE)

/**
 * Proves a lab: the solution scores full marks, the starter does not, each fixture fails exactly its
 * checks. The starter (for scenario labs, the built history) is made once and copied for every case.
 * Its jobs share one process-wide limit with the other labs verified at the same time, so several labs
 * can be verified at once without oversubscribing the machine; `concurrency` gives this call its own.
 */
export async function verifyLab(
  lab: Lab,
  paths: ProjectPaths,
  options: {
    concurrency?: number
    repeat?: number
    engine?: string
    /** Grade only these kinds of case (e.g. the solution and the starter, when a record covers the rest). */
    kinds?: VerifyCaseKind[]
  } = {},
): Promise<VerifyLabReport> {
  const limit = options.concurrency ? limiter(options.concurrency) : sharedJobs
  const started = performance.now()
  const report: VerifyLabReport = { id: lab.id, ok: false, cases: [], problems: [], durationMs: 0 }
  const { dir: tmp, release } = await privateTempDir('verify')
  try {
    const suite = await loadSuite(lab, paths)
    if (!suite) {
      report.problems.push(
        `no hidden suite at ${paths.relative(paths.suiteDir(lab.id))}/suite.ts (solution and fixtures live there)`,
      )
      return report
    }
    const starterDir = join(tmp, 'starter')
    await limit(() => materializeStarter(lab, paths, starterDir))
    const allPlans: PlannedCase[] = [
      { kind: 'solution', id: 'solution', recipe: suite.solution },
      ...(suite.alternatives ?? []).map((a) => ({ kind: 'alternative' as const, id: a.id, recipe: a })),
      { kind: 'starter', id: 'starter' },
      ...suite.fixtures.map((f) => ({
        kind: 'fixture' as const,
        id: f.id,
        recipe: f,
        fails: f.fails,
        engines: f.engines,
      })),
    ]
    const plans = options.kinds ? allPlans.filter((p) => options.kinds?.includes(p.kind)) : allPlans
    const runCase = async (plan: PlannedCase, i: number): Promise<VerifyCase> => {
      const caseStarted = performance.now()
      const dir = join(tmp, `case-${i}`)
      await cp(starterDir, dir, { recursive: true, verbatimSymlinks: true })
      const results: LabResult[] = []
      try {
        if (plan.recipe?.dir)
          await cp(join(paths.suiteDir(lab.id), plan.recipe.dir), dir, { recursive: true, force: true })
        await plan.recipe?.apply?.(dir)
        // The same submission graded `repeat` times must get the same verdict every time.
        for (let run = 0; run < Math.max(1, options.repeat ?? 1); run++)
          results.push(
            await gradeLab(lab, paths, {
              source: { kind: 'path', path: dir },
              revealInternals: true,
              ...(options.engine ? { engine: options.engine } : {}),
            }),
          )
      } catch (error) {
        const problem = `building this case failed: ${(error as Error).message}`
        return {
          kind: plan.kind,
          id: plan.id,
          ok: false,
          expectation: '',
          problems: [problem],
          score: 0,
          maxScore: 0,
          failed: [],
          durationMs: 0,
        }
      }
      const result = results[0]!
      const verdict = judge(plan, result)
      const unstable = unstableChecks(results)
      const problems = [...verdict.problems, ...unstable.map(describeUnstable)]
      const c: VerifyCase = {
        kind: plan.kind,
        id: plan.id,
        ok: problems.length === 0,
        expectation: verdict.expectation,
        problems,
        score: result.score,
        maxScore: result.maxScore,
        failed: failedIds(result),
        durationMs: Math.round(performance.now() - caseStarted),
      }
      if (verdict.skipped) c.skipped = verdict.skipped
      if (results.length > 1) c.unstable = unstable
      return c
    }
    report.cases = await Promise.all(plans.map((plan, i) => limit(() => runCase(plan, i))))
    report.ok = report.cases.every((c) => c.ok)
    return report
  } catch (error) {
    report.problems.push((error as Error).message)
    return report
  } finally {
    await release()
    report.durationMs = Math.round(performance.now() - started)
  }
}
