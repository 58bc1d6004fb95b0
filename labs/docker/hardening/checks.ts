import { type ApiCheckContext, expectJsonObject, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../containerise-api/base-image.ts'
import { READ_ONLY, RUNTIME_TOKEN, startApp } from './hardened-app.ts'

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE}`,
    points: 1,
    timeoutMs: 180_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image({ timeoutMs: 150_000 })
    },
  },
  {
    id: 'runs-as-non-root',
    title: 'The image runs as a non-root user',
    points: 2,
    timeoutMs: 30_000,
    needs: ['builds'],
    hints: ['Add `USER node` (the base image has that user, uid 1000) after the steps that need root.'],
    async run(ctx) {
      const image = await ctx.docker.image()
      const uid = (await image.run(['id', '-u'])).stdout.trim()
      if (image.user && !['root', '0'].includes(image.user.split(':')[0] ?? '') && uid !== '0') return
      fail({
        expected: 'the container to run as a user other than root',
        found: image.user
          ? `USER ${image.user} (uid ${uid})`
          : 'no USER instruction: it runs as root (uid 0)',
        where: 'Dockerfile',
      })
    },
  },
  {
    id: 'serves',
    title: 'With all capabilities dropped, the app answers GET /health on port 8080',
    points: 1,
    timeoutMs: 45_000,
    needs: ['builds'],
    hints: ['Listen on the port in PORT (8080 by default) on 0.0.0.0.'],
    async run(ctx) {
      const app = await startApp(ctx)
      expectStatus(await send(app.url, { path: '/health' }), 200)
    },
  },
  {
    id: 'read-only-root',
    title: 'With a read-only root filesystem and a tmpfs at /tmp, the app starts and serves /reports',
    points: 2,
    timeoutMs: 45_000,
    needs: ['serves'],
    hints: ['Write caches and temporary files under /tmp only; the rest of the filesystem is read-only.'],
    async run(ctx) {
      const app = await startApp(ctx, READ_ONLY)
      const x = await send(app.url, {
        path: '/reports',
        headers: { authorization: `Bearer ${RUNTIME_TOKEN}` },
        label: 'GET /reports with the right bearer token',
      })
      expectStatus(x, 200)
      expectJsonObject(x)
    },
  },
])
