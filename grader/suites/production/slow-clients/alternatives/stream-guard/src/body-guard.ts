import type { IncomingMessage } from 'node:http'

export class Refused extends Error {
  readonly status: 400 | 413

  constructor(status: 400 | 413, message: string) {
    super(message)
    this.status = status
  }
}

/** Reads at most `maxBytes` of the body, then tracks nesting byte by byte as it goes. */
export async function readGuardedJson(
  req: IncomingMessage,
  maxBytes: number,
  maxDepth: number,
): Promise<unknown> {
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > maxBytes) throw new Refused(413, 'body too large')
  let received = 0
  let depth = 0
  let quoted = false
  let escaped = false
  const parts: Buffer[] = []
  // destroyOnReturn: false: a refusal mid-body leaves the connection open for the answer
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    received += chunk.length
    if (received > maxBytes) throw new Refused(413, 'body too large')
    for (const byte of chunk) {
      if (escaped) escaped = false
      else if (quoted) {
        if (byte === 0x5c) escaped = true
        else if (byte === 0x22) quoted = false
      } else if (byte === 0x22) quoted = true
      else if (byte === 0x5b || byte === 0x7b) {
        if (++depth > maxDepth) throw new Refused(400, `nested deeper than ${maxDepth}`)
      } else if (byte === 0x5d || byte === 0x7d) depth--
    }
    parts.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'))
  } catch {
    throw new Refused(400, 'not valid JSON')
  }
}
