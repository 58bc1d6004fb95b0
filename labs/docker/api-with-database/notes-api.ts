import { setTimeout as sleep } from 'node:timers/promises'
import { ContainerFailure } from '@backend-labs/containers'
import {
  type ApiCheckContext,
  expectJsonObject,
  expectStatus,
  type HttpExchange,
  type RunningApp,
  type RunningService,
  send,
} from '@backend-labs/http-kit'
import { CheckFailure, fail } from '@backend-labs/lab-kit'

export const DB_ALIAS = 'db'
export const PGDATA = { name: 'pgdata', path: '/var/lib/postgresql/data' }

/** The grader's database and the app connected to it, as every check after the first sees them. */
export async function appWithDatabase(ctx: ApiCheckContext) {
  const db: RunningService = await ctx.docker.service('postgres', { alias: DB_ALIAS, volumes: [PGDATA] })
  const app = await ctx.docker.app({ env: db.connectionEnv })
  return { db, app }
}

/**
 * Sends `GET /health` until it answers 200 or `timeoutMs` passes; an app that is still connecting may
 * answer 503 or not at all meanwhile. Fails with the last answer.
 */
export async function waitForHealthy(app: RunningApp, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    try {
      const x = await send(app.url, { path: '/health', label, timeoutMs: 2000 })
      if (x.status === 200) return
      last = `status ${x.status}`
    } catch (error) {
      if (!(error instanceof CheckFailure)) throw error
      last = 'no answer (the connection failed)'
      // a crashed app is not a slow one: say it stopped, with how, and its last lines apart
      const exit = await app.exitState?.()
      if (exit) throw crashed(exit, label)
    }
    await sleep(300)
  }
  fail({
    expected: `GET /health to answer 200 within ${timeoutMs / 1000} s ${label}`,
    found: `${last} until then`,
    hint: 'connect to the database named by DATABASE_URL, retry until it answers, and answer 200 once it does',
  })
}

function crashed(
  exit: { exitCode: number; oomKilled: boolean; logs: string[] },
  label: string,
): ContainerFailure {
  return new ContainerFailure(
    'crashed',
    {
      expected: `the app to keep running ${label}`,
      found: `it stopped with exit code ${exit.exitCode}${exit.oomKilled ? ' (out of memory)' : ' (it crashed)'}`,
      hint: "An error nobody handles ends a Node process: give the pg Pool an 'error' listener (`pool.on('error', ...)`) so a lost connection is logged, not fatal, and handle failed queries.",
    },
    exit.logs,
  )
}

/** Creates a note and returns its id (201 with the stored note as JSON). */
export async function createNote(url: string, text: string, label: string): Promise<string | number> {
  const x = await send(url, { method: 'POST', path: '/notes', body: { text }, label })
  expectStatus(x, 201, 'store the note in the database and answer 201 with it')
  const id = expectJsonObject(x).id
  if (typeof id === 'number' || (typeof id === 'string' && id !== '')) return id
  return fail({
    expected: `the stored note, with its "id", in the answer to ${label}`,
    found: `id ${JSON.stringify(id)}`,
  })
}

/** Reads a note back and insists it still has `text`. */
export async function expectNote(
  url: string,
  id: string | number,
  text: string,
  label: string,
): Promise<HttpExchange> {
  const x = await send(url, { path: `/notes/${encodeURIComponent(String(id))}`, label })
  expectStatus(
    x,
    200,
    'a note that was stored must still be there: keep notes in the database, not in memory',
  )
  const found = expectJsonObject(x).text
  if (found !== text)
    fail({ expected: `the note's text to be kept exactly for ${label}`, found: JSON.stringify(found) })
  return x
}
