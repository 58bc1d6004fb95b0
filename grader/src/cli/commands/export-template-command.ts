import { resolve } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { exportTemplate } from '../../export/export-template.ts'
import { SEAL_KEY_ENV, sealKeyFromEnv } from '../../seal/seal-key.ts'
import type { CommandSpec } from '../command-spec.ts'

export const exportTemplateCommand: CommandSpec = {
  name: 'export-template',
  args: '<dir>',
  summary:
    "Write the learners' repository: labs, grader, CI workflows, hidden suites sealed (key: LABS_SEAL_KEY)",
  async run(app, [dir]) {
    const key = sealKeyFromEnv()
    if (!key)
      throw new BadInputError(
        `${SEAL_KEY_ENV} is not set: the hidden suites are sealed with it`,
        'make a key with `labs seal --new-key`, keep it as a secret of the course, and export it',
      )
    const dest = resolve(dir!)
    const { files, labs } = await exportTemplate(app.catalog, app.paths, key, dest)
    app.out(
      `${pc.green('✓')} Wrote the learners' repository to ${dest}: ${files} files, ${labs} labs, hidden suites sealed\n` +
        '  Next: git init there, commit, and publish it as the course template.\n',
    )
    return 0
  },
}
