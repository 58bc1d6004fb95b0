import { existsSync } from 'node:fs'
import {
  BadInputError,
  ExitCode,
  type LabResult,
  RESULTS_SCHEMA_VERSION,
  type ResultsDocument,
} from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { gradeLab } from '../../engine/grade-lab.ts'
import { GithubReporter } from '../../reporters/github-reporter.ts'
import { plainText } from '../../reporters/plain-text.ts'
import type { Reporter } from '../../reporters/reporter.ts'
import { FILE_REPORTERS } from '../../reporters/reporter-registry.ts'
import { TerminalReporter } from '../../reporters/terminal-reporter.ts'
import { releaseSuiteSource, resolveSuiteSource } from '../../seal/open-sealed-suites.ts'
import { type ForkSubmission, protectedEditsNotice, readFork } from '../../trusted/fork-submission.ts'
import { resolveTrustedSources } from '../../trusted/trusted-sources.ts'
import type { AppContext } from '../app-context.ts'
import type { CommandSpec } from '../command-spec.ts'
import { checkOutputPaths } from '../output-paths.ts'
import { ProgressLine } from '../progress-line.ts'
import { startHousekeeping } from '../sweep-leftovers.ts'
import { TOOL } from '../tool-info.ts'

/**
 * Exit code for a set of results: grader bugs, then bad input, then environment (a lab whose verdict
 * was `undecided` counts here: not the learner's fault, grade again), then failures.
 */
export function exitCodeFor(labs: LabResult[]): number {
  const kinds = new Set(labs.map((l) => l.error?.kind))
  if (kinds.has('internal')) return ExitCode.internal
  if (kinds.has('bad-input')) return ExitCode.badInput
  if (kinds.has('environment') || labs.some((l) => l.status === 'undecided')) return ExitCode.environment
  return labs.every(isPass) ? ExitCode.ok : ExitCode.checksFailed
}

/** `passed-static` passes too: the exit code stays 0 (see `--require-live` for instructors). */
const isPass = (l: LabResult) => l.status === 'passed' || l.status === 'passed-static'

/** `--require-live`: labs graded by an engine other than the live one (a static grade is an error). */
export function gradedWithoutLive(labs: LabResult[]): LabResult[] {
  return labs.filter((l) => l.engine !== undefined && l.engine !== 'live')
}

async function startedLabs(app: AppContext): Promise<string[]> {
  const ids: string[] = []
  for (const id of await app.catalog.ids()) {
    const lab = await app.catalog.load(id)
    const bundle =
      lab.manifest.submission.type === 'git'
        ? app.paths.bundle(id, lab.manifest.submission.bundle)
        : undefined
    if (existsSync(app.paths.workspace(id)) || (bundle && existsSync(bundle))) ids.push(id)
  }
  return ids
}

/** The labs a learner repository holds a submission for. */
async function labsInFork(app: AppContext, fork: ForkSubmission): Promise<string[]> {
  const ids: string[] = []
  for (const id of await app.catalog.ids()) {
    const source = fork.sourceFor(await app.catalog.load(id))
    if (source.kind === 'path' && existsSync(source.path)) ids.push(id)
  }
  return ids
}

