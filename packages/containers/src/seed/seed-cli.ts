/**
 * `npx tsx packages/containers/src/seed/seed-cli.ts [--force] [names…]`: seeds the offline
 * stand-ins and prints one line per catalog image. Exit codes: 0 every image is present or cannot
 * be made offline by design, 2 bad usage, 3 an image could not be made, 4 a bug.
 */
import { BadInputError, EnvironmentError, ExitCode } from '@backend-labs/lab-kit'
import { formatSeedResult } from './format-seed-result.ts'
import { seedExitCode, seedImages } from './seed-images.ts'

const USAGE = `usage: seed-cli [--force] [--pull] [names…]
  names     catalog keys or refs (node, postgres, gitServer, mssql); all when none
  --force   rebuild stand-ins even when the image is present
  --pull    try \`docker pull\` first (same as LABS_TRY_PULL=1)`

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith('-'))
  const names = argv.filter((a) => !a.startsWith('-'))
  const unknown = flags.filter((f) => !['--force', '--pull', '--help', '-h'].includes(f))
  if (flags.includes('--help') || flags.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return ExitCode.ok
  }
  if (unknown.length > 0) throw new BadInputError(`Unknown option ${unknown.join(', ')}.`, USAGE)
  const progress = process.stderr.isTTY || process.env.LABS_SEED_VERBOSE === '1'
  const startedMs = Date.now()
  const elapsed = () => `${((Date.now() - startedMs) / 1000).toFixed(1).padStart(6)} s`
  const results = await seedImages({
    only: names,
    force: flags.includes('--force'),
    ...(flags.includes('--pull') ? { tryPull: true } : {}),
    onProgress: progress ? (p) => process.stderr.write(`${elapsed()}  ${p.key}: ${p.message}\n`) : undefined,
  })
  for (const result of results) process.stdout.write(`${formatSeedResult(result)}\n`)
  return seedExitCode(results)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof BadInputError || error instanceof EnvironmentError) {
      process.stderr.write(`${error.message}\n${error.hint ? `${error.hint}\n` : ''}`)
      process.exitCode = error.exitCode
    } else {
      const message = error instanceof Error ? error.message : String(error)
      process.stderr.write(
        `The image seeder hit a bug: ${message}\nPlease report it with the command you ran.\n`,
      )
      process.exitCode = ExitCode.internal
    }
  },
)
