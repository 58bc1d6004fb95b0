import { createServer } from 'node:http'
import { sendJson } from './http-json.ts'
import { NoteRepository } from './notes.ts'
import { createPool } from './pg-client.ts'
import { routes } from './routes.ts'

// Works on my machine: Postgres runs on my laptop.
const pool = createPool({ connectionString: 'postgres://postgres:postgres@localhost:5432/notes' })
const notes = new NoteRepository(pool)
await notes.createSchema()

const handle = routes(notes, async () => true)
const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error)
    sendJson(res, 500, { error: 'internal error' })
  })
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`notes-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
