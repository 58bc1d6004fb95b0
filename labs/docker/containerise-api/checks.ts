import { type ApiCheckContext, type AppOptions, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, fail, scaledWait } from '@backend-labs/lab-kit'
import { BASE_IMAGE, requireBaseImage } from './base-image.ts'
import { plantDecoys } from './build-context-decoys.ts'
import { waitForHealth } from './health-status.ts'

/** The port the grader picks; the app must take it from PORT, not assume its own. */
export const GRADER_PORT = 8080
/** Every check shares this one container. */
export const APP: AppOptions = { env: { PORT: String(GRADER_PORT) }, readyTimeoutMs: 10_000 }
const HEALTHY_WITHIN_MS = 20_000

function isRoot(user: string): boolean {
  const name = user.trim().split(':')[0] ?? ''
  return name === '' || name === 'root' || name === '0'
}

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'image-builds',
    title: `The Dockerfile builds an image from ${BASE_IMAGE}`,
    points: 2,
    timeoutMs: 120_000,
    hints: ['Build it yourself: `docker build -t items-api .` in the workspace.'],
    async run(ctx) {
      await requireBaseImage(ctx.submissionDir)
      await plantDecoys(ctx.submissionDir)
      await ctx.docker.image()
    },
  },
  {
    id: 'serves-on-port',
    title: 'The container serves /health and /items on the port given in PORT',
    points: 2,
    timeoutMs: 45_000,
    needs: ['image-builds'],
    hints: [
      'Run it: `docker run --rm -e PORT=8080 -p 8080:8080 items-api`, then open http://localhost:8080/items.',
    ],
    async run(ctx) {
      const app = await ctx.docker.app(APP)
      expectStatus(await send(app.url, { path: '/health' }), 200)
      const items = await send(app.url, { path: '/items' })
      expectStatus(items, 200)
      if (!Array.isArray(items.json)) {
        fail({
          expected: 'GET /items to answer with the JSON list of items',
          found: items.text.slice(0, 120),
        })
      }
    },
  },
  {
    id: 'runs-as-non-root',
    title: 'The app runs as a non-root user',
    points: 2,
    timeoutMs: 30_000,
    needs: ['serves-on-port'],
    async run(ctx) {
      const image = await ctx.docker.image()
      if (isRoot(image.user)) {
        fail({
          expected: 'the image to run as a non-root user',
          found: image.user ? `USER ${image.user}` : 'no USER instruction, so the app runs as root',
          where: 'Dockerfile',
          hint: 'The base image has a user called `node` (uid 1000): add `USER node` after the steps that need root.',
        })
      }
      const app = await ctx.docker.app(APP)
      const id = await app.exec(['id', '-u'])
      if (id.exitCode !== 0 || id.stdout.trim() === '0') {
        fail({
          expected: 'the running container to have a user id other than 0',
          found: id.exitCode === 0 ? 'uid 0 (root)' : `\`id -u\` failed: ${id.stderr.trim().slice(0, 120)}`,
          where: 'Dockerfile',
          hint: 'Check that USER names a user that exists in the image, e.g. `USER node`.',
        })
      }
    },
  },
  {
    id: 'healthcheck-healthy',
    title: 'A HEALTHCHECK probes the app, and Docker reports the container healthy',
    points: 2,
    timeoutMs: 45_000,
    needs: ['serves-on-port'],
    hints: [
      'Watch it with `docker ps` (the STATUS column) or `docker inspect --format "{{json .State.Health}}" <container>`.',
    ],
    async run(ctx) {
      const image = await ctx.docker.image()
      const test = image.healthcheck ?? []
      if (test.length === 0 || test[0] === 'NONE') {
        fail({
          expected: 'a HEALTHCHECK instruction in the image',
          found: 'none',
          where: 'Dockerfile',
          hint: 'The image has no curl: probe /health with node, e.g. `HEALTHCHECK --interval=2s CMD node -e "…"` (see the README).',
        })
      }
      const app = await ctx.docker.app(APP)
      const withinMs = scaledWait(HEALTHY_WITHIN_MS)
      const status = await waitForHealth(app, 'healthy', withinMs)
      if (status === 'healthy') return
      const seconds = withinMs / 1000
      fail(
        status === 'unhealthy'
          ? {
              expected: `Docker to report the container healthy within ${seconds} s while /health answers 200`,
              found: 'unhealthy: the HEALTHCHECK command fails even though the app is fine',
              where: 'Dockerfile (HEALTHCHECK)',
              hint: 'Run the command yourself with `docker exec <container> <command>`; it must exit 0. Is the port right (use PORT)?',
            }
          : {
              expected: `Docker to report the container healthy within ${seconds} s`,
              found: `it was still "${status}"`,
              where: 'Dockerfile (HEALTHCHECK)',
              hint: 'Docker probes every --interval (30 s by default): use e.g. `--interval=2s --timeout=2s --retries=3`.',
            },
      )
    },
  },
])
