import type { IncomingMessage, ServerResponse } from 'node:http'

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

export class BadRequest extends Error {}
export class TooLarge extends Error {}

const LIMIT_BYTES = 1024 * 1024
const MAX_DEPTH = 32

/** The deepest nesting of arrays and objects in a JSON text, found without recursion. */
export function depthOf(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth)
    else if (c === ']' || c === '}') depth--
  }
  return deepest
}

/**
 * The request's body, parsed as JSON: at most 1 MiB (counted as it arrives, whatever Content-Length
 * says) and 32 levels of nesting.
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > LIMIT_BYTES) throw new TooLarge()
  const chunks: Buffer[] = []
  let size = 0
  // destroyOnReturn: false, so leaving the loop early (too large) leaves the connection open for the 413
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length
    if (size > LIMIT_BYTES) throw new TooLarge()
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (depthOf(text) > MAX_DEPTH) throw new BadRequest(`JSON nested deeper than ${MAX_DEPTH} levels`)
  try {
    return JSON.parse(text)
  } catch {
    throw new BadRequest('the body is not valid JSON')
  }
}
