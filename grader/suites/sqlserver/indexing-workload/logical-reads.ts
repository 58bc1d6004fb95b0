import type { SqlCheckContext } from '@backend-labs/sql-kit'

const SESSION_READS =
  'SELECT @@SPID AS spid, CAST(logical_reads AS int) AS reads FROM sys.dm_exec_sessions WHERE session_id = @@SPID'

/**
 * Pages the query reads (logical reads, as SET STATISTICS IO reports them), measured on the owner
 * session: sys.dm_exec_sessions adds up a request's reads when it ends, and every session may read
 * its own row. The query runs once first so that compiling it (and auto-updating statistics) is
 * not counted. ctx.sql.query() keeps only the first result set, so SET STATISTICS XML is no option.
 */
export async function measureLogicalReads(ctx: SqlCheckContext, sql: string): Promise<number> {
  await ctx.sql.query(sql)
  const [before] = await ctx.sql.query<{ spid: number; reads: number }>(SESSION_READS)
  await ctx.sql.query(sql)
  const [after] = await ctx.sql.query<{ spid: number; reads: number }>(SESSION_READS)
  if (!before || !after || before.spid !== after.spid)
    throw new Error(
      'measuring logical reads needs one session for the grader queries (sql-kit pools have one)',
    )
  return after.reads - before.reads
}
