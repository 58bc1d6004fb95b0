import { formatBytes } from './build-context.ts'
import type { BuildLimits } from './build-limits.ts'
import type { BuildOutput } from './build-output.ts'
import { ContainerFailure, lastLines } from './container-failure.ts'
import { type DockerfileInstruction, normalise } from './dockerfile-text.ts'

const LOG_LINES = 30
/** What a shell, node or npm print when a fork or thread start hits the pids limit. */
export const FORK_FAILURE =
  /can't fork|cannot fork|fork: (retry: )?Resource temporarily unavailable|spawn (\S+ )?EAGAIN|pthread_create|Cannot allocate memory.*thread|EAGAIN.*(fork|spawn)/i

/** The learner's Dockerfile, as failures name it. */
export interface LearnerDockerfile {
  name: string
  /** Instructions of the Dockerfile as built (line numbers are the learner's). */
  instructions: DockerfileInstruction[]
  /** The learner's own instruction at a line (before any rewrite), for messages. */
  original: (line: number) => string | undefined
  /** A line of the Dockerfile sent to Docker → the learner's line. */
  toOriginalLine: (line: number) => number
}

/** `Dockerfile:N` of the step the classic builder reported, or the file alone. */
export function stepLocation(step: string | undefined, file: LearnerDockerfile): string {
  const line = stepLine(step, file)
  return line ? `${file.name}:${line}` : file.name
}

function stepLine(step: string | undefined, file: LearnerDockerfile): number | undefined {
  if (!step) return undefined
  const wanted = normalise(step).toLowerCase()
  return file.instructions.find((i) => i.text.toLowerCase() === wanted)?.line
}

/** The learner's own text of the step (a rewritten one shows as they wrote it). */
export function stepText(step: string | undefined, file: LearnerDockerfile): string {
  const line = stepLine(step, file)
  return (line && file.original(line)) || (step ? normalise(step) : 'the build')
}

/** A failed build, explained: a parse error, a step killed for memory, the pids limit, or the step's own error. */
export function buildFailure(
  output: BuildOutput,
  file: LearnerDockerfile,
  limits: BuildLimits,
): ContainerFailure {
  const error = output.error ?? 'unknown error'
  const parseError = /(?:parse error|error parsing).*?line (\d+): (.*)/i.exec(error)
  const logs = output.lastLines(LOG_LINES)
  const shownLogs = logs.length > 0 ? logs : lastLines(error, LOG_LINES)
  if (parseError)
    return new ContainerFailure(
      'build-failed',
      {
        expected: 'a Dockerfile Docker can read',
        found: parseError[2] ?? error,
        where: `${file.name}:${file.toOriginalLine(Number(parseError[1]))}`,
        hint: 'Check the spelling of the instruction on that line (FROM, RUN, COPY, WORKDIR, CMD, ...).',
      },
      logs,
      output.truncated,
    )
  const step = output.currentStep
  const where = stepLocation(step, file)
  const text = stepText(step, file)
  if (FORK_FAILURE.test(output.output))
    return new ContainerFailure(
      'too-many-processes',
      {
        expected: `each build step to use at most ${limits.pidsLimit} processes and threads`,
        found: `\`${text}\` hit that limit: starting another process failed ("Resource temporarily unavailable")`,
        where,
        hint: 'Do not start processes in a loop in RUN; a build step should run one command to its end.',
      },
      shownLogs,
      output.truncated,
    )
  // a RUN step killed by SIGKILL during a build is the memory limit's OOM killer at work
  if (/returned a non-zero code: 137/.test(error))
    return new ContainerFailure(
      'out-of-memory',
      {
        expected: `each build step to stay within the build's memory limit of ${formatBytes(limits.memoryBytes)}`,
        found: `\`${text}\` ran out of memory and was killed (exit code 137)`,
        where,
        hint: 'Make the step use less memory (install fewer packages at once, do not load big files whole), or split it into smaller steps.',
      },
      shownLogs,
      output.truncated,
    )
  return new ContainerFailure(
    'build-failed',
    {
      expected: 'every Dockerfile instruction to succeed',
      found: `\`${text}\` failed: ${normalise(error)}`,
      where,
      hint: 'Read the last lines of the build output below; run `docker build .` yourself to reproduce it.',
    },
    shownLogs,
    output.truncated,
  )
}

/** The build ran past its time limit: the message names the step it was stuck at. */
export function buildTimeout(
  output: BuildOutput,
  file: LearnerDockerfile,
  timeoutMs: number,
): ContainerFailure {
  return new ContainerFailure(
    'build-timeout',
    {
      expected: `the image to build within ${Math.round(timeoutMs / 1000)} s`,
      found: `the build was still at \`${output.currentStep ? stepText(output.currentStep, file) : 'its start'}\` when it was stopped`,
      where: stepLocation(output.currentStep, file),
      hint: 'Make slow steps faster (no network-heavy or endless commands in RUN) and try again.',
    },
    output.lastLines(LOG_LINES),
    output.truncated,
  )
}

/** The build printed more than the grader reads: it was stopped there. */
export function buildOutputFlood(
  output: BuildOutput,
  file: LearnerDockerfile,
  limitBytes: number,
): ContainerFailure {
  return new ContainerFailure(
    'log-flood',
    {
      expected: `the build to print less than ${formatBytes(limitBytes)}`,
      found: `\`${output.currentStep ? stepText(output.currentStep, file) : 'the build'}\` printed more, so the build was stopped`,
      where: stepLocation(output.currentStep, file),
      hint: 'Make the step quieter (e.g. `npm ci --no-progress --loglevel=warn`, or send noisy output to /dev/null).',
    },
    output.lastLines(LOG_LINES),
    true,
  )
}
