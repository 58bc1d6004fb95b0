import type { IncomingMessage } from 'node:http'

/**
 * The address of the client that sent `req`. The app runs behind a load balancer, which appends the
 * address it saw to X-Forwarded-For: the last entry is the one it added. The entries before it were
 * sent by the client, who can write anything there.
 */
export function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for']
  const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded
  const last = header?.split(',').at(-1)?.trim()
  return last || req.socket.remoteAddress || 'unknown'
}
