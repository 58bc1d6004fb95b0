import { existsSync } from 'node:fs'
import pc from 'picocolors'
import type { AppContext } from '../app-context.ts'
import type { CommandSpec } from '../command-spec.ts'

export interface LabListing {
  id: string
  track: string
  title: string
  difficulty: string
  minutes: number
  status: 'not started' | 'in progress' | 'passed'
  /** Passed as far as the static engine can tell (some checks need SQL Server). */
  staticOnly?: boolean
  score?: number
  maxScore?: number
}

export async function listLabs(app: AppContext, track?: string): Promise<LabListing[]> {
  const progress = await app.progress.read()
  const ids = await app.catalog.select(track ? { track } : { all: true })
  const out: LabListing[] = []
  for (const id of ids) {
    const lab = await app.catalog.load(id)
    const p = progress[id]
    const bundle =
      lab.manifest.submission.type === 'git' ? app.paths.bundle(id, lab.manifest.submission.bundle) : ''
    const started = existsSync(app.paths.workspace(id)) || (bundle !== '' && existsSync(bundle))
    const status =
      p?.status === 'passed' || p?.status === 'passed-static'
        ? 'passed'
        : started || p
          ? 'in progress'
          : 'not started'
    const entry: LabListing = {
      id,
      track: lab.track,
      title: lab.manifest.title,
      difficulty: lab.manifest.difficulty,
      minutes: lab.manifest.minutes,
      status,
    }
    if (p) Object.assign(entry, { score: p.score, maxScore: p.maxScore })
    if (p?.status === 'passed-static') entry.staticOnly = true
    out.push(entry)
  }
  return out
}

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'List the labs and your progress',
  options: [
    { flags: '--track <track>', description: 'only this track' },
    { flags: '--json', description: 'print a JSON array' },
  ],
  async run(app, _args, options) {
    const labs = await listLabs(app, options.track as string | undefined)
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
      app.out(
        `${l.id.padEnd(width)}  ${l.title.padEnd(titleWidth)} ${pc.dim(`${l.difficulty}, ~${l.minutes} min`.padEnd(24))} ${status}\n`,
      )
    }
    app.out(pc.dim(`\nStart one with: pnpm labs start <lab>\n`))
    return 0
  },
}
