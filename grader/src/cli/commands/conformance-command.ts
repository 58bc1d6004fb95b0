import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { type ConformanceLabReport, conformLab, requireLiveSqlServer } from '../../engine/conformance.ts'
import type { VerifyLabReport } from '../../engine/verify-lab.ts'
import type { CommandSpec } from '../command-spec.ts'

const TRACKS = ['sqlserver']

function verifyLines(engine: string, r: VerifyLabReport): string[] {
  const lines = [`    ${r.ok ? pc.green('✓') : pc.red('✗')} ${engine}: ${r.cases.length} cases`]
  for (const p of r.problems) lines.push(`        ${pc.red(p)}`)
  for (const c of r.cases) {
    if (c.ok) continue
    lines.push(`        ${pc.red('✗')} ${c.kind} ${c.id}: ${c.expectation}`)
    for (const p of c.problems) lines.push(`            ${pc.red(p)}`)
  }
  return lines
}

/**
 * `labs conformance sqlserver`: for an instructor with SQL Server. Every SQL lab verified under the
 * live engine (its behavioural checks and every fixture) and under the static one, the verdicts of the
 * two compared case by case, and the reference solution's schema model compared; one report.
 */
export const conformanceCommand: CommandSpec = {
  name: 'conformance',
  args: '<track>',
  summary: 'Prove the live engine and the static one against each other on every lab of a track (sqlserver)',
  options: [{ flags: '--json', description: 'print the report as JSON' }],
  async run(app, args, options) {
    const track = args[0] ?? ''
    if (!TRACKS.includes(track))
      throw new BadInputError(
        `conformance covers the track${TRACKS.length > 1 ? 's' : ''} ${TRACKS.join(', ')}, not "${track}"`,
        'run `pnpm labs conformance sqlserver`',
      )
    await requireLiveSqlServer()
    const ids = await app.catalog.select({ track })
    const reports: ConformanceLabReport[] = []
    for (const id of ids) {
      const lab = await app.catalog.load(id)
      if (!lab.manifest.services.includes('sql')) continue
      const r = await conformLab(lab, app.paths)
      reports.push(r)
      if (options.json) continue
      app.out(`${r.ok ? pc.green('✓') : pc.red('✗')} ${pc.bold(id)}\n`)
      for (const line of [...verifyLines('live', r.live), ...verifyLines('static', r.static)])
        app.out(`${line}\n`)
      const agree = r.disagreements.length === 0 && r.modelDifferences.length === 0
      app.out(`    ${agree ? pc.green('✓') : pc.red('✗')} static agrees with live\n`)
      for (const d of [...r.disagreements, ...r.modelDifferences]) app.out(`        ${pc.red(d)}\n`)
    }
    const ok = reports.every((r) => r.ok)
    if (options.json) app.out(`${JSON.stringify({ ok, track, labs: reports }, null, 2)}\n`)
    else
      app.out(
        `\n${ok ? pc.green(`${reports.length} labs conform`) : pc.red(`${reports.filter((r) => !r.ok).length} of ${reports.length} labs do not conform`)}\n`,
      )
    return ok ? 0 : 1
  },
}
