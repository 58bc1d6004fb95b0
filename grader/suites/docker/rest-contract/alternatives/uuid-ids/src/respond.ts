import type { IncomingMessage, ServerResponse } from 'node:http'

// Node's type stripping runs this file as is, so no constructor parameter properties here.
export class HttpError extends Error {
  readonly status: number
  readonly details: Record<string, unknown>

  constructor(status: number, message: string, details: Record<string, unknown> = {}) {
    super(message)
    this.status = status
    this.details = details
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}

export function noContent(res: ServerResponse): void {
  res.statusCode = 204
  res.end()
}

export async function body(req: IncomingMessage): Promise<unknown> {
  let text = ''
  req.setEncoding('utf8')
  for await (const chunk of req) text += chunk
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'Malformed JSON in request body', {
      errors: [{ field: 'body', problem: 'invalid JSON' }],
    })
  }
}
