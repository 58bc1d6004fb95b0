import { randomBytes } from 'node:crypto'
import { MSSQLServerContainer, type StartedMSSQLServerContainer } from '@testcontainers/mssqlserver'
import type sql from 'mssql'
import type { Credentials, ServerAddress } from './connect.ts'
import { waitUntilReady } from './wait-until-ready.ts'

export interface MssqlServerOptions {
  /** The pinned image reference (IMAGE_CATALOG.mssql.ref). */
  image: string
  /** SQL Server refuses to start with less than 2 GiB. */
  memoryBytes?: number
  /** How long the server may take to accept a real login. */
  readyTimeoutMs?: number
  /** The run's labels (`runLabels(runId)` from @backend-labs/containers), so a sweep finds a leftover. */
  labels?: Record<string, string>
}

/** A running server's address and admin login, as a process that attaches to it needs them. */
export interface ServerEndpoint extends ServerAddress {
  user: string
  password: string
}

const GIB = 1024 ** 3

/** One SQL Server for a whole grading process; every submission gets its own database on it. */
export class MssqlServer {
  private constructor(
    /** Undefined for a server this process attached to ({@link attach}): its starter stops it. */
    private readonly container: StartedMSSQLServerContainer | undefined,
    readonly address: ServerAddress,
    readonly admin: Credentials,
    /** A connection as SA to master: only the grader uses it, never learner SQL. */
    readonly adminPool: sql.ConnectionPool,
  ) {}

  static async start(options: MssqlServerOptions): Promise<MssqlServer> {
    const password = strongPassword()
    const memoryBytes = Math.max(options.memoryBytes ?? 2 * GIB, 2 * GIB)
    const container = await new MSSQLServerContainer(options.image)
      .acceptLicense()
      .withPassword(password)
      .withResourcesQuota({ memory: memoryBytes / GIB })
      .withLabels(options.labels ?? {})
      .start()
    const address = { host: container.getHost(), port: container.getPort() }
    const admin = { user: container.getUsername(), password }
    try {
      const adminPool = await waitUntilReady(address, admin, { timeoutMs: options.readyTimeoutMs ?? 120_000 })
      return new MssqlServer(container, address, admin, adminPool)
    } catch (error) {
      await container.stop().catch(() => {})
      throw error
    }
  }

  /**
   * A server that another process started and owns (a batch's parent process, for its workers):
   * connects as its admin, waiting for it as `start` does; `stop()` only closes this connection.
   */
  static async attach(
    endpoint: ServerEndpoint,
    options: { readyTimeoutMs?: number } = {},
  ): Promise<MssqlServer> {
    const address = { host: endpoint.host, port: endpoint.port }
    const admin = { user: endpoint.user, password: endpoint.password }
    const adminPool = await waitUntilReady(address, admin, { timeoutMs: options.readyTimeoutMs ?? 120_000 })
    return new MssqlServer(undefined, address, admin, adminPool)
  }

  /** Where another process attaches to this server, and as whom: a secret for the grader's own processes. */
  get endpoint(): ServerEndpoint {
    return { ...this.address, ...this.admin }
  }

  async stop(): Promise<void> {
    await this.adminPool.close().catch(() => {})
    await this.container?.stop()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }
}

/** A password that meets SQL Server's policy (upper, lower, digit, symbol; 8+ characters). */
export function strongPassword(): string {
  return `Lb-${randomBytes(18).toString('base64url')}9a!Z`
}
