import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..', '..', '..')
const labsBin = join(root, 'grader', 'bin', 'labs.js')

export interface DashboardProcess {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts `labs dashboard …` (the built CLI) and resolves once it prints its address. */
export function startDashboardProcess(
  args: string[],
  env: Record<string, string>,
): Promise<DashboardProcess> {
  const child = spawn(process.execPath, [labsBin, 'dashboard', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (c) => {
      err += c
    })
    child.stdout!.on('data', (c) => {
      out += c
      const url = /Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1]
      if (url) resolve({ url, child, stop })
    })
    child.once('exit', (code) => reject(new Error(`labs dashboard exited (${code}) before serving: ${err}`)))
  })
}
