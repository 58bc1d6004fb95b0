import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { bigJson, bodyOf, documentsApp, LIMITS, postRaw } from './documents-api.ts'

const MB = 1024 * 1024

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE}`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image()
    },
  },
  {
    id: 'stores-documents',
    title: 'POST /documents stores a small JSON document: 201 with its id and field count',
    points: 1,
    timeoutMs: 60_000,
    needs: ['builds'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      const answer = await postRaw(app.url, JSON.stringify({ title: 'Notes', tags: ['a', 'b'] }))
      const body = bodyOf(answer) as { id?: unknown; fields?: unknown } | undefined
      if (answer.status !== 201 || typeof body?.id !== 'number' || body.fields !== 4)
        fail({
          expected:
            'status 201 with {"id": <number>, "fields": 4} for {"title": "Notes", "tags": ["a", "b"]}',
          found: `status ${answer.status ?? 'none'} with ${JSON.stringify(body)}`,
          hint: 'keep POST /documents working as the starter has it',
        })
    },
  },
  {
    id: 'body-limit',
    title: `A body over ${LIMITS.bodyBytes / MB} MiB gets 413, with or without Content-Length`,
    points: 2,
    timeoutMs: 60_000,
    needs: ['stores-documents'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      const big = bigJson(3 * MB)
      for (const chunked of [false, true]) {
        const label = chunked
          ? 'a 3 MiB body sent chunked (no Content-Length)'
          : 'a 3 MiB body with Content-Length'
        const answer = await postRaw(app.url, big, { chunked })
        if (answer.status !== 413)
          fail({
            expected: `status 413 for ${label}`,
            found: answer.status ? `status ${answer.status}` : 'no answer',
            hint: 'count the bytes as they arrive and stop at the limit: a chunked body has no Content-Length to trust',
          })
      }
    },
  },
])
