import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import type { CommandSpec } from '../command-spec.ts'
import { progressWanted } from '../progress-line.ts'

export const imagesCommand: CommandSpec = {
  name: 'images',
  args: '[action] [names...]',
  summary:
    'List the pinned images and their versions (`labs images`), or build missing and stale stand-ins (`labs images seed [names…]`)',
  options: [
    { flags: '--force', description: 'seed: rebuild stand-ins even when an image is present' },
    { flags: '--pull', description: 'seed: try pulling the real image first' },
    { flags: '--progress', description: 'seed: show each step even when stderr is not a terminal' },
  ],
  async run(app, args, options) {
    const [action, ...names] = args
    const { connectDocker, formatBytes, formatSeedResult, imageStatus, seedExitCode, seedImages } =
      await import('@backend-labs/containers')
    const docker = await connectDocker()
    if (action === undefined || action === 'list') {
      const statuses = await imageStatus(docker)
      for (const s of statuses) {
        const mark = s.stale
          ? pc.red('stale   ')
          : s.presence === 'present'
            ? pc.green('present ')
            : s.presence === 'stand-in'
              ? pc.yellow('stand-in')
              : pc.red('missing ')
        const size = s.sizeBytes ? pc.dim(` ${formatBytes(s.sizeBytes)}`) : ''
        app.out(`${mark} ${s.image.ref.padEnd(56)}${size}  ${pc.dim(s.image.purpose)}\n`)
        if (s.pinned) app.out(pc.dim(`         pinned: ${s.pinned}\n`))
        if (s.stale)
          app.out(`         ${pc.red('built from another recipe or other versions than these pins')}\n`)
      }
      const missing = statuses.filter((s) => s.presence === 'missing' && s.image.offline !== 'none')
      if (missing.length) app.out(`\nBuild the missing ones offline with: pnpm labs images seed\n`)
      if (statuses.some((s) => s.stale))
        app.out(`\nRebuild the stale ones (grades refuse them) with: pnpm labs images seed\n`)
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
      ...(progressWanted(process.stderr, options.progress)
        ? {
            onProgress: (p: { key: string; message: string }) =>
              app.err(pc.dim(`  ${p.key}: ${p.message}\n`)),
          }
        : {}),
    })
    for (const r of results) app.out(`${formatSeedResult(r)}\n`)
    return seedExitCode(results)
  },
}
