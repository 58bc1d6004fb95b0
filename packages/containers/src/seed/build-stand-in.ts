import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureRootfsImage } from './debian-rootfs.ts'
import { runDocker } from './docker-cli.ts'
import { STAND_IN_LABEL } from './stand-in-labels.ts'
import type { StandInPlan } from './stand-in-plan.ts'

const BUILD_TIMEOUT_MS = 10 * 60_000

/**
 * Builds a stand-in from its plan and tags it `ref`: the Debian root file system (cached, with the
 * pinned package versions) or the catalog image it is based on, then the plan's Dockerfile on top, labelled with the recipe hash and
 * the versions. The build context is a temp dir removed afterwards; `--force-rm` removes the
 * builder's intermediate containers even when a step fails. `noCache` makes a forced rebuild real.
 */
export async function buildStandIn(
  plan: StandInPlan,
  ref: string,
  cacheDir: string,
  imageExists: (ref: string) => Promise<boolean>,
  onStep: (message: string) => void,
  options: { noCache?: boolean } = {},
): Promise<void> {
  if (plan.rootfs) await ensureRootfsImage(plan.rootfs, cacheDir, imageExists, onStep)
  else if (plan.base && !(await imageExists(plan.base.ref)))
    throw new Error(`${plan.recipe.name} is built FROM ${plan.base.ref}, which is missing: seed it first`)
  const contextDir = await mkdtemp(join(tmpdir(), `labs-seed-${plan.recipe.name}-`))
  try {
    await writeFile(join(contextDir, 'Dockerfile'), plan.dockerfile)
    for (const url of plan.recipe.files) await copyFile(url, join(contextDir, basename(fileURLToPath(url))))
    await plan.recipe.prepare?.({ pins: plan.pins, contextDir, cacheDir, onStep })
    const labels = {
      [STAND_IN_LABEL.standIn]: 'true',
      [STAND_IN_LABEL.recipe]: plan.recipe.name,
      [STAND_IN_LABEL.recipeHash]: plan.hash,
      ...plan.versionLabels,
    }
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
