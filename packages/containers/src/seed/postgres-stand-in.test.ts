import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { IMAGE_CATALOG } from '../image-catalog.ts'
import {
  describeWithStandIn,
  docker,
  publishedPort,
  removeLabelled,
  TEST_LABEL,
} from './docker-test-support.ts'
import { runProcess } from './run-process.ts'
import { seedImages } from './seed-images.ts'

const REF = IMAGE_CATALOG.postgres.ref
const LABEL = ['--label', `${TEST_LABEL}=seed-postgres`]
const NAME = `labs-seed-pg-${process.pid}`
const NAME_AGAIN = `labs-seed-pg-again-${process.pid}`
const VOLUME = `labs-seed-pg-data-${process.pid}`
const HAS_PSQL = spawnSync('psql', ['--version']).status === 0

/** Runs SQL through the host's psql, retrying until the server accepts logins (or `timeoutMs`). */
async function psql(port: number, sql: string, password = 'lab-secret', timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await runProcess(
        'psql',
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'lab',
          '-d',
          'shop',
          '-XtAq',
          '-v',
          'ON_ERROR_STOP=1',
          '-c',
          sql,
        ],
        { timeoutMs: 15_000, env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' } },
      )
    } catch (error) {
      const starting = /starting up|Connection refused|server closed|shutting down|no response/i.test(
        String(error),
      )
      if (!starting || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
  }
}

describeWithStandIn(`${REF} stand-in (real Docker)`, REF, () => {
  beforeAll(async () => {
    const [result] = await seedImages({ only: ['postgres'] })
    expect(result?.outcome, result?.detail).toMatch(/^(seeded|present)$/)
  }, 600_000)

  afterAll(() => removeLabelled('seed-postgres'), 120_000)

  it.skipIf(!HAS_PSQL)(
    'keeps data in its volume for the next container (host psql, port on 127.0.0.1)',
    async () => {
      await docker(['volume', 'create', ...LABEL, VOLUME])
      await docker([
        'run',
        '-d',
        '--name',
        NAME,
        ...LABEL,
        '-p',
        '127.0.0.1::5432',
        '-e',
        'POSTGRES_PASSWORD=lab-secret',
        '-e',
        'POSTGRES_USER=lab',
        '-e',
        'POSTGRES_DB=shop',
        '-v',
        `${VOLUME}:/var/lib/postgresql/data`,
        REF,
      ])
      let port = await publishedPort(NAME, 5432)
      await psql(
        port,
        'CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders VALUES (42, $$tea$$);',
      )
      expect(await docker(['logs', NAME])).toContain('database system is ready to accept connections')

      // A new container on the same volume: no password given, so it must find the data, not initialise.
      await docker(['rm', '-f', NAME])
      await docker([
        'run',
        '-d',
        '--name',
        NAME_AGAIN,
        ...LABEL,
        '-p',
        '127.0.0.1::5432',
        '-v',
        `${VOLUME}:/var/lib/postgresql/data`,
        REF,
      ])
      port = await publishedPort(NAME_AGAIN, 5432)
      expect(await psql(port, 'SELECT id, item FROM orders')).toBe('42|tea\n')
      expect(await psql(port, 'SELECT current_user, current_database()')).toBe('lab|shop\n')
      await expect(psql(port, 'SELECT 1', 'wrong-password')).rejects.toThrow(/password authentication failed/)
      expect(await docker(['logs', NAME_AGAIN])).not.toContain('PostgreSQL init process complete')
    },
    180_000,
  )

  it('carries exactly the pinned postgresql package', async () => {
    const pin = IMAGE_CATALOG.postgres.pins.debian['postgresql-15']
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query format
    const format = '${Version}'
    const out = await docker([
      'run',
      '--rm',
      ...LABEL,
      '--network',
      'none',
      '--entrypoint',
      'dpkg-query',
      REF,
      '-W',
      `-f=${format}`,
      'postgresql-15',
    ])
    expect(out).toBe(pin)
  }, 60_000)

  it('refuses to initialise without POSTGRES_PASSWORD, saying what to set', async () => {
    const out = await docker(['run', '--rm', ...LABEL, '--network', 'none', REF]).catch(
      (e: Error) => e.message,
    )
    expect(out).toContain('You must specify POSTGRES_PASSWORD to a non-empty value')
  }, 60_000)

  it('runs postgres as user postgres (uid 999) with its data in /var/lib/postgresql/data', async () => {
    const out = await docker([
      'run',
      '--rm',
      ...LABEL,
      '--network',
      'none',
      '--entrypoint',
      'sh',
      REF,
      '-c',
      'id -u postgres; echo "$PGDATA"; command -v postgres',
    ])
    expect(out).toBe('999\n/var/lib/postgresql/data\n/usr/lib/postgresql/15/bin/postgres\n')
  }, 60_000)
})
