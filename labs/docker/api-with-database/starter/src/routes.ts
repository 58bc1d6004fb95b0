import type { IncomingMessage, ServerResponse } from 'node:http'
import { readJson, sendJson } from './http-json.ts'
import type { NoteRepository } from './notes.ts'

/** The notes API: POST /notes, GET /notes, GET /notes/:id and GET /health. */
export function routes(notes: NoteRepository, isReady: () => Promise<boolean>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost')
    if (pathname === '/' || pathname === '/health') {
      const ready = await isReady()
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'waiting for the database' })
    }
    if (!(await isReady())) return sendJson(res, 503, { error: 'the database is not reachable yet' })
    if (pathname === '/notes' && req.method === 'POST') {
      const body = (await readJson(req)) as { text?: unknown } | undefined
      if (typeof body?.text !== 'string' || body.text.trim() === '')
        return sendJson(res, 400, { error: 'text must be a non-empty string', field: 'text' })
      return sendJson(res, 201, await notes.add(body.text))
    }
    if (pathname === '/notes' && req.method === 'GET')
      return sendJson(res, 200, { items: await notes.list() })
    const match = /^\/notes\/(\d+)$/.exec(pathname)
    if (match && req.method === 'GET') {
      const note = await notes.get(Number(match[1]))
      return note ? sendJson(res, 200, note) : sendJson(res, 404, { error: 'no such note' })
    }
    sendJson(res, 404, { error: 'no such route' })
  }
}
