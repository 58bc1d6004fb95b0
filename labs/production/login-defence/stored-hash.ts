import { connectDocker, execCapture } from '@backend-labs/containers'
import type { RunningService } from '@backend-labs/http-kit'
import { fail } from '@backend-labs/lab-kit'

// one engine probe per process: on a loaded machine each probe risks its short timeout
type Engine = Awaited<ReturnType<typeof connectDocker>>
let engine: Promise<Engine> | undefined
function docker(): Promise<Engine> {
  engine ??= connectDocker().catch((error: unknown) => {
    engine = undefined
    throw error
  })
  return engine
}

/**
 * The `password_hash` stored for `username`, read straight from the grader's database container
 * (psql inside it, with the database's own login): the app is what is judged, so it is not asked.
 */
export async function storedPasswordHash(db: RunningService, username: string): Promise<string> {
  const env = db.connectionEnv
  const name = username.replaceAll("'", "''")
  const sql = `SELECT 'row:' || coalesce(password_hash, '') FROM users WHERE username = '${name}'`
  const cmd = [
    'psql',
    '-h',
    '127.0.0.1',
    '-U',
    env.PGUSER ?? 'app',
    '-d',
    env.PGDATABASE ?? 'app',
    '-tAc',
    sql,
  ]
  // a loaded machine can stall one exec: try again, each attempt bounded
  let out: string | undefined
  for (let attempt = 0; attempt < 3 && out === undefined; attempt++)
    out = await execCapture(
      (await docker()).getContainer(db.containerId),
      ['env', `PGPASSWORD=${env.PGPASSWORD ?? 'app'}`, ...cmd],
      30_000,
    )
  const row = /^row:(.*)$/m.exec(out ?? '')
  if (row) return (row[1] as string).trim()
  fail({
    expected: `a row for "${username}" in table users, with its password_hash`,
    found: /ERROR/.test(out ?? '')
      ? `the database said: ${(out ?? '').trim().split('\n')[0]}`
      : 'no such row after registering the account',
    hint: 'keep the table users (username, password_hash) as the starter creates it',
  })
}
