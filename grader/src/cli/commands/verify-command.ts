import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { labFingerprint } from '../../engine/lab-fingerprint.ts'
import { limiter } from '../../engine/pool.ts'
import { verifyAgainstRecord } from '../../engine/verify-against-record.ts'
import { type VerifyLabReport, verifyLab } from '../../engine/verify-lab.ts'
import { MIN_RECORD_REPEAT, recordPath, writeRecord } from '../../engine/verify-record.ts'
import type { CommandSpec } from '../command-spec.ts'
import { startHousekeeping } from '../sweep-leftovers.ts'

export const verifyCommand: CommandSpec = {
  name: 'verify',
  args: '[labs...]',
  summary:
    "Prove labs: the solution scores full marks, the starter doesn't, each fixture fails exactly its checks",
  options: [
    { flags: '--track <track>', description: 'every lab of a track' },
    { flags: '--all', description: 'every lab (the default when no lab is named)' },
    { flags: '--json', description: 'print the verification report as JSON' },
    {
      flags: '--repeat <n>',
      description: 'grade every case n times; a check whose status changes between grades fails verification',
    },
    {
      flags: '--engine <engine>',
      description: 'grade every case with this engine where a track has several (live|static)',
    },
    {
      flags: '--record',
      description:
        "write each verified lab's record (its content's fingerprint and every verdict) into its suite",
    },
    {
      flags: '--against-records',
      description:
        'a lab unchanged since its record: grade only its solution and starter and expect the recorded verdicts (for CI)',
    },
  ],
  async run(app, args, options) {
    const repeat = options.repeat === undefined ? 1 : Number(options.repeat)
    if (!Number.isInteger(repeat) || repeat < 1 || repeat > 100)
      throw new BadInputError(
        `--repeat takes a whole number from 1 to 100, not "${String(options.repeat)}"`,
        'e.g. `labs verify --all --repeat 5`',
      )
    if (
      (options.record || options.againstRecords) &&
      (options.engine || (options.record && options.againstRecords))
    )
      throw new BadInputError(
        `records are of every case graded with the default engine: ${options.record ? '--record' : '--against-records'} cannot go with ${options.engine ? '--engine' : '--against-records'}`,
        'e.g. `labs verify production/rate-limit --repeat 5 --record`, then `labs verify --all --against-records` in CI',
      )
    if (options.record && repeat < MIN_RECORD_REPEAT)
      throw new BadInputError(
        `--record needs every case graded at least ${MIN_RECORD_REPEAT} times with the same verdict, not ${repeat}`,
        `e.g. \`labs verify production/rate-limit --repeat ${MIN_RECORD_REPEAT} --record\``,
      )
    // a DRAFT.md the grader cannot read would leave its track out quietly: an instructor must hear of it
    const [draftProblem] = await app.catalog.problems()
    if (draftProblem) throw draftProblem
    const ids = await app.catalog.select({
      ids: args,
      track: options.track as string | undefined,
      all: Boolean(options.all),
    })
    const housekeeping = startHousekeeping(await Promise.all(ids.map((id) => app.catalog.load(id))), (l) =>
      app.err(`${pc.dim(l)}
`),
    )
    const reports: VerifyLabReport[] = []
    const notes: string[] = []
    const started = Date.now()
    // Every lab at once by default: their starter builds and cases share verify-lab's process-wide limit.
    const limit = limiter(Number(process.env.LABS_VERIFY_LABS_AT_ONCE) || ids.length)
    const engine = options.engine ? { engine: String(options.engine) } : {}
    // taken now, before any lab code is loaded or a lab waits its turn: a lab edited while the
    // command runs is not recorded
    const fingerprints = new Map(
      ids.map((id) => [id, options.record ? labFingerprint(id, app.paths) : Promise.resolve(undefined)]),
    )
    await Promise.all(fingerprints.values())
    const pending = ids.map((id) =>
      limit(async () => {
        const lab = await app.catalog.load(id)
        if (options.againstRecords) {
          const { report, reason } = await verifyAgainstRecord(lab, app.paths, { repeat })
          return { report, note: reason }
        }
        const startedWith = await fingerprints.get(id)
        const report = await verifyLab(lab, app.paths, { repeat, ...engine })
        if (!startedWith) return { report, note: '' }
        if (!report.ok) return { report, note: 'not recorded: it did not verify' }
        const where = app.paths.relative(recordPath(id, app.paths))
        try {
          const written = await writeRecord(report, repeat, app.paths, startedWith)
          if ('record' in written) return { report, note: `recorded in ${where}` }
          report.problems.push(
            `not recorded: the lab changed while it was verified (${written.changedMeanwhile.join(', ')}); verify it again`,
          )
        } catch (error) {
          report.problems.push(`not recorded: could not write ${where}: ${(error as Error).message}`)
        }
        report.ok = false
        return { report, note: '' }
      }),
    )
    for (const [i, id] of ids.entries()) {
      const { report, note } = await pending[i]!
      reports.push(report)
      notes.push(note)
      if (options.json) continue
      app.out(
        `${report.ok ? pc.green('✓') : pc.red('✗')} ${pc.bold(id)} ${pc.dim(`(${(report.durationMs / 1000).toFixed(1)} s)`)}${note ? pc.dim(`: ${note}`) : ''}\n`,
      )
      for (const p of report.problems) app.out(`    ${pc.red(p)}\n`)
      for (const c of report.cases) {
        const mark = c.skipped ? pc.dim('-') : c.ok ? pc.green('✓') : pc.red('✗')
        const detail = c.skipped
          ? pc.dim(`skipped: ${c.skipped}`)
          : pc.dim(`${c.expectation}; got ${c.score}/${c.maxScore}`)
        app.out(`    ${mark} ${c.kind} ${c.id}: ${detail}\n`)
        for (const p of c.problems) app.out(`        ${pc.red(p)}\n`)
      }
    }
    const ok = reports.every((r) => r.ok)
    const changed = reports.flatMap((r) => r.cases).reduce((n, c) => n + (c.unstable?.length ?? 0), 0)
    if (options.json)
      app.out(
        `${JSON.stringify({ ok, repeat, changedVerdicts: changed, durationMs: Date.now() - started, labs: reports.map((r, i) => (notes[i] ? { ...r, note: notes[i] } : r)) }, null, 2)}\n`,
      )
    else {
      app.out(
        `\n${ok ? pc.green(`${reports.length} labs verified`) : pc.red(`${reports.filter((r) => !r.ok).length} of ${reports.length} labs failed verification`)}\n`,
      )
      if (repeat > 1) {
        const cases = reports.reduce((n, r) => n + r.cases.length, 0)
        const line = `${cases} cases graded ${repeat} times each: ${changed} changed verdicts`
        app.out(`${changed === 0 ? pc.green(line) : pc.red(line)}\n`)
      }
    }
    await housekeeping.finish()
    return ok ? 0 : 1
  },
}
