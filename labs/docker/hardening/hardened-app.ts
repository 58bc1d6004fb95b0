import { randomBytes } from 'node:crypto'
import type { ApiCheckContext, AppOptions, RunningApp } from '@backend-labs/http-kit'

/** The port the README asks for; the grader also passes it as PORT. */
export const APP_PORT = 8080
/** A fresh token per grading run, passed only at run time: the image cannot know it. */
export const RUNTIME_TOKEN = `runtime-${randomBytes(12).toString('hex')}`
/** The token the starter bakes into its image. */
export const STARTER_TOKEN = 'labs-dev-token-4f9c2e71'

/** Starts the app like production would: token from the environment, the lab's port, hardened defaults. */
export function startApp(ctx: ApiCheckContext, options: AppOptions = {}): Promise<RunningApp> {
  return ctx.docker.app({
    port: APP_PORT,
    readyTimeoutMs: 15_000,
    ...options,
    env: { API_TOKEN: RUNTIME_TOKEN, ...options.env },
  })
}

/** The options of the read-only run: nothing writable but a tmpfs at /tmp. */
export const READ_ONLY: AppOptions = { key: 'read-only', readonlyRootfs: true, tmpfs: ['/tmp'] }
