import { connectDocker, execCapture } from '@backend-labs/containers'
import type { RunningService } from '@backend-labs/http-kit'
import { InternalError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'

/** What the database holds for one item: its stock and how many orders name it. */
export interface ItemTruth {
  stock: number
  orders: number
}

// one engine probe per process: on a loaded machine each probe risks its short timeout
let engine: Promise<Docker> | undefined
function docker(): Promise<Docker> {
  engine ??= connectDocker().catch((error: unknown) => {
    engine = undefined
    throw error
  })
  return engine
}

/**
 * Reads the truth straight from the grader's own database container (psql inside it, with the
 * database's own login): the app's answers are what is being judged, so they are not
 * trusted to report it.
 */
export async function itemTruth(db: RunningService, itemId: number): Promise<ItemTruth> {
  const env = db.connectionEnv
  const sql = `SELECT (SELECT stock FROM items WHERE id = ${Number(itemId)}) || ' ' || (SELECT count(*) FROM orders WHERE item_id = ${Number(itemId)})`
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
  for (let attempt = 0; attempt < 3 && !/^-?\d+ \d+\s*$/m.test(out ?? ''); attempt++)
    out = await execCapture(
      (await docker()).getContainer(db.containerId),
      ['env', `PGPASSWORD=${env.PGPASSWORD ?? 'app'}`, ...cmd],
      30_000,
    )
  const match = /^(-?\d+) (\d+)\s*$/m.exec(out ?? '')
  if (!match) throw new InternalError(`could not read items/orders from the database: ${out ?? 'no output'}`)
  return { stock: Number(match[1]), orders: Number(match[2]) }
}
