import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'

export interface RunProcessOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Kill the process (and fail) after this long. */
  timeoutMs: number
  /** Write stdout to this file instead of collecting it. */
  stdoutFile?: string
  /** Resolve stdout even when the command exits non-zero (it still fails on a timeout). */
  allowFailure?: boolean
}

/** A command that exited non-zero, timed out or could not start; `stderrTail` is its last output. */
export class ProcessFailure extends Error {
  override readonly name = 'ProcessFailure'
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
    why: string,
  ) {
    super(`${command} ${why}${stderrTail ? `: ${stderrTail}` : ''}`)
  }
}

const TAIL_CHARS = 2000

/** Runs a command without a shell and resolves its stdout; bounded by `timeoutMs`. */
export function runProcess(command: string, args: string[], options: RunProcessOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const name = [command, ...args.slice(0, 2)].join(' ')
    let stdout = ''
    let stderr = ''
    if (options.stdoutFile) child.stdout.pipe(createWriteStream(options.stdoutFile))
    else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-TAIL_CHARS)
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new ProcessFailure(name, null, '', `could not start (${error.message})`))
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      const tail = stderr.trim().split('\n').slice(-5).join('\n')
      if (timedOut) reject(new ProcessFailure(name, code, tail, `timed out after ${options.timeoutMs} ms`))
      else if (code !== 0 && !options.allowFailure)
        reject(new ProcessFailure(name, code, tail, `exited with ${code}`))
      else resolve(stdout)
    })
  })
}
