import { existsSync } from 'node:fs'
import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import type { CommandSpec } from '../command-spec.ts'

export const resetCommand: CommandSpec = {
  name: 'reset',
  args: '<lab>',
  summary: 'Return a lab to its starter, keeping a timestamped backup of your work',
  options: [{ flags: '--force', description: 'confirm the reset' }],
  async run(app, [id], options) {
    const lab = await app.catalog.load(id!)
    const dir = app.paths.workspace(lab.id)
    if (existsSync(dir) && !options.force) {
      throw new BadInputError(
        `reset replaces your work in ${app.paths.relative(dir)} with the starter`,
        `run \`labs reset ${lab.id} --force\` to confirm (a backup of your work is kept)`,
      )
    }
    const { backup } = await app.workspaces.reset(lab)
    app.out(`${pc.green('✓')} ${lab.id} is back to its starter in ${app.paths.relative(dir)}\n`)
    if (backup) app.out(`  Your previous work is saved in ${app.paths.relative(backup)}\n`)
    return 0
  },
}
