import { randomBytes } from 'node:crypto'
import type sql from 'mssql'
import { openPool } from './connect.ts'
import { type MssqlServer, strongPassword } from './mssql-server.ts'

export interface SandboxOptions {
  /** Per-batch timeout for learner SQL. */
  batchTimeoutMs?: number
}

// Server-wide rights a learner login must never use, denied explicitly on top of having no roles.
const DENIED = [
  'SHUTDOWN',
  'ALTER ANY LOGIN',
  'ALTER ANY DATABASE',
  'CREATE ANY DATABASE',
  'ALTER SETTINGS',
  'ALTER SERVER STATE',
  'VIEW SERVER STATE',
  'VIEW ANY DATABASE',
  'ALTER ANY LINKED SERVER',
  'EXTERNAL ACCESS ASSEMBLY',
  'UNSAFE ASSEMBLY',
]

/**
 * A fresh database with a random name and a login that owns only it (db_owner, no server role).
 * Learner SQL runs through `learnerPool`; `adminPool` (SA, in the same database) reads the catalog.
 */
export class Sandbox {
  private constructor(
    private readonly server: MssqlServer,
    readonly database: string,
    readonly login: string,
    readonly learnerPool: sql.ConnectionPool,
    readonly adminPool: sql.ConnectionPool,
  ) {}

  static async create(server: MssqlServer, options: SandboxOptions = {}): Promise<Sandbox> {
    const id = randomBytes(6).toString('hex')
    const database = `lab_${id}`
    const login = `learner_${id}`
    const password = strongPassword()
    const admin = server.adminPool
    await admin.request().batch(`CREATE DATABASE ${q(database)}`)
    try {
      await admin
        .request()
        .batch(
          `CREATE LOGIN ${q(login)} WITH PASSWORD = N'${password}', DEFAULT_DATABASE = ${q(database)}, CHECK_POLICY = OFF;\n` +
            DENIED.map((p) => `DENY ${p} TO ${q(login)};`).join('\n'),
        )
      await admin
        .request()
        .batch(
          `USE ${q(database)};\nCREATE USER ${q(login)} FOR LOGIN ${q(login)} WITH DEFAULT_SCHEMA = dbo;\nALTER ROLE db_owner ADD MEMBER ${q(login)};\nUSE master;`,
        )
      const timeout = { requestTimeoutMs: options.batchTimeoutMs ?? 10_000 }
      const learnerPool = await openPool(server.address, { user: login, password, database }, timeout)
      const adminPool = await openPool(
        server.address,
        { ...server.admin, database },
        { requestTimeoutMs: 60_000 },
      )
      return new Sandbox(server, database, login, learnerPool, adminPool)
    } catch (error) {
      await dropSandbox(admin, database, login)
      throw error
    }
  }

  /** Drops the database (kicking out any session first) and the login. */
  async dispose(): Promise<void> {
    await this.learnerPool.close().catch(() => {})
    await this.adminPool.close().catch(() => {})
    await dropSandbox(this.server.adminPool, this.database, this.login)
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }
}

async function dropSandbox(admin: sql.ConnectionPool, database: string, login: string): Promise<void> {
  await admin
    .request()
    .batch(
      `IF DB_ID(N'${database}') IS NOT NULL BEGIN\n` +
        `  ALTER DATABASE ${q(database)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\n` +
        `  DROP DATABASE ${q(database)};\nEND\n` +
        `IF SUSER_ID(N'${login}') IS NOT NULL DROP LOGIN ${q(login)};`,
    )
}

/** Brackets a generated name (ours only: hex ids). */
function q(name: string): string {
  return `[${name.replaceAll(']', ']]')}]`
}