export const gradeCommand: CommandSpec = {
  name: 'grade',
  args: '[labs...]',
  summary: 'Grade your work on one or more labs',
  options: [
    { flags: '--all', description: 'grade every lab you have started' },
    {
      flags: '--submission <path>',
      description: 'grade this folder or git bundle instead of your workspace',
    },
    { flags: '--public-only', description: 'run only the public checks' },
    {
      flags: '--fork <dir>',
      description: "grade of record: take each lab's submission from this learner repository, as data",
    },
    {
      flags: '--trusted-ref <ref>',
      description:
        'refuse to grade unless grader, labs and checks are this course commit (or LABS_TRUSTED_REF)',
    },
    {
      flags: '--engine <engine>',
      description: 'force a grading engine where a track has several (live|static)',
    },
    { flags: '--json <file>', description: 'write the results as JSON (docs/results.md)' },
    { flags: '--junit <file>', description: 'write the results as JUnit XML' },
    { flags: '--gradescope <file>', description: "write Gradescope's results.json" },
    { flags: '--github', description: 'print GitHub Actions annotations for failed checks' },
    { flags: '--verbose', description: "show the grader's log lines for public checks" },
    { flags: '--progress', description: 'show slow steps even when stderr is not a terminal' },
    {
      flags: '--require-live',
      description: 'a grade by the static engine is an error (exit 3): for CI that must prove behaviour',
    },
  ],
  async run(app, args, options) {
    if (!options.all && args.length === 0) {
      throw new BadInputError(
        'name a lab to grade, or pass --all',
        'e.g. `pnpm grade git/first-commits`; `pnpm labs list` shows every lab',
      )
    }
    if (options.submission && (options.all || args.length !== 1)) {
      throw new BadInputError('--submission grades exactly one lab', 'name one lab with it')
    }
    if (options.engine !== undefined && !['live', 'static'].includes(String(options.engine)))
      throw new BadInputError(
        `--engine takes live or static, not "${String(options.engine)}"`,
        'only the sqlserver labs have two engines; leave --engine out for the others',
      )
    if (options.submission && options.fork)
      throw new BadInputError(
        '--submission and --fork cannot be used together',
        'use --fork for a whole learner repository',
      )
    const trustedRef = options.trustedRef ? String(options.trustedRef) : process.env.LABS_TRUSTED_REF
    if (trustedRef) await resolveTrustedSources({ root: app.paths.root, ref: trustedRef })
    await checkOutputPaths(Object.fromEntries(Object.keys(FILE_REPORTERS).map((f) => [f, options[f]])))
    const fork = options.fork ? await readFork(String(options.fork), app.paths.root) : undefined
    const forkNotice = fork && protectedEditsNotice(fork.protectedEdits)
    const ids = !options.all
      ? await app.catalog.select({ ids: args })
      : fork
        ? await labsInFork(app, fork)
        : await startedLabs(app)
    if (ids.length === 0) {
      app.out('No started labs to grade. Start one with `pnpm labs start <lab>`.\n')
      return ExitCode.ok
    }
    const housekeeping = startHousekeeping(
      await Promise.all(ids.map((id) => app.catalog.load(id))),
      (l) => app.err(`${pc.dim(l)}\n`),
      { engine: options.engine as string | undefined },
    )
    const reporters: Reporter[] = [new TerminalReporter(app.out)]
    for (const [flag, make] of Object.entries(FILE_REPORTERS))
      if (options[flag]) reporters.push(make(String(options[flag])))
    if (options.github) {
      reporters.push(new GithubReporter(app.out, (id) => app.paths.relative(app.paths.workspace(id))))
    }
    const progress = new ProgressLine(process.stderr, { force: options.progress === true })
    const started = Date.now()
    const labs: LabResult[] = []
    const suites = await resolveSuiteSource(app.paths)
    try {
      for (const id of ids) {
        const lab = await app.catalog.load(id)
        for (const r of reporters) r.onLabStart?.(id, lab.manifest.title)
        const source = fork
          ? fork.sourceFor(lab)
          : options.submission
            ? { kind: 'path' as const, path: String(options.submission) }
            : { kind: 'workspace' as const }
        const sealedAway = suites.kind === 'sealed' ? (suites.header.labs[id]?.hiddenChecks ?? 0) : undefined
        const result = await gradeLab(lab, suites.paths, {
          source,
          publicOnly: Boolean(options.publicOnly),
          ...(sealedAway !== undefined && !options.publicOnly ? { hiddenChecksElsewhere: sealedAway } : {}),
          ...(options.engine ? { engine: String(options.engine) } : {}),
          onStep: (step) => progress.step(`${id}: ${step}`),
          onCheckEnd: (c) => {
            progress.clear()
            for (const r of reporters) r.onCheckEnd?.(c)
          },
          log: options.verbose ? (line) => app.err(`${pc.dim(plainText(line))}\n`) : undefined,
        })
        progress.clear()
        if (forkNotice) result.notices = [forkNotice, ...(result.notices ?? [])]
        if (source.kind === 'workspace' && !options.publicOnly && suites.kind !== 'sealed')
          await app.progress.record(result)
        for (const r of reporters) r.onLabEnd?.(result)
        labs.push(result)
      }
    } finally {
      await releaseSuiteSource(suites)
    }
    const doc: ResultsDocument = {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      tool: TOOL,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      labs,
      summary: {
        labs: labs.length,
        passed: labs.filter(isPass).length,
        passedStatic: labs.filter((l) => l.status === 'passed-static').length,
        score: labs.reduce((s, l) => s + l.score, 0),
        maxScore: labs.reduce((s, l) => s + l.maxScore, 0),
      },
    }
    for (const r of reporters) await r.onFinish?.(doc)
    await housekeeping.finish()
    const code = exitCodeFor(labs)
    const notLive = options.requireLive ? gradedWithoutLive(labs) : []
    if (notLive.length && (code === ExitCode.ok || code === ExitCode.checksFailed)) {
      app.err(
        `${pc.red('error:')} --require-live: ${notLive.map((l) => `${l.id} was graded with the ${l.engine} engine`).join('; ')}\n` +
          `  ${pc.cyan('what to do:')} run where Docker and the SQL Server image are available (\`pnpm labs doctor\` says what is missing), or drop --require-live\n`,
      )
      return ExitCode.environment
    }
    return code
  },
}
