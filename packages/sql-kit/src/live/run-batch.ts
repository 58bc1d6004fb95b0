import sql from 'mssql'

export interface BatchError {
  /** SQL Server's error number (e.g. 2714), or undefined for a driver error such as a timeout. */
  number?: number
  message: string
  /** Line within the batch, as the server reports it. */
  lineNumber?: number
  timedOut: boolean
}

export interface BatchOutcome {
  /** Result sets, each capped at `maxRows`. */
  resultSets: Record<string, unknown>[][]
  /** True when some result set had more rows than `maxRows` (the request was then cancelled). */
  truncated: boolean
  rowsAffected: number[]
  error?: BatchError
}

/**
 * Runs one batch with rows streamed, so a huge result set costs at most `maxRows` rows of memory:
 * past the cap the request is cancelled and the outcome is marked truncated.
 */
export function runBatch(
  on: sql.ConnectionPool | sql.Request,
  text: string,
  maxRows: number,
): Promise<BatchOutcome> {
  return new Promise((resolve) => {
    const request = on instanceof sql.Request ? on : new sql.Request(on)
    request.stream = true
    const outcome: BatchOutcome = { resultSets: [], truncated: false, rowsAffected: [] }
    let current: Record<string, unknown>[] | undefined
    request.on('recordset', () => {
      current = []
      outcome.resultSets.push(current)
    })
    request.on('row', (row: Record<string, unknown>) => {
      if (!current) return
      if (current.length < maxRows) current.push(row)
      else if (!outcome.truncated) {
        outcome.truncated = true
        request.cancel()
      }
    })
    request.on('rowsaffected', (count: number) => outcome.rowsAffected.push(count))
    request.on('error', (error: unknown) => {
      if (outcome.error) return
      const e = error as { number?: number; message?: string; lineNumber?: number; code?: string }
      if (outcome.truncated && e.code === 'ECANCEL') return
      outcome.error = {
        ...(typeof e.number === 'number' ? { number: e.number } : {}),
        ...(typeof e.lineNumber === 'number' ? { lineNumber: e.lineNumber } : {}),
        message: (e.message ?? String(error)).trim(),
        timedOut: e.code === 'ETIMEOUT',
      }
    })
    request.on('done', () => resolve(outcome))
    // In stream mode errors arrive as 'error' events and the promise resolves; catch any other failure too.
    request.batch(text).catch((error: unknown) => {
      outcome.error ??= { message: error instanceof Error ? error.message : String(error), timedOut: false }
      resolve(outcome)
    })
  })
}
