import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { type ApiCheckContext, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, defineSuite, fail, scaledWait } from '@backend-labs/lab-kit'
import { APP } from '../../../../labs/docker/containerise-api/checks.ts'
import { waitForHealth } from '../../../../labs/docker/containerise-api/health-status.ts'

const MB = 1000 * 1000
const BASE_IMAGE_BYTES = 217 * MB
const IMAGE_BUDGET_BYTES = 260 * MB
const UNHEALTHY_WITHIN_MS = 20_000
/** Copies of the node_modules/.git stand-ins and of .env, wherever the Dockerfile put them (npm's own folder aside). */
const LEAK_SCAN = [
  'find / -xdev \\( -path /proc -o -path /sys -o -path /usr/local/lib/node_modules \\) -prune -o',
  '\\( -name .env -o -path "*/node_modules/left-pad" -o \\( -name .git -type d \\) \\) -print 2>/dev/null | head -n 20',
].join(' ')

const checks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'dockerignore-keeps-secrets-out',
    title: '.env, node_modules and .git stay out of the image',
    points: 2,
    timeoutMs: 30_000,
    needs: ['image-builds'],
    async run(ctx) {
      const image = await ctx.docker.image()
      const scan = await image.run(['sh', '-c', LEAK_SCAN], { user: '0', timeoutMs: 20_000 })
      const found = scan.stdout.split('\n').filter((line) => line.trim() !== '')
      if (found.length === 0) return
      fail({
        expected: 'no .env file, node_modules folder or .git folder from your workspace in the image',
        found: `${found.slice(0, 5).join(', ')} in the image`,
        where: '.dockerignore',
        hint: 'List `node_modules`, `.git` and `.env` in .dockerignore, so `COPY . .` never sends them to Docker.',
      })
    },
  },
  {
    id: 'image-within-budget',
    title: 'The image stays within 260 MB',
    points: 1,
    needs: ['image-builds'],
    async run(ctx) {
      const image = await ctx.docker.image()
      if (image.sizeBytes <= IMAGE_BUDGET_BYTES) return
      const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`
      fail({
        expected: `an image of at most ${mb(IMAGE_BUDGET_BYTES)} (the base image alone is ${mb(BASE_IMAGE_BYTES)})`,
        found: `${mb(image.sizeBytes)}: your steps add ${mb(image.sizeBytes - BASE_IMAGE_BYTES)}`,
        where: 'Dockerfile',
        hint: '`docker history <image>` shows the size of each step: copy only what the app needs and leave data and build leftovers out.',
      })
    },
  },
  {
    id: 'healthcheck-reflects-health',
    title: 'The HEALTHCHECK turns unhealthy when /health fails',
    points: 2,
    timeoutMs: 45_000,
    needs: ['healthcheck-healthy'],
    async run(ctx) {
      const app = await ctx.docker.app(APP)
      const broken = await send(app.url, {
        method: 'POST',
        path: '/admin/break',
        label: 'switching the app to unhealthy with its fault switch (see the README)',
      })
      expectStatus(broken, 200)
      const withinMs = scaledWait(UNHEALTHY_WITHIN_MS)
      const status = await waitForHealth(app, 'unhealthy', withinMs)
      if (status === 'unhealthy') return
      fail({
        expected: `Docker to mark the container unhealthy within ${withinMs / 1000} s once /health answers 503`,
        found: `it stayed "${status}"`,
        where: 'Dockerfile (HEALTHCHECK)',
        hint: 'The HEALTHCHECK must request /health and exit 1 unless the answer is 2xx; checking that the port is open is not enough.',
      })
    },
  },
])

export default defineSuite<ApiCheckContext>({
  checks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'allowlist-and-script',
      title: 'An allow-list .dockerignore, a healthcheck script, numeric USER, 0.0.0.0 as the code default',
      dir: 'alternatives/allowlist-and-script',
    },
    {
      id: 'arg-base-image',
      title: 'The base image from a build argument, spelt docker.io/library/node:…',
      dir: 'alternatives/arg-base-image',
    },
  ],
  fixtures: [
    {
      id: 'bound-to-localhost',
      title: 'The app still listens on 127.0.0.1 inside the container',
      fails: ['serves-on-port'],
      dir: 'fixtures/bound-to-localhost',
    },
    {
      id: 'broken-dockerfile',
      title: 'RUN npm ci fails: the project has no package-lock.json',
      fails: ['image-builds'],
      dir: 'fixtures/broken-dockerfile',
    },
    {
      id: 'runs-as-root',
      title: 'No USER instruction: the app runs as root',
      fails: ['runs-as-non-root'],
      dir: 'fixtures/runs-as-root',
    },
    {
      id: 'no-dockerignore',
      title: 'COPY . . without a .dockerignore ships .env, node_modules and .git',
      fails: ['dockerignore-keeps-secrets-out'],
      dir: 'fixtures/no-dockerignore',
      async apply(dir) {
        await rm(join(dir, '.dockerignore'), { force: true })
      },
    },
    {
      id: 'healthcheck-always-passes',
      title: 'HEALTHCHECK CMD true: always healthy, whatever the app does',
      fails: ['healthcheck-reflects-health'],
      dir: 'fixtures/healthcheck-always-passes',
    },
    {
      id: 'image-over-budget',
      title: 'A 60 MB data dump baked into the image',
      fails: ['image-within-budget'],
      dir: 'fixtures/image-over-budget',
    },
  ],
})
