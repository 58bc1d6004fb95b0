import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { STARTER_TOKEN } from '../../../../labs/docker/hardening/hardened-app.ts'
import { copyOver, patches, patchFile } from '../rest-contract/fixture-patch.ts'
import { secretChecks } from './secret-checks.ts'

// Fixtures are the reference solution with one realistic mistake put back in.
export default defineSuite<ApiCheckContext>({
  checks: secretChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'numeric-user-entrypoint',
      title: 'USER 1000:1000, another workdir and default port, ENTRYPOINT + CMD, os.tmpdir()',
      dir: 'alternatives/entrypoint-user',
    },
  ],
  fixtures: [
    {
      id: 'fork-bomb',
      title: 'starts a helper process per report before listening: hits the pids limit',
      fails: ['serves'],
      dir: 'solution',
      apply: copyOver(new URL('fixtures/fork-bomb/', import.meta.url)),
    },
    {
      id: 'memory-hog',
      title: 'preloads an unbounded in-memory cache at start: killed for memory',
      fails: ['serves'],
      dir: 'solution',
      apply: copyOver(new URL('fixtures/memory-hog/', import.meta.url)),
    },
    {
      id: 'writes-app-dir',
      title: 'writes its cache under /app, which a read-only root filesystem refuses',
      fails: ['read-only-root'],
      dir: 'solution',
      apply: patches(
        patchFile('src/server.ts', "process.env.CACHE_DIR ?? '/tmp/reports-api'", "'/app/cache'"),
        patchFile(
          'Dockerfile',
          'USER node',
          'RUN mkdir -p /app/cache && chown node:node /app/cache\nUSER node',
        ),
      ),
    },
    {
      id: 'secret-in-history',
      title: 'the ENV is gone but an ARG default still holds the token',
      fails: ['no-secret-in-image'],
      dir: 'solution',
      apply: patchFile('Dockerfile', 'WORKDIR /app', `WORKDIR /app\nARG API_TOKEN=${STARTER_TOKEN}`),
    },
    {
      id: 'listens-on-80',
      title: 'listens on port 80 and exposes it',
      fails: ['serves', 'unprivileged-port'],
      dir: 'solution',
      apply: patches(
        patchFile('src/server.ts', 'Number(process.env.PORT ?? 8080)', '80'),
        patchFile('Dockerfile', 'EXPOSE 8080', 'EXPOSE 80'),
      ),
    },
  ],
})
