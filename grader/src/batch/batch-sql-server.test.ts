import { EnvironmentError } from '@backend-labs/lab-kit'
import { LiveEngine } from '@backend-labs/sql-kit/live'
import { describe, expect, it } from 'vitest'
import { SQL_SERVER_IMAGE, sqlDockerFacts } from '../services/sql/engine-selection.ts'
import {
  SHARED_SQL_SERVER_ENV,
  sharedServerEnv,
  sharedServerFromEnv,
} from '../services/sql/shared-server-env.ts'
import { batchSqlServerEnv } from './batch-sql-server.ts'

describe("a batch's one SQL Server", () => {
  it('hands its endpoint to workers through the environment, and reads it back', () => {
    const endpoint = { host: 'localhost', port: 41433, user: 'sa', password: 'Lb-x9a!Z' }
    expect(sharedServerFromEnv(sharedServerEnv(endpoint))).toEqual(endpoint)
    expect(sharedServerFromEnv({})).toBeUndefined()
  })

  it('refuses a malformed endpoint as an environment error naming the variable', () => {
    for (const raw of ['{', '{"host":"h","port":"1433","user":"sa","password":"p"}', '[]']) {
      const read = () => sharedServerFromEnv({ [SHARED_SQL_SERVER_ENV]: raw })
      expect(read).toThrow(EnvironmentError)
      expect(read).toThrow(SHARED_SQL_SERVER_ENV)
    }
  })

  it('starts nothing under the static engine', async () => {
    expect(await batchSqlServerEnv('static')).toBeUndefined()
  })
})

const facts = await sqlDockerFacts()
// A real SQL Server, never a fake; where the pinned image is missing this skips with this reason.
describe.skipIf(!(facts.reachable && facts.imagePresent))(
  `a batch's SQL Server under the live engine (skipped: image ${SQL_SERVER_IMAGE} not available locally)`,
  () => {
    it('is started once; a worker attaches to it and gets a database of its own', async () => {
      process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true'
      process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost'
      const env = await batchSqlServerEnv('live')
      const endpoint = sharedServerFromEnv(env)
      expect(endpoint).toBeDefined()
      const worker = await LiveEngine.attach(endpoint!)
      try {
        const a = await worker.submit([{ file: 'a.sql', text: 'CREATE TABLE dbo.T (Id int PRIMARY KEY)' }])
        const b = await worker.submit([{ file: 'b.sql', text: 'SELECT 1' }])
        expect(a.run.errors).toEqual([])
        // each its own database: b does not see a's table
        expect((await a.model()).tables.map((t) => t.name)).toEqual(['T'])
        expect((await b.model()).tables).toEqual([])
        await a.dispose()
        await b.dispose()
      } finally {
        await worker.stop()
      }
    }, 300_000)
  },
)
