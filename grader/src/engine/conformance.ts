import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { compareModels, type SchemaModel } from '@backend-labs/sql-kit'
import { SQL_SERVER_IMAGE, sqlDockerFacts } from '../services/sql/engine-selection.ts'
import { sharedLiveEngine } from '../services/sql/shared-live-engine.ts'
import { SubmissionSqlLab } from '../services/sql/submission-sql-lab.ts'
import { loadLabChecks } from './grade-lab.ts'
import type { Lab } from './lab.ts'
import { loadSuite } from './lab-modules.ts'
import type { ProjectPaths } from './project-paths.ts'
import { runChecks } from './run-checks.ts'
import { materializeStarter } from './starter.ts'
import { type VerifyLabReport, verifyLab } from './verify-lab.ts'

/** One SQL lab proven under both engines, and where the two disagree. */
export interface ConformanceLabReport {
  id: string
  ok: boolean
  live: VerifyLabReport
  static: VerifyLabReport
  /** Cases whose failed checks differ between the engines (checks only live runs left aside). */
  disagreements: string[]
  /** Differences between the reference solution's schema model as each engine builds it. */
  modelDifferences: string[]
}

/** Fails fast, naming the image, where the live engine cannot run: conformance means nothing without it. */
export async function requireLiveSqlServer(): Promise<void> {
  const facts = await sqlDockerFacts()
  if (facts.reachable && facts.imagePresent) return
  throw new EnvironmentError(
    facts.reachable
      ? `the SQL Server image ${SQL_SERVER_IMAGE} is not available on this machine: conformance needs the live engine`
      : `no Docker engine is reachable: conformance needs the live engine (SQL Server image ${SQL_SERVER_IMAGE})`,
    `pull it where a registry is reachable (docker pull ${SQL_SERVER_IMAGE}) or load it with docker load; \`pnpm labs doctor\` says what is missing`,
  )
}

/**
 * Failed checks of each case under static must be those under live, once the checks that run only
 * under live are left out (static skips them, so it cannot fail them).
 */
export function compareVerdicts(
  live: VerifyLabReport,
  stat: VerifyLabReport,
  liveOnly: ReadonlySet<string>,
): string[] {
  const problems: string[] = []
  for (const s of stat.cases) {
    const l = live.cases.find((c) => c.kind === s.kind && c.id === s.id)
    if (!l || s.skipped || l.skipped) continue
    const liveFailed = l.failed.filter((id) => !liveOnly.has(id)).sort()
    const staticFailed = [...s.failed].sort()
    if (liveFailed.join() !== staticFailed.join())
      problems.push(
        `${s.kind} ${s.id}: static fails [${staticFailed.join(', ')}], live fails [${liveFailed.join(', ')}]`,
      )
  }
  return problems
}

/** The reference solution's model under each engine, compared (the static engine must read what SQL Server builds). */
async function solutionModelDifferences(lab: Lab, paths: ProjectPaths): Promise<string[]> {
  const suite = await loadSuite(lab, paths)
  if (!suite?.solution.dir) return []
  const dir = await mkdtemp(join(tmpdir(), 'labs-conformance-'))
  try {
    await materializeStarter(lab, paths, dir)
    await cp(join(paths.suiteDir(lab.id), suite.solution.dir), dir, { recursive: true, force: true })
    const { checks } = await loadLabChecks(lab, paths, false)
    const models: Partial<Record<'static' | 'live', SchemaModel>> = {}
    for (const engine of ['static', 'live'] as const) {
      const sql = new SubmissionSqlLab({ engine, dir, liveEngine: sharedLiveEngine })
      try {
        await runChecks(checks, {
          engine,
          context: (_check, signal) => ({ sql, labId: lab.id, submissionDir: dir, signal, log: () => {} }),
        })
        models[engine] = await sql.model()
      } finally {
        await sql.dispose()
      }
    }
    return compareModels(models.static!, models.live!)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Proves one SQL lab under live and static, and cross-checks the two. Needs the live engine. */
export async function conformLab(lab: Lab, paths: ProjectPaths): Promise<ConformanceLabReport> {
  const live = await verifyLab(lab, paths, { engine: 'live' })
  const stat = await verifyLab(lab, paths, { engine: 'static' })
  const { checks } = await loadLabChecks(lab, paths, false)
  const liveOnly = new Set(checks.filter((c) => c.engines && !c.engines.includes('static')).map((c) => c.id))
  const disagreements = compareVerdicts(live, stat, liveOnly)
  const modelDifferences = await solutionModelDifferences(lab, paths)
  return {
    id: lab.id,
    ok: live.ok && stat.ok && disagreements.length === 0 && modelDifferences.length === 0,
    live,
    static: stat,
    disagreements,
    modelDifferences,
  }
}
