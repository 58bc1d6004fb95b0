import { createServer } from 'node:http'
import { handle } from './routes.ts'

const port = Number(process.env.PORT ?? 3000)
// Every interface: inside a container 127.0.0.1 is unreachable from outside.
const host = process.env.HOST ?? '0.0.0.0'

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error('request failed:', error)
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: 'internal error' }))
  })
})

server.listen(port, host, () => {
  console.log(`items-api listening on http://${host}:${port}`)
})
