import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'

const STARTER = new URL('./starter/', import.meta.url)
export const LAB_SCRIPTS = ['setup.sql', 'security.sql']
export const ROLE = 'reporting_reader'
export const USER = 'report_reader'
// The first apply may wait for SQL Server to start (live engine).
export const APPLY_TIMEOUT_MS = 180_000

const text = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .replaceAll('\r\n', '\n')
    .trimEnd()

export async function expectProvidedSetup(ctx: SqlCheckContext): Promise<void> {
  const copy = await readFile(join(ctx.submissionDir, 'setup.sql'), 'utf8').catch(() => undefined)
  if (copy === undefined || text(copy) !== text(await readFile(new URL('setup.sql', STARTER), 'utf8')))
    fail({
      expected: 'setup.sql as the lab provides it',
      found: copy === undefined ? 'no setup.sql' : 'a changed setup.sql',
      where: 'setup.sql',
      hint: 'put your work in security.sql only; copy setup.sql back from labs/sqlserver/least-privilege/starter/',
    })
}
