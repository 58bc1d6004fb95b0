import { setTimeout as sleep } from 'node:timers/promises'
import type { ExecResult } from '@backend-labs/http-kit'
import type Docker from 'dockerode'
import { DEFAULT_OUTPUT_CAP_BYTES, StreamCollector } from './output-streams.ts'

/** Exit code reported for a command stopped at its deadline (as `timeout(1)` does). */
export const TIMED_OUT_EXIT_CODE = 124

export interface ExecOptions {
  timeoutMs?: number
  user?: string
  env?: Record<string, string>
  /** Bytes kept per stream; default 1 MiB. */
  outputCapBytes?: number
}

/**
 * Runs `cmd` in a running container and waits for it (default 10 s). A command still running at the
 * deadline is abandoned with exit code 124 and a note on stderr; output beyond the cap is dropped.
 */
export async function execCommand(
  container: Docker.Container,
  cmd: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const exec = await container.exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    ...(options.user ? { User: options.user } : {}),
    ...(options.env ? { Env: Object.entries(options.env).map(([k, v]) => `${k}=${v}`) } : {}),
  })
  const stream = await exec.start({ hijack: true, stdin: false })
  const output = new StreamCollector(options.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES)
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy()
      resolve(false)
    }, timeoutMs)
    const done = () => {
      clearTimeout(timer)
      resolve(true)
    }
    stream.on('data', (chunk: Buffer) => output.push(chunk))
    stream.on('end', done)
    stream.on('close', done)
    stream.on('error', done)
  })
  const { stdout, stderr } = output.result()
  if (!finished)
    return {
      exitCode: TIMED_OUT_EXIT_CODE,
      timedOut: true,
      stdout,
      stderr: `${stderr}${stderr && !stderr.endsWith('\n') ? '\n' : ''}(stopped waiting after ${formatSeconds(timeoutMs)})\n`,
    }
  let info = await exec.inspect()
  // the stream can end a moment before the engine records the exit code
  for (let i = 0; i < 20 && info.Running; i++) {
    await sleep(50)
    info = await exec.inspect()
  }
  return { exitCode: info.ExitCode ?? -1, stdout, stderr }
}

export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}
