import { type ApiCheckContext, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { catalogApp, scrape } from './catalog-metrics.ts'

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE} (npm ci installs prom-client)`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image()
    },
  },
  {
    id: 'metrics-endpoint',
    title: 'GET /metrics serves a request counter and a latency histogram in the Prometheus text format',
    points: 2,
    timeoutMs: 60_000,
    needs: ['builds'],
    async run(ctx) {
      const app = await catalogApp(ctx)
      await scrape(app.url)
    },
  },
  {
    id: 'request-id',
    title: 'X-Request-Id is echoed back, or a new one generated when the request has none',
    points: 2,
    timeoutMs: 30_000,
    needs: ['builds'],
    async run(ctx) {
      const app = await catalogApp(ctx)
      const given = `check-${Date.now()}`
      const echoed = await send(app.url, {
        path: '/products',
        headers: { 'x-request-id': given },
        label: `GET /products with X-Request-Id: ${given}`,
      })
      const back = echoed.headers.get('x-request-id')
      if (back !== given)
        fail({
          expected: `the answer to carry X-Request-Id: ${given}`,
          found: back ? `X-Request-Id: ${back}` : 'no X-Request-Id header',
          hint: 'take the id from the request header when there is one, and set it on the response',
        })
      const a = (await send(app.url, { path: '/products', label: 'GET /products without an id' })).headers
      const b = (await send(app.url, { path: '/products', label: 'another GET /products without an id' }))
        .headers
      const first = a.get('x-request-id')
      const second = b.get('x-request-id')
      if (!first || !second || first === second)
        fail({
          expected: 'a new, different X-Request-Id on each answer to a request that has none',
          found: `${first ?? 'none'} and ${second ?? 'none'}`,
          hint: 'generate one with crypto.randomUUID()',
        })
    },
  },
])
