import { existsSync } from 'node:fs'
import { BadInputError } from '@backend-labs/lab-kit'
import { gradeLab } from '../../engine/grade-lab.ts'
import { WorkspaceWatcher } from '../../engine/workspace-watcher.ts'
import type { CommandSpec } from '../command-spec.ts'
import { WatchScreen } from '../watch-screen.ts'

const describeChange = (paths: string[]) => {
  const refs = paths.some((p) => p.startsWith('.git'))
  const files = paths.filter((p) => !p.startsWith('.git'))
  const named = files.length === 1 ? files[0] : files.length > 1 ? `${files.length} files` : undefined
  return [named && `saved ${named}`, refs && 'new commit or branch'].filter(Boolean).join(', ')
}

export const watchCommand: CommandSpec = {
  name: 'watch',
  args: '<lab>',
  summary: 'Grade a lab again every time you save a file or commit (one warm process; Ctrl-C to stop)',
  options: [
    { flags: '--public-only', description: 'run only the public checks' },
    { flags: '--engine <engine>', description: 'force a grading engine where a track has several' },
  ],
  async run(app, args, options) {
    const lab = await app.catalog.load(args[0]!)
    const dir = app.paths.workspace(lab.id)
    if (!existsSync(dir))
      throw new BadInputError(
        `${lab.id} is not started: there is no workspace at ${app.paths.relative(dir)}`,
        `run \`pnpm labs start ${lab.id}\` first`,
      )
    const screen = new WatchScreen(app.out, Boolean(process.stdout.isTTY))
    const publicOnly = Boolean(options.publicOnly)
    let running = false
    let pending: string | undefined
    const grade = async (trigger: string): Promise<void> => {
      if (running) {
        pending = trigger
        return
      }
      running = true
      try {
        for (let next: string | undefined = trigger; next !== undefined; next = pending) {
          pending = undefined
          screen.status(`grading (${next})…`)
          try {
            const result = await gradeLab(lab, app.paths, {
              source: { kind: 'workspace' },
              publicOnly,
              ...(options.engine ? { engine: String(options.engine) } : {}),
            })
            if (!publicOnly) await app.progress.record(result)
            screen.show(lab.id, result, next)
          } catch (error) {
            screen.status(`could not grade: ${(error as Error).message}; save again to retry`)
          }
        }
      } finally {
        running = false
      }
    }
    // The process runs until Ctrl-C: the CLI's signal handler releases what grades hold, then exits.
    new WorkspaceWatcher(dir, (paths) => void grade(describeChange(paths)))
    app.err(`Watching ${app.paths.relative(dir)} (Ctrl-C to stop)\n`)
    await grade('first grade')
    return new Promise<number>(() => {})
  },
}
