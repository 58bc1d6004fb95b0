import { type ApiCheckContext, type AppOptions, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE, requireBaseImage } from '../containerise-api/base-image.ts'
import { listPaths, scanImage } from './image-scan.ts'

const APP: AppOptions = { env: { PORT: '8080' }, readyTimeoutMs: 10_000 }

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'image-builds',
    title: `The Dockerfile builds an image from ${BASE_IMAGE}`,
    points: 2,
    timeoutMs: 180_000,
    hints: ['Build it yourself: `docker build -t quotes-api .` in the workspace.'],
    async run(ctx) {
      await requireBaseImage(ctx.submissionDir)
      await ctx.docker.image({ timeoutMs: 150_000 })
    },
  },
  {
    id: 'serves-api',
    title: 'The container serves /health and /quotes on the port given in PORT',
    points: 2,
    timeoutMs: 45_000,
    needs: ['image-builds'],
    hints: [
      'Run it: `docker run --rm -e PORT=8080 -p 8080:8080 quotes-api`, then open http://localhost:8080/quotes.',
    ],
    async run(ctx) {
      const app = await ctx.docker.app(APP)
      expectStatus(await send(app.url, { path: '/health' }), 200)
      const quotes = await send(app.url, { path: '/quotes' })
      expectStatus(quotes, 200)
      if (!Array.isArray(quotes.json)) {
        fail({ expected: 'GET /quotes to answer with a JSON list', found: quotes.text.slice(0, 120) })
      }
    },
  },
  {
    id: 'no-compiler-in-final-image',
    title: 'The final image holds no TypeScript compiler and no dev dependencies',
    points: 3,
    timeoutMs: 30_000,
    needs: ['image-builds'],
    async run(ctx) {
      const image = await ctx.docker.image()
      const found = await scanImage(
        image,
        "-path '*/node_modules/typescript/package.json' -o -path '*/node_modules/@types/*/package.json' -o -path '*/node_modules/.bin/tsc'",
      )
      if (found.length === 0) return
      fail({
        expected: 'no compiler (typescript, tsc) and no dev dependencies (@types/…) in the final image',
        found: listPaths(found),
        where: 'Dockerfile (the last stage)',
        hint: `Compile in a first stage (\`FROM ${BASE_IMAGE} AS build\`), then start a fresh stage and copy only the compiled \`dist/\` into it (plus production dependencies, installed with \`npm ci --omit=dev\`).`,
      })
    },
  },
])
