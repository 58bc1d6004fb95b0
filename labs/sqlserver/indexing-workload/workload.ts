import { readFileSync } from 'node:fs'
import { splitBatches } from '@backend-labs/sql-kit'

/** One query of the provided workload, with what the grader expects of its plan. */
export interface WorkloadQuery {
  id: 'Q1' | 'Q2' | 'Q3'
  /** What the query is for, in the README's words. */
  purpose: string
  /** The table it reads, `schema.name`. */
  table: string
  /** The query exactly as workload.sql has it (comments removed). */
  sql: string
  /** Pages read (logical reads) a well-indexed plan stays under, with room for page-split noise. */
  maxLogicalReads: number
}

const PURPOSES: Record<WorkloadQuery['id'], Omit<WorkloadQuery, 'id' | 'sql'>> = {
  Q1: { purpose: "a customer's order history", table: 'shop.Orders', maxLogicalReads: 12 },
  Q2: { purpose: 'the paid orders of the last week', table: 'shop.Orders', maxLogicalReads: 20 },
  Q3: { purpose: 'the sign-in lookup by email', table: 'shop.Customers', maxLogicalReads: 10 },
}

/** The provided workload.sql, the single source of the queries' text. */
export const WORKLOAD_FILE = new URL('./starter/workload.sql', import.meta.url)

function loadWorkload(): WorkloadQuery[] {
  const { batches } = splitBatches(readFileSync(WORKLOAD_FILE, 'utf8'))
  return batches.map((batch) => {
    const id = /--\s*(Q[123]):/.exec(batch.text)?.[1] as WorkloadQuery['id'] | undefined
    if (!id) throw new Error(`workload.sql: a batch without a "-- Qn:" label at line ${batch.startLine}`)
    const sql = batch.text
      .split('\n')
      .filter((line) => !line.trim().startsWith('--'))
      .join('\n')
      .trim()
    return { id, sql, ...PURPOSES[id] }
  })
}

export const WORKLOAD: readonly WorkloadQuery[] = loadWorkload()
