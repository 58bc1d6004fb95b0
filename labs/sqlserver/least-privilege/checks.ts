import { defineChecks, fail } from '@backend-labs/lab-kit'
import { type SqlCheckContext, sameName } from '@backend-labs/sql-kit'
import { APPLY_TIMEOUT_MS, expectProvidedSetup, LAB_SCRIPTS, ROLE, USER } from './lab-scripts.ts'

/**
 * Under the live engine these checks ask the catalog, the authority; under the static engine they read
 * the permissions model the parser derives from the statements (CREATE ROLE, ALTER ROLE … ADD MEMBER,
 * sp_addrolemember), guards and all.
 */
async function roleExists(ctx: SqlCheckContext): Promise<boolean> {
  if (ctx.sql.engine === 'live') {
    const rows = await ctx.sql.query(
      `SELECT 1 AS x FROM sys.database_principals WHERE name = N'${ROLE}' AND type = 'R'`,
    )
    return rows.length > 0
  }
  const model = await ctx.sql.model()
  return (model.permissions?.roles ?? []).some((r) => sameName(r.name, ROLE))
}

async function userInRole(ctx: SqlCheckContext): Promise<boolean> {
  if (ctx.sql.engine === 'live') {
    const rows = await ctx.sql.query(`
SELECT 1 AS x FROM sys.database_role_members AS m
JOIN sys.database_principals AS r ON r.principal_id = m.role_principal_id
JOIN sys.database_principals AS u ON u.principal_id = m.member_principal_id
WHERE r.name = N'${ROLE}' AND u.name = N'${USER}'`)
    return rows.length > 0
  }
  const model = await ctx.sql.model()
  return (model.permissions?.memberships ?? []).some(
    (m) => sameName(m.role, ROLE) && sameName(m.member, USER),
  )
}

export default defineChecks<SqlCheckContext>('public', [
  {
    id: 'security-runs',
    title: 'security.sql runs without errors after the provided setup.sql',
    points: 1,
    timeoutMs: APPLY_TIMEOUT_MS,
    hints: ['Run setup.sql and then security.sql on your own SQL Server to see the same error.'],
    async run(ctx) {
      await expectProvidedSetup(ctx)
      await ctx.sql.apply(LAB_SCRIPTS)
    },
  },
  {
    id: 'role-created',
    title: `A database role named ${ROLE} exists`,
    points: 1,
    needs: ['security-runs'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      await ctx.sql.apply(LAB_SCRIPTS)
      if (!(await roleExists(ctx)))
        fail({
          expected: `a database role ${ROLE}`,
          found: 'no such role',
          where: 'security.sql',
          hint: `CREATE ROLE ${ROLE};: grant rights to the role, never to the user directly`,
        })
    },
  },
  {
    id: 'reader-in-role',
    title: `The user ${USER} is a member of ${ROLE}`,
    points: 1,
    needs: ['security-runs'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      await ctx.sql.apply(LAB_SCRIPTS)
      if (!(await userInRole(ctx)))
        fail({
          expected: `${USER} to be a member of the role ${ROLE}`,
          found: 'it is not a member',
          where: 'security.sql',
          hint: `ALTER ROLE ${ROLE} ADD MEMBER ${USER};`,
        })
    },
  },
])
