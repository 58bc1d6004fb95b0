import { connectDocker, execCapture } from '@backend-labs/containers'
import type { RunningService } from '@backend-labs/http-kit'
import { InternalError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'

/** What the database holds for one item: its stock and how many orders name it. */
export interface ItemTruth {
  /** null when the item's row is gone or its stock is NULL: the app broke the data, not the grader. */
  stock: number | null
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

/** psql's one line: the stock (or `none`) and the count of orders. */
const TRUTH_LINE = /^(-?\d+|none) (\d+)\s*$/m

/**
 * Reads the truth straight from the grader's own database container (psql inside it, with the
 * database's own login): the app's answers are what is being judged, so they are not
 * trusted to report it.
 */
export async function itemTruth(db: RunningService, itemId: number): Promise<ItemTruth> {
  const env = db.connectionEnv
  const sql = `SELECT coalesce((SELECT stock::text FROM items WHERE id = ${Number(itemId)}), 'none') || ' ' || (SELECT count(*) FROM orders WHERE item_id = ${Number(itemId)})`
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
  for (let attempt = 0; attempt < 3 && !TRUTH_LINE.test(out ?? ''); attempt++)
    out = await execCapture(
      (await docker()).getContainer(db.containerId),
      ['env', `PGPASSWORD=${env.PGPASSWORD ?? 'app'}`, ...cmd],
      30_000,
    )
  return parseItemTruth(out)
}

/** psql's answer to itemTruth's query; an answer that is not one such line is the grader's trouble. */
export function parseItemTruth(out: string | undefined): ItemTruth {
  const match = TRUTH_LINE.exec(out ?? '')
  if (!match) throw new InternalError(`could not read items/orders from the database: ${out ?? 'no output'}`)
  return { stock: match[1] === 'none' ? null : Number(match[1]), orders: Number(match[2]) }
}
