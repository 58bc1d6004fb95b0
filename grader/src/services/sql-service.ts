import type { ServiceProvider } from './service-provider.ts'
import { selectSqlEngine } from './sql/engine-selection.ts'
import { SubmissionSqlLab } from './sql/submission-sql-lab.ts'

/**
 * `sql`: `ctx.sql` for the SQL Server labs. The engine is chosen once per grade: `live` (a fresh
 * database on the one SQL Server of this process) when Docker answers and the pinned image is here,
 * else `static` (the learner's DDL read into the same SchemaModel) with a banner saying why;
 * `--engine live|static` forces one. Nothing starts until a check applies the scripts.
 */
export const sqlService: ServiceProvider = {
  name: 'sql',
  async create(_lab, staged, request) {
    // Loaded only when the live engine is used: mssql and testcontainers are heavy to import.
    const sharedLiveEngine = async () => (await import('./sql/shared-live-engine.ts')).sharedLiveEngine()
    const { engine, notice } = await selectSqlEngine(request.engine)
    if (engine === 'live') {
      // Let the server boot while the checks load; a failure is reported by the first apply().
      sharedLiveEngine().catch(() => {})
    }
    const sql = new SubmissionSqlLab({ engine, dir: staged.dir, liveEngine: sharedLiveEngine })
    return {
      context: { sql },
      engine,
      ...(notice ? { notices: [notice] } : {}),
      dispose: () => sql.dispose(),
    }
  },
}
