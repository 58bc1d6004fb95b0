import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureRootfsImage } from './debian-rootfs.ts'
import { runDocker } from './docker-cli.ts'
import { STAND_IN_LABEL } from './stand-in-labels.ts'
import type { StandInRecipe } from './stand-in-recipe.ts'

const BUILD_TIMEOUT_MS = 10 * 60_000

/**
 * Builds `recipe`'s stand-in and tags it `ref`: the Debian root file system (cached), then a small
 * Dockerfile on top. The build context is a temp dir removed afterwards; `--force-rm` removes the
 * builder's intermediate containers even when a step fails. `noCache` makes a forced rebuild real.
 */
export async function buildStandIn(
  recipe: StandInRecipe,
  ref: string,
  cacheDir: string,
  imageExists: (ref: string) => Promise<boolean>,
  onStep: (message: string) => void,
  options: { noCache?: boolean } = {},
): Promise<void> {
  const baseRef = await ensureRootfsImage(recipe.rootfs, cacheDir, imageExists, onStep)
  const contextDir = await mkdtemp(join(tmpdir(), `labs-seed-${recipe.name}-`))
  try {
    const extraLabels = await recipe.prepare({ baseRef, contextDir, cacheDir, onStep })
    const labels = { [STAND_IN_LABEL.standIn]: 'true', [STAND_IN_LABEL.recipe]: recipe.name, ...extraLabels }
    onStep(`building ${ref}`)
    await runDocker(
      [
        'build',
        '--quiet',
        '--force-rm',
        ...(options.noCache ? ['--no-cache'] : []),
        ...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
        '--tag',
        ref,
        contextDir,
      ],
      { timeoutMs: BUILD_TIMEOUT_MS },
    )
  } finally {
    await rm(contextDir, { recursive: true, force: true })
  }
}
