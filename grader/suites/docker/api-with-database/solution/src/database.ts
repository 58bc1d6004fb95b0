import { setTimeout as sleep } from 'node:timers/promises'
import type { NoteRepository } from './notes.ts'
import type { Pool } from './pg-client.ts'

/**
 * Creates the schema, retrying with backoff until the database answers: in a container the
 * database may start after the app, or restart under it. Never gives up; `ready()` tells the state.
 */
export class Database {
  private schemaReady = false
  private readonly pool: Pool
  private readonly notes: NoteRepository

  constructor(pool: Pool, notes: NoteRepository) {
    this.pool = pool
    this.notes = notes
    // an idle client whose server went away emits 'error'; without a listener the process crashes
    pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`))
  }

  async connect(): Promise<void> {
    for (let delayMs = 250; !this.schemaReady; delayMs = Math.min(delayMs * 2, 4000)) {
      try {
        await this.notes.createSchema()
        this.schemaReady = true
        console.log('database ready')
      } catch (error) {
        console.warn(`database not reachable yet (${(error as Error).message}); retrying in ${delayMs} ms`)
        await sleep(delayMs)
      }
    }
  }

  /** True when the schema exists and the database answers now. */
  async ready(): Promise<boolean> {
    if (!this.schemaReady) return false
    try {
      await this.pool.query('SELECT 1')
      return true
    } catch {
      return false
    }
  }
}
