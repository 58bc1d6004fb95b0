import { IMAGE_CATALOG } from '@backend-labs/containers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareModels } from '../compare-models.ts'
import { detectDockerFacts } from '../docker-facts.ts'
import { analyzeScripts } from '../static/static-engine.ts'
import { SMALL_SCHEMA_SQL } from './catalog-fixture.ts'
import { LiveEngine } from './live-engine.ts'
import { formatScriptError } from './run-script.ts'

const image = IMAGE_CATALOG.mssql.ref
const facts = await detectDockerFacts(image)
const imagePresent = facts.reachable && facts.imagePresent

// These run the real engine against a real SQL Server; where the image is missing they are skipped
// (with this reason in the report), never faked.
describe.skipIf(!imagePresent)(`live engine (skipped: image ${image} not available locally)`, () => {
  let engine: LiveEngine
  beforeAll(async () => {
    engine = await LiveEngine.start({ image })
  }, 180_000)
  afterAll(async () => {
    await engine?.stop()
  })

  const submit = (text: string, options = {}) => engine.submit([{ file: 'schema.sql', text }], options)

  it('runs a schema as the learner and reads the same model as the static engine', async () => {
    await using submission = await submit(SMALL_SCHEMA_SQL)
    expect(submission.run.errors).toEqual([])
    const staticModel = analyzeScripts([{ file: 'schema.sql', text: SMALL_SCHEMA_SQL }]).model
    expect(compareModels(staticModel, await submission.model())).toEqual([])
  })

  it('maps a server error to file:line with its number and stops there', async () => {
    await using submission = await submit(
      'CREATE TABLE dbo.A (Id int)\nGO\n\nCREATE TABLE dbo.B (\n  Id int,\n  Name nvarchar(10) NOT NUL\n)\nGO\nCREATE TABLE dbo.C (Id int)',
    )
    expect(submission.run.errors.map(formatScriptError)).toEqual([
      "schema.sql:6: SQL Server error 102: Incorrect syntax near 'NUL'.",
    ])
    expect((await submission.model()).tables.map((t) => t.name)).toEqual(['A'])
  })

  it('denies what reaches outside the database, and reports a USE plainly', async () => {
    for (const [sql, number] of [
      ['DROP DATABASE master', 3701],
      ['SHUTDOWN', undefined],
      ["ALTER LOGIN sa WITH PASSWORD = 'Xx-123456789!'", 15151],
    ] as const) {
      await using submission = await submit(sql)
      const error = submission.run.errors[0]
      expect(error?.message).toMatch(/permission/i)
      if (number !== undefined) expect(error?.number).toBe(number)
    }
    await using moved = await submit('USE master\nGO\nSELECT 1')
    expect(moved.run.errors.map((e) => e.message)).toEqual([
      'this batch switched to the database "master" (USE): the grader runs your script in a database of its own; remove the USE statement',
    ])
  })

  it('stops an endless loop at the batch timeout', async () => {
    await using submission = await submit('WHILE 1 = 1 SET NOCOUNT ON', { batchTimeoutMs: 2000 })
    expect(submission.run.errors.map(formatScriptError)).toEqual([
      'schema.sql:1: this batch did not finish within 2 s and was stopped: look for an endless WHILE loop or a query that waits',
    ])
  }, 30_000)

  it('caps a huge result set', async () => {
    await using submission = await submit(
      'SELECT a.object_id FROM sys.all_objects a CROSS JOIN sys.all_objects b',
      { maxRows: 50 },
    )
    expect(submission.run.errors).toEqual([])
    const { outcome } = submission.run.outcomes[0]!
    expect(outcome.truncated).toBe(true)
    expect(outcome.resultSets[0]).toHaveLength(50)
  }, 30_000)

  it('reports only the outcome of a probe, and rolls it back', async () => {
    await using submission = await submit(SMALL_SCHEMA_SQL)
    const rejected = await submission.probe("INSERT INTO sales.Orders (Status, Total) VALUES (N'new', -1)")
    expect(rejected).toMatchObject({ status: 'rejected', errorNumber: 547, timedOut: false })
    expect(JSON.stringify(rejected)).not.toMatch(/lab_[0-9a-f]{12}/)
    expect(
      await submission.probe("INSERT INTO sales.Orders (Status, Total) VALUES ('new', 1)"),
    ).toMatchObject({ status: 'accepted', rowsAffected: 1 })
    expect(await submission.probe('SELECT COUNT(*) AS n FROM sales.Orders')).toMatchObject({
      status: 'accepted',
      rows: [{ n: 0 }],
    })
  })

  it('drops the database and the login afterwards', async () => {
    const submission = await submit('CREATE TABLE dbo.T (Id int)')
    await submission.dispose()
    const left = await engine.server.adminPool
      .request()
      .query(
        "SELECT name FROM sys.databases WHERE name LIKE 'lab[_]%' UNION ALL SELECT name FROM sys.server_principals WHERE name LIKE 'learner[_]%'",
      )
    expect(left.recordset).toEqual([])
  })
})
