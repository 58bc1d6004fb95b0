import pc from 'picocolors'
import type { CommandSpec } from '../command-spec.ts'

export const cleanCommand: CommandSpec = {
  name: 'clean',
  summary: 'Remove what interrupted grader runs left behind, and prune the learner-image cache',
  options: [
    {
      flags: '--images',
      description: 'also prune cached learner images (older than 7 days, or beyond the newest 20)',
    },
    { flags: '--all-images', description: 'remove every cached learner image' },
  ],
  async run(app, _args, options) {
    const { connectDocker, pruneLearnerImages, sweepStale } = await import('@backend-labs/containers')
    const docker = await connectDocker()
    const swept = await sweepStale(docker)
    for (const r of swept.removed) app.out(`${pc.green('removed')} ${r.kind} ${r.id.slice(0, 12)}\n`)
    for (const r of swept.failed)
      app.out(`${pc.red('could not remove')} ${r.kind} ${r.id.slice(0, 12)}: ${r.reason}\n`)
    app.out(`${swept.removed.length} leftover resource(s) removed\n`)
    if (options.images || options.allImages) {
      const pruned = await pruneLearnerImages(
        docker,
        options.allImages ? { maxImages: 0, maxAgeDays: 0 } : {},
      )
      app.out(`${pruned.removed.length} cached learner image(s) removed, ${pruned.kept} kept\n`)
    }
    return swept.failed.length ? 3 : 0
  },
}
