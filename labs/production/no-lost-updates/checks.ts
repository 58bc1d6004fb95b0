import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { createItem, order, shopWithDatabase, stockOf } from './shop-api.ts'

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
    id: 'places-order',
    title: 'POST /orders answers 201 and takes one unit from stock',
    points: 2,
    timeoutMs: 120_000,
    needs: ['builds'],
    async run(ctx) {
      const { app } = await shopWithDatabase(ctx)
      const id = await createItem(app.url, 'Mug', 3)
      const status = await order(app.url, id, 'ordering one mug (3 in stock)')
      if (status !== 201)
        fail({ expected: 'status 201 for ordering one mug (3 in stock)', found: `status ${status}` })
      const stock = await stockOf(app.url, id, 'reading the mug after one order')
      if (stock !== 2) fail({ expected: 'stock 2 after one order of 3', found: `stock ${stock}` })
    },
  },
  {
    id: 'sold-out',
    title: 'Once stock is 0, POST /orders answers 409 and stock stays 0',
    points: 1,
    timeoutMs: 30_000,
    needs: ['places-order'],
    async run(ctx) {
      const { app } = await shopWithDatabase(ctx)
      const id = await createItem(app.url, 'Last poster', 1)
      const first = await order(app.url, id, 'ordering the last poster')
      const second = await order(app.url, id, 'ordering a poster after the last one was sold')
      if (first !== 201 || second !== 409)
        fail({
          expected: 'status 201 for the last unit, then 409 (sold out)',
          found: `${first}, then ${second}`,
          hint: 'answer 409 Conflict when there is no stock left',
        })
      const stock = await stockOf(app.url, id, 'reading the poster after it sold out')
      if (stock !== 0) fail({ expected: 'stock 0 after selling out', found: `stock ${stock}` })
    },
  },
])
