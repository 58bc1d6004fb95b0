import { createServer } from 'node:http'
import { Database } from './database.ts'
import { sendJson } from './http-json.ts'
import { NoteRepository } from './notes.ts'
import { createPool } from './pg-client.ts'
import { routes } from './routes.ts'

const connectionString = process.env.DATABASE_URL
if (!connectionString) {
  console.error('DATABASE_URL is not set (e.g. postgres://user:password@db:5432/notes)')
  process.exit(1)
}

const pool = createPool({ connectionString, connectionTimeoutMillis: 3000 })
const notes = new NoteRepository(pool)
const database = new Database(pool, notes)
void database.connect()

const handle = routes(notes, () => database.ready())
const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error)
    sendJson(res, 503, { error: 'the database did not answer' })
  })
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`notes-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
