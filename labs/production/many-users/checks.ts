import { type ApiCheckContext, send } from '@backend-labs/http-kit'
import { defineChecks, expectAll, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { catalogApp, DEMO_LOGIN, expectProduct, loginStatus } from './catalog-api.ts'

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE} (npm ci installs pg)`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image()
    },
  },
  {
    id: 'answers',
    title: 'GET /health, GET /products/:id and POST /login answer as the starter does',
    points: 2,
    timeoutMs: 300_000,
    needs: ['builds'],
    async run(ctx) {
      const app = await catalogApp(ctx)
      const product = await send(app.url, { path: '/products/7', label: 'reading product 7' })
      const wrong = await loginStatus(app.url, DEMO_LOGIN.user, 'wrong password', 'a wrong password for ada')
      const right = await loginStatus(app.url, DEMO_LOGIN.user, DEMO_LOGIN.password, 'logging in as ada')
      expectAll([
        () => expectProduct(product, 7),
        () => {
          if (right !== 200)
            fail({ expected: "status 200 for ada's right password", found: `status ${right}` })
        },
        () => {
          if (wrong !== 401) fail({ expected: 'status 401 for a wrong password', found: `status ${wrong}` })
        },
      ])
    },
  },
])
