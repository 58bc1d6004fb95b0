import type { SqlLab } from '@backend-labs/sql-kit'
import { afterEach, describe, expect, it } from 'vitest'
import type { Lab } from '../engine/lab.ts'
import type { StagedSubmission } from '../engine/stage.ts'
import { serviceProvider } from './service-registry.ts'
import { SQL_SERVER_IMAGE, sqlDockerFacts } from './sql/engine-selection.ts'
import { SHOP_SCHEMA, submissionDir } from './sql/test-scripts.ts'

const lab = { id: 'sqlserver/test', track: 'sqlserver', slug: 'test', dir: '.' } as unknown as Lab
const facts = await sqlDockerFacts()
const liveCanRun = facts.reachable && facts.imagePresent
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function staged(files: Record<string, string>): Promise<StagedSubmission> {
  const { dir, cleanup } = await submissionDir(files)
  cleanups.push(cleanup)
  return { dir, origin: 'test', notices: [], dispose: cleanup }
}

describe('the sql service', () => {
  it('is registered, and --engine static gives a static ctx.sql with the banner', async () => {
    const provider = await serviceProvider('sql')
    expect(provider.name).toBe('sql')
    const instance = await provider.create(lab, await staged({ 'schema.sql': SHOP_SCHEMA }), {
      engine: 'static',
    })
    cleanups.push(() => instance.dispose())
    expect(instance.engine).toBe('static')
    expect(instance.notices).toEqual([
      '--engine static: grading with the static engine; behavioural checks are skipped',
    ])
    const sql = instance.context.sql as SqlLab
    expect(sql.engine).toBe('static')
    await sql.apply(['schema.sql'])
    expect((await sql.model()).tables).toHaveLength(2)
  })

  it.skipIf(liveCanRun)(
    `without forcing, grades statically here with a banner naming ${SQL_SERVER_IMAGE}`,
    async () => {
      const instance = await (await serviceProvider('sql')).create(
        lab,
        await staged({ 'schema.sql': SHOP_SCHEMA }),
        {},
      )
      cleanups.push(() => instance.dispose())
      expect(instance.engine).toBe('static')
      expect(instance.notices?.[0]).toMatch(
        /: grading with the static engine; behavioural checks are skipped$/,
      )
      if (facts.reachable)
        expect(instance.notices).toEqual([
          `SQL Server image ${SQL_SERVER_IMAGE} is not available offline: grading with the static engine; behavioural checks are skipped`,
        ])
    },
  )

  it.skipIf(liveCanRun)('refuses --engine live here with exit code 3, before any check runs', async () => {
    const provider = await serviceProvider('sql')
    await expect(provider.create(lab, await staged({}), { engine: 'live' })).rejects.toMatchObject({
      exitCode: 3,
      hint: 'grade with --engine static, or fix the cause above',
    })
  })
})
