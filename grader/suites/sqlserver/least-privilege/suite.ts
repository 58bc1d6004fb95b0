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
  ],
  fixtures: [
    {
      id: 'grant-schema-dbo',
      title: 'SELECT granted on the whole dbo schema as well: the base tables are readable',
      fails: ['reader-denied-base-tables'],
      engines: ['live'],
      dir: 'fixtures/grant-schema-dbo',
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
