import {
  captureLogs,
  DEFAULT_LOG_CAP_BYTES,
  HARDENED_DEFAULTS,
  type Readiness,
  StartedLearnerContainer,
} from '@backend-labs/containers'
import type { ExecResult, RunningApp } from '@backend-labs/http-kit'
import type Docker from 'dockerode'
import { waitUntilReady } from './app-readiness.ts'
import { execCommand } from './exec-command.ts'

/** How the app answers, kept to wait for it again after a restart. */
export interface AppReadiness {
  port: number
  readiness: Readiness
  readyTimeoutMs: number
}

/** A started learner app, as checks see it. */
export class RunningAppHandle implements RunningApp {
  exited?: { exitCode: number; logs: string }

  constructor(
    private current: StartedLearnerContainer,
    private readonly ready: AppReadiness,
  ) {}

  get url(): string {
    return this.current.hostPort ? this.current.url : ''
  }

  /** The container's short id is its name on the run network (the relay reaches it the same way). */
  get networkUrl(): string {
    return `http://${this.current.container.id.slice(0, 12)}:${this.ready.port}`
  }

  get containerId(): string {
    return this.current.container.id
  }

  get container(): Docker.Container {
    return this.current.container
  }

  async logs(): Promise<string> {
    return (await this.current.logs()).lines.join('\n')
  }

  async stop(graceMs = 5000): Promise<{ durationMs: number; exitCode: number; killed: boolean }> {
    const result = await this.current.stop(graceMs)
    return { durationMs: result.durationMs, exitCode: result.exitCode, killed: result.failure !== undefined }
  }

  async restart(): Promise<void> {
    await this.current.container.restart({ t: 5 })
    const { port, readiness, readyTimeoutMs } = this.ready
    // the relay resolves the app by its alias per connection, so its host port survives a restart
    await waitUntilReady(this.current.container, port, this.current.hostPort, readiness, readyTimeoutMs)
    this.exited = undefined
  }

  async pause(): Promise<void> {
    await this.current.container.pause()
  }

  async unpause(): Promise<void> {
    await this.current.container.unpause()
  }

  async exitState(): Promise<{ exitCode: number; oomKilled: boolean; logs: string[] } | undefined> {
    const info = await this.current.container.inspect()
    if (info.State.Running || info.State.Restarting) return undefined
    return {
      exitCode: info.State.ExitCode,
      oomKilled: info.State.OOMKilled,
      logs: (await this.current.logs()).lines.slice(-30),
    }
  }

  async health(): Promise<string> {
    const info = await this.current.container.inspect()
    return info.State.Health?.Status ?? 'none'
  }

  exec(cmd: string[], options: { timeoutMs?: number } = {}): Promise<ExecResult> {
    return execCommand(this.current.container, cmd, options)
  }
}

export function learnerContainer(
  container: Docker.Container,
  port: number,
  hostPort: number,
): StartedLearnerContainer {
  return new StartedLearnerContainer(
    container,
    port,
    hostPort,
    DEFAULT_LOG_CAP_BYTES,
    HARDENED_DEFAULTS.logMaxBytes,
  )
}

/** The logs of a container that exited, as one string. */
export async function exitLogs(container: Docker.Container): Promise<string> {
  return (await captureLogs(container)).lines.join('\n')
}
