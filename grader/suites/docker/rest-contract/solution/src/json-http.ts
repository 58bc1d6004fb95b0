import type { IncomingMessage, ServerResponse } from 'node:http'

export class InvalidJson extends Error {}

/** Sends `body` as JSON with `status` (no body for 204). */
export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status)
    res.end()
    return
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

export function sendError(res: ServerResponse, status: number, message: string, field?: string): void {
  sendJson(res, status, field ? { error: message, field } : { error: message })
}

/** Reads the request body as JSON; throws InvalidJson when it is not. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new InvalidJson('the body is not valid JSON')
  }
}
