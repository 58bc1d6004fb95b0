import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keyBytes: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>

const PARAMS = { ln: 14, r: 8, p: 1 }
const MAXMEM = 64 * 1024 * 1024

/** `$scrypt$ln=…,r=…,p=…$salt$key`, the PHC string format (base64 without padding). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(32)
  const key = await scryptAsync(password, salt, 64, {
    N: 1 << PARAMS.ln,
    r: PARAMS.r,
    p: PARAMS.p,
    maxmem: MAXMEM,
  })
  const enc = (b: Buffer) => b.toString('base64').replaceAll('=', '')
  return `$scrypt$ln=${PARAMS.ln},r=${PARAMS.r},p=${PARAMS.p}$${enc(salt)}$${enc(key)}`
}

/** A stored hash for a password nobody has: unknown usernames are checked against it. */
export const NOBODY = hashPassword(randomBytes(24).toString('base64'))

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, algorithm, params, salt, key] = stored.split('$')
  if (algorithm !== 'scrypt' || !params || !salt || !key) return false
  const p = Object.fromEntries(params.split(',').map((kv) => kv.split('=') as [string, string]))
  const expected = Buffer.from(key, 'base64')
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: 1 << Number(p.ln),
    r: Number(p.r),
    p: Number(p.p),
    maxmem: MAXMEM,
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
