import http, { type ClientRequest } from 'node:http'
import https from 'node:https'
import { EnvironmentError } from '@backend-labs/lab-kit'

/**
 * How long the grader waits for the Docker engine to begin answering a request (its response
 * headers; for a request without a stream, its whole answer). The engine flushes headers at once
 * for streams (builds, logs, waits), and the slowest plain call the grader makes is a stop with a
 * grace of a few seconds, so minutes of silence mean an engine that no longer answers: a
 * deadlocked daemon once held a verify for 44 minutes. `LABS_DOCKER_ANSWER_TIMEOUT_MS` changes it.
 */
export const DEFAULT_ANSWER_DEADLINE_MS = 180_000

/** The engine accepted a request and said nothing for the whole deadline. */
export class DockerEngineSilentError extends EnvironmentError {
  constructor(
    readonly request: string,
    readonly waitedMs: number,
  ) {
    super(
      `The Docker engine stopped answering: ${request} got no answer in ${Math.round(waitedMs / 1000)} s.`,
      'Check it with `docker info`; if that hangs too, restart the engine (`dockerd`, Docker Desktop), run `pnpm labs clean`, then grade again. On a very busy machine, LABS_DOCKER_ANSWER_TIMEOUT_MS allows longer.',
    )
  }
}

/** The deadline from `LABS_DOCKER_ANSWER_TIMEOUT_MS`, else the default. */
export function answerDeadlineFrom(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.LABS_DOCKER_ANSWER_TIMEOUT_MS)
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_ANSWER_DEADLINE_MS
}

/**
 * An agent that gives every request it carries a deadline for the engine's first answer (the
 * response headers, or the upgrade of an exec's socket). Once the answer has begun, a stream
 * (build output, followed logs, a wait the engine answers when the container exits) may run as
 * long as its caller allows: only silence before the answer is cut. A request the deadline cuts
 * fails with {@link DockerEngineSilentError}, which ends a grade as an environment problem (exit 3).
 */
export function answerDeadlineAgent(protocol: 'http' | 'https', deadlineMs: number): http.Agent {
  const watch = (req: ClientRequest) => {
    const timer = setTimeout(
      () => req.destroy(new DockerEngineSilentError(`${req.method} ${req.path}`, deadlineMs)),
      deadlineMs,
    )
    timer.unref()
    const answered = () => clearTimeout(timer)
    req.once('response', answered).once('upgrade', answered).once('close', answered)
  }
  if (protocol === 'https')
    return new (class extends https.Agent {
      addRequest(req: ClientRequest, options: https.RequestOptions) {
        watch(req)
        // @ts-expect-error addRequest is public at run time but not in @types/node
        super.addRequest(req, options)
      }
    })()
  return new (class extends http.Agent {
    addRequest(req: ClientRequest, options: http.RequestOptions) {
      watch(req)
      // @ts-expect-error addRequest is public at run time but not in @types/node
      super.addRequest(req, options)
    }
  })()
}
