import pc from 'picocolors'
import { limiter } from '../../engine/pool.ts'
import { type VerifyLabReport, verifyLab } from '../../engine/verify-lab.ts'
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
  ],
  async run(app, args, options) {
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
    const started = Date.now()
    // Every lab at once by default: their starter builds and cases share verify-lab's process-wide limit.
    const limit = limiter(Number(process.env.LABS_VERIFY_LABS_AT_ONCE) || ids.length)
    const pending = ids.map((id) => limit(async () => verifyLab(await app.catalog.load(id), app.paths)))
    for (const [i, id] of ids.entries()) {
      const report = await pending[i]!
      reports.push(report)
      if (options.json) continue
      app.out(
        `${report.ok ? pc.green('✓') : pc.red('✗')} ${pc.bold(id)} ${pc.dim(`(${(report.durationMs / 1000).toFixed(1)} s)`)}\n`,
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
    if (options.json)
      app.out(`${JSON.stringify({ ok, durationMs: Date.now() - started, labs: reports }, null, 2)}\n`)
    else
      app.out(
        `\n${ok ? pc.green(`${reports.length} labs verified`) : pc.red(`${reports.filter((r) => !r.ok).length} of ${reports.length} labs failed verification`)}\n`,
      )
    await housekeeping.finish()
    return ok ? 0 : 1
  },
}
