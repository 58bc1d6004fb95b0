import { setTimeout as sleep } from 'node:timers/promises'
import type { ApiCheckContext, RunningApp } from '@backend-labs/http-kit'
import { CheckFailure, defineChecks, fail } from '@backend-labs/lab-kit'
import {
  appWithDatabase,
  createNote,
  expectNote,
  waitForHealthy,
} from '../../../../labs/docker/api-with-database/notes-api.ts'

const LATE_DB = { alias: 'db-late', user: 'notes', password: 'late-start', database: 'notes' }

/** The app is started first; the database (another alias) only some seconds later. */
async function appBeforeDatabase(ctx: ApiCheckContext): Promise<RunningApp> {
  const { alias, user, password, database } = LATE_DB
  const env = {
    DATABASE_URL: `postgres://${user}:${password}@${alias}:5432/${database}`,
    PGHOST: alias,
    PGPORT: '5432',
    PGUSER: user,
    PGPASSWORD: password,
    PGDATABASE: database,
  }
  const [app, db] = await Promise.allSettled([
    ctx.docker.app({ key: 'before-db', env, readyTimeoutMs: 60_000 }),
    sleep(2000).then(() =>
      ctx.docker.service('postgres', {
        alias,
        env: { POSTGRES_USER: user, POSTGRES_PASSWORD: password, POSTGRES_DB: database },
      }),
    ),
  ])
  if (db.status === 'rejected') throw db.reason
  if (app.status === 'fulfilled') return app.value
  if (!(app.reason instanceof CheckFailure)) throw app.reason
  return fail({
    expected: 'the app to keep running while the database is not reachable yet, and retry',
    found: app.reason.details.found ?? 'it stopped',
    hint: 'do not exit when the first connection fails: retry with a delay until the database answers',
  })
}

export const resilienceChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'waits-for-database',
    title: 'Started before the database, the app keeps running, retries, and becomes ready',
    points: 2,
    timeoutMs: 120_000,
    needs: ['stores-notes'],
    async run(ctx) {
      const app = await appBeforeDatabase(ctx)
      await waitForHealthy(app, 30_000, 'after the database came up late')
      const text = `Late start ${Date.now()}`
      await expectNote(app.url, await createNote(app.url, text, 'storing a note'), text, 'reading it back')
    },
  },
  {
    id: 'survives-app-restart',
    title: 'Notes survive a restart of the API container',
    points: 2,
    timeoutMs: 60_000,
    needs: ['stores-notes'],
    async run(ctx) {
      const { app } = await appWithDatabase(ctx)
      const text = `Kept across restarts ${Date.now()}`
      const id = await createNote(app.url, text, 'storing a note')
      await app.restart()
      await waitForHealthy(app, 20_000, 'after the API container restarted')
      await expectNote(app.url, id, text, 'reading the note after the API container restarted')
    },
  },
  {
    id: 'survives-db-restart',
    title: 'After the database restarts, the API reconnects and the notes are still there',
    points: 2,
    timeoutMs: 90_000,
    needs: ['stores-notes'],
    async run(ctx) {
      const { app, db } = await appWithDatabase(ctx)
      const text = `Kept across database restarts ${Date.now()}`
      const id = await createNote(app.url, text, 'storing a note')
      await db.restart()
      await waitForHealthy(app, 20_000, 'after the database restarted')
      await expectNote(app.url, id, text, 'reading the note after the database restarted')
    },
  },
])
