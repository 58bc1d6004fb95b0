import { createServer } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { sendJson } from './http-json.ts'
import { NoteRepository } from './notes.ts'
import { createPool } from './pg-client.ts'
import { routes } from './routes.ts'

// Another way: no DATABASE_URL parsing at all (pg reads PGHOST, PGUSER, … itself), and the server
// only starts listening once the database answers, so "ready" means "can store notes".
const pool = createPool({ connectionTimeoutMillis: 2000 })
pool.on('error', (error) => console.warn('idle database connection failed:', error.message))
const notes = new NoteRepository(pool)

for (let attempt = 1; ; attempt++) {
  try {
    await notes.createSchema()
    break
  } catch (error) {
    console.warn(`attempt ${attempt}: database unavailable (${(error as Error).message})`)
    await sleep(1000)
  }
}

const alive = async () => {
  try {
    await pool.query('SELECT 1')
    return true
  } catch {
    return false
  }
}
const handle = routes(notes, alive)
const server = createServer((req, res) => {
  handle(req, res).catch(() => sendJson(res, 503, { error: 'database unavailable' }))
})
server.listen(Number(process.env.PORT) || 3000, () => console.log('listening'))
process.once('SIGTERM', () => {
  server.close()
  void pool.end().finally(() => process.exit(0))
})
