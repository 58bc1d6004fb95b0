import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineChecks } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../containerise-api/base-image.ts'
import { appWithDatabase, createNote, expectNote, waitForHealthy } from './notes-api.ts'

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE} (npm ci installs pg)`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image({ timeoutMs: 210_000 })
    },
  },
  {
    id: 'health-endpoint',
    title: 'With the database at host "db" (DATABASE_URL), GET /health answers 200',
    points: 2,
    timeoutMs: 120_000,
    needs: ['builds'],
    hints: [
      'Read the connection settings from DATABASE_URL: inside a container, localhost is the container itself.',
    ],
    async run(ctx) {
      const { app } = await appWithDatabase(ctx)
      await waitForHealthy(app, 20_000, 'once the database is up')
    },
  },
  {
    id: 'stores-notes',
    title: 'POST /notes stores a note (201) and GET /notes/:id reads it back',
    points: 2,
    timeoutMs: 20_000,
    needs: ['health-endpoint'],
    async run(ctx) {
      const { app } = await appWithDatabase(ctx)
      const text = `Buy oat milk ${Date.now()}`
      const id = await createNote(app.url, text, 'POST /notes with {"text": …}')
      await expectNote(app.url, id, text, 'GET /notes/:id of that note')
    },
  },
])
