import pc from 'picocolors'
import type { CommandSpec } from '../command-spec.ts'

export const submitCommand: CommandSpec = {
  name: 'submit',
  args: '<lab>',
  summary: 'Write your git lab repository as a bundle in the lab folder, so CI can grade it',
  async run(app, [id]) {
    const lab = await app.catalog.load(id!)
    const { bundle, refs } = await app.workspaces.submit(lab)
    const rel = app.paths.relative(bundle)
    app.out(
      `${pc.green('✓')} Wrote ${rel} (${refs} refs)\n  Commit it: git add ${rel} && git commit -m "Submit ${lab.id}"\n`,
    )
    return 0
  },
}
