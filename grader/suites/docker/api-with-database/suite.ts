import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { patchFile } from '../rest-contract/fixture-patch.ts'
import { resilienceChecks } from './resilience-checks.ts'

export default defineSuite<ApiCheckContext>({
  checks: resilienceChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'wait-then-listen',
      title: 'PG* variables instead of DATABASE_URL, and listening only once the database answers',
      dir: 'alternatives/wait-then-listen',
    },
  ],
  fixtures: [
    {
      id: 'localhost-host',
      title: 'the connection string is hard-coded to localhost',
      fails: ['health-endpoint'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'createPool({ connectionString,',
        "createPool({ connectionString: 'postgres://app:app@localhost:5432/app',",
      ),
    },
    {
      id: 'no-retry',
      title: 'the app exits when the first connection fails',
      fails: ['waits-for-database'],
      dir: 'solution',
      apply: patchFile('src/database.ts', 'await sleep(delayMs)', 'process.exit(1)'),
    },
    {
      id: 'no-pool-error-listener',
      title: "no 'error' listener on the pool: the app crashes when the database restarts",
      fails: ['survives-db-restart'],
      dir: 'solution',
      apply: patchFile(
        'src/database.ts',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the solution's source text, matched as written
        "pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`))",
        '',
      ),
    },
    {
      id: 'in-memory',
      title: 'notes are kept in memory, so a restart loses them',
      fails: ['survives-app-restart'],
      dir: 'fixtures/in-memory',
    },
  ],
})
