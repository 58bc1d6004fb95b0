import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** True when the request carries `Authorization: Bearer <token>`. */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? '')
  const wanted = Buffer.from(`Bearer ${token}`)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}
