import { join } from 'node:path'
import pc from 'picocolors'
import type { CommandSpec } from '../command-spec.ts'

export const startCommand: CommandSpec = {
  name: 'start',
  args: '<lab>',
  summary: 'Create your workspace for a lab (never overwrites existing work)',
  async run(app, [id]) {
    const lab = await app.catalog.load(id!)
    const { dir, created } = await app.workspaces.start(lab)
    const rel = app.paths.relative(dir)
    const readme = app.paths.relative(join(lab.dir, 'README.md'))
    if (created) app.out(`${pc.green('✓')} Started ${pc.bold(lab.id)}: ${lab.manifest.title}\n`)
    else app.out(`${pc.yellow('•')} ${lab.id} is already started; your work is untouched.\n`)
    app.out(`  Read the task:  ${readme}\n  Work in:        ${rel}\n  Grade with:     pnpm grade ${lab.id}\n`)
    if (lab.manifest.submission.type === 'git')
      app.out(`  For CI, run:    pnpm labs submit ${lab.id}   (writes a bundle you can commit)\n`)
    return 0
  },
}
