import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SubmissionSqlLab } from './submission-sql-lab.ts'
import { failureOf, SHOP_SCHEMA, submissionDir } from './test-scripts.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function staticLab(files: Record<string, string>) {
  const { dir, cleanup } = await submissionDir(files)
  cleanups.push(cleanup)
  return { dir, lab: new SubmissionSqlLab({ engine: 'static', dir }) }
}

describe('ctx.sql under the static engine', () => {
  it('reads the scripts into the model, and notes what it does not run', async () => {
    const { lab } = await staticLab({
      'schema.sql': SHOP_SCHEMA,
      'load.sql':
        "INSERT INTO shop.Customers (Email) VALUES (N'a@x.test');\nINSERT INTO shop.Customers (Email) VALUES (N'b@x.test');\n",
    })
    const applied = await lab.apply(['schema.sql', 'load.sql'])
    expect(applied).toEqual({
      files: ['schema.sql', 'load.sql'],
      batchCount: 3,
      notes: ['load.sql: INSERT statements are not run by the static engine (2 statements, from line 1)'],
    })
    const model = await lab.model()
    expect(model.engine).toBe('static')
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['shop.Customers', 'shop.Orders'])
  })

  it('memoises apply: the same files give the same outcome, even if a file changes afterwards', async () => {
    const { dir, lab } = await staticLab({ 'schema.sql': SHOP_SCHEMA })
    const first = lab.apply(['schema.sql'])
    expect(lab.apply(['schema.sql'])).toBe(first)
    await first
    await writeFile(join(dir, 'schema.sql'), 'CREATE TABLE dbo.Other (Id int)')
    expect(await lab.apply(['schema.sql'])).toBe(await first)
    expect((await lab.model()).tables).toHaveLength(2)
  })

  it('fails fast at file:line on a syntax error, and every later call sees the same failure', async () => {
    const { lab } = await staticLab({
      'schema.sql': 'CREATE TABLE dbo.T (\n  Id int NOT NULL,\n  Name nvarchar(50) NOT NUL\n)\n',
    })
    const started = performance.now()
    const failure = await failureOf(lab.apply(['schema.sql']))
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(failure.message).toMatch(/^schema\.sql:3: expected your script to run without errors, but found /)
    expect(await failureOf(lab.apply(['schema.sql']))).toEqual(failure)
    expect(await failureOf(lab.model())).toEqual(failure)
  })

  it('says plainly that an empty script is empty and what goes there', async () => {
    const { lab } = await staticLab({
      'schema.sql': '-- Write your CREATE TABLE statements here.\n\n/* nothing yet */\n',
    })
    expect(await failureOf(lab.apply(['schema.sql']))).toEqual({
      message:
        'schema.sql:1: expected CREATE TABLE statements in schema.sql, but found an empty script (nothing but comments and blank lines)',
      hint: 'schema.sql is empty: write your CREATE TABLE statements there',
    })
    const { lab: load } = await staticLab({ 'schema.sql': SHOP_SCHEMA, 'load.sql': '' })
    expect((await failureOf(load.apply(['schema.sql', 'load.sql']))).hint).toBe(
      'load.sql is empty: write your INSERT statements there',
    )
  })

  it('flags a statement that reaches outside the database at its line', async () => {
    const { lab } = await staticLab({
      'schema.sql': `${SHOP_SCHEMA}GO\nALTER LOGIN sa WITH PASSWORD = 'x'\n`,
    })
    expect((await failureOf(lab.apply(['schema.sql']))).message).toBe(
      'schema.sql:13: expected your script to run without errors, but found "ALTER LOGIN" is not allowed in a lab script: the grader runs your script in a database of its own, with no server-level rights; remove this statement',
    )
  })

  it('names a missing file and what the lab runs', async () => {
    const { lab } = await staticLab({ 'schema.sql': SHOP_SCHEMA })
    expect(await failureOf(lab.apply(['schema.sql', 'load.sql']))).toEqual({
      message:
        'expected a file load.sql in your submission (this lab runs schema.sql, then load.sql), but found no load.sql',
      hint: 'create load.sql in your workspace; if you renamed it, give it its name back',
    })
  })

  it('reads a UTF-16 script saved by SSMS', async () => {
    const { dir, lab } = await staticLab({})
    await writeFile(
      join(dir, 'schema.sql'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SHOP_SCHEMA, 'utf16le')]),
    )
    await lab.apply(['schema.sql'])
    expect((await lab.model()).tables).toHaveLength(2)
  })

  it('refuses live-only methods with a message for the lab author', async () => {
    const { lab } = await staticLab({ 'schema.sql': SHOP_SCHEMA })
    await lab.apply(['schema.sql'])
    await expect(lab.probe('DELETE FROM shop.Customers')).rejects.toThrow(
      "ctx.sql.probe() needs the live engine, but this grade uses the static engine: declare engines: ['live'] on the check that calls it",
    )
    for (const call of [
      () => lab.query('SELECT 1'),
      () => lab.exec('SELECT 1'),
      () => lab.rerun('schema.sql'),
      () => lab.showplan('SELECT 1'),
    ])
      await expect(call()).rejects.toThrow(/needs the live engine/)
  })

  it('asks the author to apply before reading the model', async () => {
    const { lab } = await staticLab({ 'schema.sql': SHOP_SCHEMA })
    await expect(lab.model()).rejects.toThrow('call ctx.sql.apply(files) before ctx.sql.model()')
  })
})
