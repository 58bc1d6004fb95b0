import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { BenchScenario } from '../bench-scenario.ts'
import { labs } from '../cli-process.ts'
import { solutionDir } from '../submission-dir.ts'

/** The production labs whose full grade (every check, public and hidden) is timed. */
const PRODUCTION_LABS = [
  'production/no-lost-updates',
  'production/slow-clients',
  'production/metrics',
  'production/kubernetes',
  'production/rate-limit',
  'production/login-defence',
  'production/dashboard-data',
  'production/many-users',
]

async function unavailable(lab: string): Promise<string | undefined> {
  const { LabCatalog } = await import('../../grader/src/engine/lab-catalog.ts')
  const { ProjectPaths } = await import('../../grader/src/engine/project-paths.ts')
  if (!(await new LabCatalog(new ProjectPaths()).ids()).includes(lab))
    return `${lab} is a draft (labs/production/DRAFT.md); set LABS_DRAFTS=1`
  const { detectDockerRuntime } = await import('@backend-labs/containers')
  const r = await detectDockerRuntime()
  return r.reachable ? undefined : 'no Docker engine is reachable'
}

/**
 * One scenario per lab: the median wall time of a full grade of its reference solution, warm (the
 * image built once in setup, so the build cache is what a learner's re-grade sees). Issue 14's target:
 * under 60 s each on the shared 2-core machine.
 */
function fullGrade(lab: string): BenchScenario {
  let dir = ''
  const grade = async () => {
    const code = await labs(['grade', lab, '--submission', dir])
    if (code !== 0) throw new Error(`the reference solution of ${lab} did not pass (exit ${code})`)
  }
  return {
    name: `labs grade ${lab} (full grade, warm)`,
    targetMs: 60_000,
    runs: 3,
    unavailable: () => unavailable(lab),
    async setup() {
      dir = await solutionDir(lab)
      await grade()
    },
    run: grade,
    async teardown() {
      await rm(dirname(dir), { recursive: true, force: true })
    },
  }
}

export const productionFullGrades: BenchScenario[] = PRODUCTION_LABS.map(fullGrade)
