import type { IncomingMessage } from 'node:http'

/** `::ffff:10.0.0.7` (an IPv4 peer on a dual-stack socket) is 10.0.0.7. */
function plain(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

/**
 * Who the client is: the TCP peer, unless the peer is our own reverse proxy (TRUSTED_PROXY). Only
 * then is X-Forwarded-For believed, and only its last entry: the one the proxy appended. Anything
 * to its left came from the client and can be forged.
 */
export function clientAddress(req: IncomingMessage, trustedProxy: string | undefined): string {
  const peer = plain(req.socket.remoteAddress ?? '')
  if (!trustedProxy || peer !== trustedProxy) return peer
  const header = req.headers['x-forwarded-for']
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')
  const last = entries
    .map((e) => e.trim())
    .filter(Boolean)
    .at(-1)
  return last ? plain(last) : peer
}
