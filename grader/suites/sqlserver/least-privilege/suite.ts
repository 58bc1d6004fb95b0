import { defineSuite } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { permissionChecks } from './permission-checks.ts'

export default defineSuite<SqlCheckContext>({
  checks: permissionChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'per-view-grants-and-deny',
      title: 'GRANT on each view, an explicit DENY on dbo, bracketed names and sp_addrolemember',
      dir: 'alternatives/per-view-grants-and-deny',
    },
    {
      id: 'guarded-re-runnable',
      title:
        'a re-runnable script: IF NOT EXISTS (SELECT 1 FROM sys.database_principals …) CREATE ROLE and a DATABASE_PRINCIPAL_ID guard',
      dir: 'alternatives/guarded-re-runnable',
    },
  ],
  fixtures: [
    {
      id: 'grant-schema-dbo',
      title: 'SELECT granted on the whole dbo schema as well: the base tables are readable',
      fails: ['reader-denied-base-tables'],
      dir: 'fixtures/grant-schema-dbo',
    },
    {
      id: 'datareader-member',
      title: 'the user is also added to db_datareader: every table is readable',
      fails: ['reader-denied-base-tables'],
      dir: 'fixtures/datareader-member',
    },
    {
      id: 'grant-on-tables-only',
      title: 'SELECT granted on the tables instead of the views',
      fails: ['reader-can-read-views', 'reader-denied-base-tables'],
      dir: 'fixtures/grant-on-tables-only',
    },
    {
      id: 'revoked-again',
      title: 'the schema grant is revoked at the end of the script',
      fails: ['reader-can-read-views'],
      dir: 'fixtures/revoked-again',
    },
    {
      id: 'role-missing',
      title: 'no role: SELECT granted to the user directly',
      fails: ['role-created', 'reader-in-role'],
      dir: 'fixtures/role-missing',
    },
    {
      id: 'user-not-in-role',
      title: 'the role has its grant, but report_reader is never added to it',
      fails: ['reader-in-role'],
      dir: 'fixtures/user-not-in-role',
    },
    {
      id: 'forbidden-statements',
      title: 'DROP DATABASE and SHUTDOWN in the script',
      fails: ['security-runs'],
      dir: 'fixtures/forbidden-statements',
    },
  ],
})
