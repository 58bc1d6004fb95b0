import pc from 'picocolors'
import { listLabs } from '../../engine/lab-listing.ts'
import type { CommandSpec } from '../command-spec.ts'

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'List the labs and your progress',
  options: [
    { flags: '--track <track>', description: 'only this track' },
    { flags: '--json', description: 'print a JSON array' },
  ],
  async run(app, _args, options) {
    const labs = await listLabs(app, options.track as string | undefined)
    for (const problem of await app.catalog.problems())
      app.err(
        pc.yellow(`${problem.message}: the whole track is left out as a draft. ${problem.hint ?? ''}\n`),
      )
    if (options.json) {
      app.out(`${JSON.stringify(labs, null, 2)}\n`)
      return 0
    }
    const width = Math.max(...labs.map((l) => l.id.length), 4)
    const titleWidth = Math.max(...labs.map((l) => l.title.length), 5)
    for (const l of labs) {
      const score = l.score !== undefined ? ` ${l.score}/${l.maxScore}` : ''
      const status =
        l.status === 'passed'
          ? pc.green(`passed${score}${l.staticOnly ? ' (static engine)' : ''}`)
          : l.status === 'in progress'
            ? pc.yellow(`in progress${score}`)
            : pc.dim('not started')
      const draft = l.draft ? pc.magenta(' (draft)') : ''
      app.out(
        `${l.id.padEnd(width)}  ${l.title.padEnd(titleWidth)} ${pc.dim(`${l.difficulty}, ~${l.minutes} min`.padEnd(24))} ${status}${draft}\n`,
      )
    }
    app.out(pc.dim(`\nStart one with: pnpm labs start <lab>\n`))
    return 0
  },
}
