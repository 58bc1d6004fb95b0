import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import type { CommandSpec } from '../command-spec.ts'

export const imagesCommand: CommandSpec = {
  name: 'images',
  args: '[action] [names...]',
  summary: 'List the pinned images (`labs images`), or build offline stand-ins (`labs images seed [names…]`)',
  options: [
    { flags: '--force', description: 'seed: rebuild stand-ins even when an image is present' },
    { flags: '--pull', description: 'seed: try pulling the real image first' },
  ],
  async run(app, args, options) {
    const [action, ...names] = args
    const { connectDocker, formatBytes, formatSeedResult, imageStatus, seedImages } = await import(
      '@backend-labs/containers'
    )
    const docker = await connectDocker()
    if (action === undefined || action === 'list') {
      const statuses = await imageStatus(docker)
      for (const s of statuses) {
        const mark =
          s.presence === 'present'
            ? pc.green('present ')
            : s.presence === 'stand-in'
              ? pc.yellow('stand-in')
              : pc.red('missing ')
        const size = s.sizeBytes ? pc.dim(` ${formatBytes(s.sizeBytes)}`) : ''
        app.out(`${mark} ${s.image.ref.padEnd(56)}${size}  ${pc.dim(s.image.purpose)}\n`)
      }
      const missing = statuses.filter((s) => s.presence === 'missing' && s.image.offline !== 'none')
      if (missing.length) app.out(`\nBuild the missing ones offline with: pnpm labs images seed\n`)
      return 0
    }
    if (action !== 'seed') {
      throw new BadInputError(
        `unknown images action "${action}"`,
        'use `labs images` or `labs images seed [names…]`',
      )
    }
    const results = await seedImages({
      only: names,
      force: Boolean(options.force),
      ...(options.pull ? { tryPull: true } : {}),
      onProgress: (p) => app.err(pc.dim(`  ${p.key}: ${p.message}\n`)),
    })
    for (const r of results) app.out(`${formatSeedResult(r)}\n`)
    return results.some((r) => r.outcome === 'failed') ? 3 : 0
  },
}
