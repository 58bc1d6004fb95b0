import {
  BadInputError,
  type Check,
  type CheckContext,
  type CheckResult,
  EnvironmentError,
  type LabResult,
} from '@backend-labs/lab-kit'
import type { ServiceInstance } from '../services/service-provider.ts'
import { serviceProvider } from '../services/service-registry.ts'
import type { Lab } from './lab.ts'
import { loadPublicChecks, loadSuite } from './lab-modules.ts'
import { applyVerdict } from './lab-verdict.ts'
import { leftoverNotice } from './leftover-notice.ts'
import type { ProjectPaths } from './project-paths.ts'
import { runChecks } from './run-checks.ts'
import { type StagedSubmission, stageSubmission } from './stage.ts'
import type { SubmissionSource } from './submission-source.ts'
import { withinDeadline } from './within-deadline.ts'

/** Default limit on grading one lab, checks and services together (LABS_LAB_TIMEOUT_S overrides). */
export const DEFAULT_LAB_TIMEOUT_MS = 15 * 60_000

export interface GradeOptions {
  source: SubmissionSource
  /** Limit on the whole grade of this lab; default LABS_LAB_TIMEOUT_S or 15 min. */
  labTimeoutMs?: number
  publicOnly?: boolean
  /** Hidden checks sealed away (no key): run public checks only and say how many wait. */
  hiddenChecksElsewhere?: number
  /** Force an engine where a track has several. */
  engine?: string
  revealInternals?: boolean
  onCheckEnd?(result: CheckResult): void
  onStep?(step: string): void
  log?(line: string): void
}

/** Public then hidden checks; ids must be unique across both. */
export async function loadLabChecks(lab: Lab, paths: ProjectPaths, publicOnly: boolean) {
  const publicChecks = await loadPublicChecks(lab, paths)
  const suite = publicOnly ? undefined : await loadSuite(lab, paths)
  const checks = [...publicChecks, ...(suite?.checks ?? [])] as Check[]
  const seen = new Set<string>()
  for (const c of checks) {
    if (seen.has(c.id))
      throw new BadInputError(`lab ${lab.id}: check id "${c.id}" is used twice (ids must be unique per lab)`)
    seen.add(c.id)
  }
  // Hidden ids are known only when the suite is installed; public-only grading cannot tell.
  const unknown = suite ? lab.manifest.liveEssential.filter((id) => !seen.has(id)) : []
  if (unknown.length)
    throw new BadInputError(
      `lab ${lab.id}: lab.yaml liveEssential names ${unknown.map((id) => `"${id}"`).join(', ')}, which is not a check of this lab`,
      'list the ids of checks declared with engines: [live]',
    )
  return { checks, suite }
}

export function errorKind(error: unknown): 'bad-input' | 'environment' | 'internal' {
  if (error instanceof BadInputError) return 'bad-input'
  if (error instanceof EnvironmentError) return 'environment'
  return 'internal'
}

/** Grades one submission of one lab: stage → services → checks → result. Teardown always runs. */
export async function gradeLab(lab: Lab, paths: ProjectPaths, options: GradeOptions): Promise<LabResult> {
  const started = performance.now()
  const result: LabResult = {
    id: lab.id,
    title: lab.manifest.title,
    status: 'error',
    score: 0,
    maxScore: 0,
    checks: [],
    durationMs: 0,
  }
  const notices: string[] = []
  let staged: StagedSubmission | undefined
  const services: ServiceInstance[] = []
  // The limit covers staging and services too, not only the checks.
  const labTimeoutMs =
    options.labTimeoutMs ?? (Number(process.env.LABS_LAB_TIMEOUT_S) * 1000 || DEFAULT_LAB_TIMEOUT_MS)
  const deadline = started + labTimeoutMs
  try {
    const sealedAway = options.hiddenChecksElsewhere
    const publicOnly = (options.publicOnly ?? false) || sealedAway !== undefined
    const { checks, suite } = await loadLabChecks(lab, paths, publicOnly)
    result.maxScore = checks.reduce((sum, c) => sum + c.points, 0)
    if (sealedAway)
      notices.push(`${sealedAway} hidden check${sealedAway === 1 ? '' : 's'} run at the course's grading`)
    else if (!publicOnly && !suite)
      notices.push('hidden checks are not installed in this copy: only public checks ran')
    options.onStep?.('staging the submission')
    staged = await withinDeadline(
      stageSubmission(lab, paths, options.source),
      deadline,
      'staging the submission',
      (s) => s.dispose(),
    )
    notices.push(...staged.notices)
    for (const name of lab.manifest.services) {
      const instance = await withinDeadline(
        (await serviceProvider(name)).create(lab, staged, options.engine ? { engine: options.engine } : {}),
        deadline,
        `starting the ${name} service`,
        (i) => i.dispose(),
      )
      services.push(instance)
      if (instance.engine) result.engine = instance.engine
      notices.push(...(instance.notices ?? []))
    }
    const context = Object.assign({}, ...services.map((s) => s.context))
    const submissionDir = staged.dir
    options.onStep?.('running checks')
    const outcome = await runChecks(checks, {
      deadline,
      engine: result.engine,
      revealInternals: options.revealInternals ?? false,
      context: (check, signal): CheckContext => ({
        ...context,
        labId: lab.id,
        submissionDir,
        signal,
        log: (line: string) => {
          if (check.visibility === 'public' || options.revealInternals)
            options.log?.(`[tester::${check.id}] ${line}`)
        },
      }),
      onCheckEnd: options.onCheckEnd,
    })
    result.checks = outcome.results
    if (outcome.fatal) throw outcome.fatal
    if (result.checks.some((c) => c.status !== 'passed'))
      for (const s of services) {
        const silent = await s.stillAnswering?.()
        if (silent) throw silent
      }
    result.score = result.checks.reduce((sum, c) => sum + c.points, 0)
    applyVerdict(lab, result)
  } catch (error) {
    const kind = errorKind(error)
    const message = error instanceof Error ? error.message : String(error)
    result.status = 'error'
    result.error = { kind, message: kind === 'internal' ? `internal grader error: ${message}` : message }
    const hint = (error as { hint?: string }).hint
    if (hint) result.error.hint = hint
  } finally {
    for (const s of services.reverse()) {
      const notice = leftoverNotice(await s.dispose().catch(() => undefined))
      if (notice) notices.push(notice)
    }
    await staged?.dispose()
  }
  if (notices.length) result.notices = notices
  result.durationMs = Math.round(performance.now() - started)
  return result
}
