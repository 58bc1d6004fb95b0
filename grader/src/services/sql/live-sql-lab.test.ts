import { LiveEngine } from '@backend-labs/sql-kit/live'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SQL_SERVER_IMAGE, sqlDockerFacts } from './engine-selection.ts'
import { SubmissionSqlLab } from './submission-sql-lab.ts'
import { failureOf, SHOP_SCHEMA, submissionDir } from './test-scripts.ts'

const facts = await sqlDockerFacts()
const imagePresent = facts.reachable && facts.imagePresent

// A real SQL Server, never a fake; where the pinned image is missing these skip with this reason.
describe.skipIf(!imagePresent)(
  `ctx.sql under the live engine (skipped: image ${SQL_SERVER_IMAGE} not available locally)`,
  () => {
    let engine: LiveEngine
    const cleanups: (() => Promise<void>)[] = []
    beforeAll(async () => {
      process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true'
      process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost'
      engine = await LiveEngine.start({ image: SQL_SERVER_IMAGE })
    }, 240_000)
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c()
    })
    afterAll(async () => {
      await engine?.stop()
    })

    async function liveLab(files: Record<string, string>, batchTimeoutMs?: number) {
      const { dir, cleanup } = await submissionDir(files)
      const lab = new SubmissionSqlLab({
        engine: 'live',
        dir,
        liveEngine: async () => engine,
        ...(batchTimeoutMs ? { batchTimeoutMs } : {}),
      })
      cleanups.push(async () => {
        await lab.dispose()
        await cleanup()
      })
      return lab
    }

    const labDatabases = async () =>
      (
        await engine.server.adminPool
          .request()
          .query<{ n: number }>("SELECT COUNT(*) AS n FROM sys.databases WHERE name LIKE 'lab[_]%'")
      ).recordset[0]?.n

    it('runs the files once each, in order, and a longer list runs only the new file', async () => {
      const lab = await liveLab({
        'schema.sql': SHOP_SCHEMA,
        'load.sql': "INSERT INTO shop.Customers (Email) VALUES (N'a@x.test'), (N'b@x.test');",
      })
      expect(await lab.apply(['schema.sql'])).toEqual({ files: ['schema.sql'], batchCount: 2, notes: [] })
      const both = await lab.apply(['schema.sql', 'load.sql'])
      expect(both.batchCount).toBe(3)
      expect(await lab.query<{ n: number }>('SELECT COUNT(*) AS n FROM shop.Customers')).toEqual([{ n: 2 }])
      expect((await lab.model()).engine).toBe('live')
    })

    it("fails at file:line with SQL Server's number and message, and stops there", async () => {
      const lab = await liveLab({ 'schema.sql': `${SHOP_SCHEMA}GO\nCREATE TABLE shop.Customers (Id int);\n` })
      expect((await failureOf(lab.apply(['schema.sql']))).message).toBe(
        "schema.sql:13: expected your script to run without errors, but found SQL Server error 2714: There is already an object named 'Customers' in the database.",
      )
    })

    it('stops an endless loop at the batch timeout', async () => {
      const lab = await liveLab({ 'schema.sql': 'DECLARE @i int = 0;\nWHILE 1 = 1 SET @i = @i + 1;' }, 2_000)
      expect((await failureOf(lab.apply(['schema.sql']))).message).toBe(
        'schema.sql:1: expected your script to run without errors, but found this batch did not finish within 2 s and was stopped: look for an endless WHILE loop or a query that waits',
      )
    }, 30_000)

    it('probes as the learner and rolls back; exec, rerun and showplan work on the same database', async () => {
      const lab = await liveLab({
        'schema.sql': SHOP_SCHEMA,
        'seed.sql': "INSERT INTO shop.Customers (Email) VALUES (N'c@x.test');",
      })
      await lab.apply(['schema.sql'])
      const probe = await lab.probe('INSERT INTO shop.Orders (CustomerId, Total) VALUES (-1, 5)')
      expect(probe).toMatchObject({ status: 'rejected', errorNumber: 547 })
      await lab.exec("INSERT INTO shop.Customers (Email) VALUES (N'owner@x.test')")
      expect((await lab.rerun('seed.sql')).batchCount).toBe(1)
      expect(await lab.query('SELECT Email FROM shop.Customers ORDER BY Email')).toEqual([
        { Email: 'c@x.test' },
        { Email: 'owner@x.test' },
      ])
      expect(await lab.showplan("SELECT * FROM shop.Customers WHERE Email = N'c@x.test'")).toMatch(
        /^<ShowPlanXML /,
      )
      expect(await lab.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }])
    })

    it('drops the submission database on dispose (the server stays)', async () => {
      const before = await labDatabases()
      const lab = await liveLab({ 'schema.sql': SHOP_SCHEMA })
      await lab.apply(['schema.sql'])
      expect(await labDatabases()).toBe((before ?? 0) + 1)
      await lab.dispose()
      expect(await labDatabases()).toBe(before)
    })
  },
)
