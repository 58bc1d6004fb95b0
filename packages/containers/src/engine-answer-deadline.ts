import http, { type ClientRequest } from 'node:http'
import https from 'node:https'
import { EnvironmentError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'

/**
 * How long the grader waits for the Docker engine to begin answering a request (its response
 * headers, or the upgrade of an exec's socket). The engine sends headers at once for streams it
 * answers over time (followed logs, waits, exec); a stop's answer waits for its grace of a few
 * seconds; a classic build answers once it has read the context (≤ 50 MB by default, from this
 * machine). So minutes of silence mean an engine that no longer answers: a deadlocked daemon once
 * held a verify for 44 minutes. `LABS_DOCKER_ANSWER_TIMEOUT_MS` changes it.
 */
export const DEFAULT_ANSWER_DEADLINE_MS = 180_000
/** The longest delay a Node timer keeps; a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647

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
  return Number.isFinite(value) && value > 0 ? Math.min(value, MAX_TIMER_MS) : DEFAULT_ANSWER_DEADLINE_MS
}

/** A pull waits on the registry, not the engine, before it answers; its caller bounds it. */
const UNBOUNDED = [/^POST \/(v[\d.]+\/)?images\/create$/]

/** An agent that remembers the engine's first silence. */
export type AnswerDeadlineAgent = http.Agent & { silence?: DockerEngineSilentError }

/**
 * An agent that gives every request it carries a deadline for the engine's first answer. Once the
 * answer has begun, a stream (build output, followed logs, a wait the engine answers when the
 * container exits) may run as long as its caller allows: only silence before the answer is cut.
 * A request the deadline cuts fails with {@link DockerEngineSilentError}, which ends a grade as an
 * environment problem (exit 3); after that, every request of this agent fails at once the same
 * way, so that a grade's clean-up does not wait out the deadline once per container.
 */
export function answerDeadlineAgent(protocol: 'http' | 'https', deadlineMs: number): AnswerDeadlineAgent {
  const limit = Math.min(deadlineMs, MAX_TIMER_MS)
  let agent: AnswerDeadlineAgent
  const watch = (req: ClientRequest) => {
    const request = `${req.method} ${req.path.split('?')[0]}`
    if (agent.silence) {
      const earlier = agent.silence
      process.nextTick(() => req.destroy(earlier))
      return
    }
    if (UNBOUNDED.some((pattern) => pattern.test(request))) return
    const timer = setTimeout(() => {
      agent.silence ??= new DockerEngineSilentError(request, limit)
      req.destroy(agent.silence)
    }, limit)
    timer.unref()
    const answered = () => clearTimeout(timer)
    req.once('response', answered).once('upgrade', answered).once('close', answered)
  }
  if (protocol === 'https')
    agent = new (class extends https.Agent {
      addRequest(req: ClientRequest, options: https.RequestOptions) {
        watch(req)
        // @ts-expect-error addRequest is public at run time but not in @types/node
        super.addRequest(req, options)
      }
    })()
  else
    agent = new (class extends http.Agent {
      addRequest(req: ClientRequest, options: http.RequestOptions) {
        watch(req)
        // @ts-expect-error addRequest is public at run time but not in @types/node
        super.addRequest(req, options)
      }
    })()
  return agent
}

/** The first silence of `docker`'s engine, when its client was made with an answer deadline. */
export function engineSilence(docker: Docker): DockerEngineSilentError | undefined {
  return (docker.modem as unknown as { agent?: AnswerDeadlineAgent }).agent?.silence
}

/**
 * Whether the engine behind `docker` still answers: undefined if it does, else the error to end
 * the grade with. Asked before a verdict blames the learner for a timeout (a check, a build or an
 * exec that never finished may be the engine's doing): `GET /info`, the call a wedged engine was
 * seen to hang on, must answer within `withinMs`.
 */
export async function engineStillAnswers(
  docker: Docker,
  withinMs = 30_000,
): Promise<DockerEngineSilentError | undefined> {
  const earlier = engineSilence(docker)
  if (earlier) return earlier
  let timer: NodeJS.Timeout | undefined
  const silent = new Promise<DockerEngineSilentError>((resolve) => {
    timer = setTimeout(() => resolve(new DockerEngineSilentError('GET /info', withinMs)), withinMs)
  })
  try {
    const answer = await Promise.race([
      docker.info().then(
        () => undefined,
        (error: unknown) => (error instanceof DockerEngineSilentError ? error : undefined),
      ),
      silent,
    ])
    return answer
  } finally {
    clearTimeout(timer)
  }
}
