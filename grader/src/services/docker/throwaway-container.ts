import { hardenedCreateOptions, type RunRegistry } from '@backend-labs/containers'
import type { ExecResult } from '@backend-labs/http-kit'
import type Docker from 'dockerode'
import { exitWithin } from './container-exit.ts'
import { formatSeconds, TIMED_OUT_EXIT_CODE } from './exec-command.ts'
import { DEFAULT_OUTPUT_CAP_BYTES, StreamCollector } from './output-streams.ts'

export interface ThrowawayOptions {
  timeoutMs?: number
  /** Default: the image's own USER. */
  user?: string
  /** Capabilities added back (e.g. DAC_READ_SEARCH to list every file as root). */
  capAdd?: string[]
  outputCapBytes?: number
}

/** The engine's answer when the command's program is not in the image. */
const NOT_FOUND = /executable file not found|no such file or directory/i

/**
 * Runs `cmd` (its first word replaces the image's ENTRYPOINT) in a container of `image` with the
 * hardened limits and no network, waits for it (default 30 s), and removes it. A program missing
 * from the image gives exit code 127, as a shell would.
 */
export async function runThrowaway(
  registry: RunRegistry,
  image: string,
  cmd: string[],
  options: ThrowawayOptions = {},
): Promise<ExecResult> {
  const [program, ...args] = cmd
  if (!program) throw new TypeError('runThrowaway needs a command')
  const timeoutMs = options.timeoutMs ?? 30_000
  const create = hardenedCreateOptions({
    image,
    networkName: 'none',
    cmd: args,
    capAdd: options.capAdd ?? [],
    ...(options.user ? { user: options.user } : {}),
  })
  const container = await registry.createContainer({ ...create, Entrypoint: [program] })
  try {
    try {
      await container.start()
    } catch (error) {
      const message = (error as { json?: { message?: string }; message?: string }).json?.message ?? ''
      if (NOT_FOUND.test(message)) return { exitCode: 127, stdout: '', stderr: `${program}: not found\n` }
      throw error
    }
    const exitCode = await exitWithin(container, timeoutMs)
    if (exitCode === undefined) await container.kill().catch(() => {})
    const output = await readOutput(container, options.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES)
    if (exitCode === undefined)
      return {
        exitCode: TIMED_OUT_EXIT_CODE,
        stdout: output.stdout,
        stderr: `${output.stderr}(stopped after ${formatSeconds(timeoutMs)})\n`,
      }
    return { exitCode, stdout: output.stdout, stderr: output.stderr }
  } finally {
    await container.remove({ force: true, v: true }).catch(() => {})
  }
}

async function readOutput(container: Docker.Container, capBytes: number) {
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer
  const collector = new StreamCollector(capBytes)
  collector.push(raw)
  return collector.result()
}
