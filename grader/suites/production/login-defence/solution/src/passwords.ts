import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt's cost: N = 2^LOG_N. 2^14 with r = 8 takes 16 MiB and tens of milliseconds per hash. */
const LOG_N = 14
const BLOCK_SIZE = 8
const PARALLELISM = 1
const SALT_BYTES = 16
const KEY_BYTES = 32

function derive(password: string, salt: Buffer, options: ScryptOptions, keyBytes: number): Promise<Buffer> {
  // maxmem: node refuses above 32 MiB by default; 128 · N · r is what scrypt needs
  const maxmem = 2 * 128 * (options.N ?? 16384) * (options.r ?? 8)
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyBytes, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '')

/** The PHC string stored in users.password_hash: `$scrypt$ln=14,r=8,p=1$<salt>$<key>` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, { N: 2 ** LOG_N, r: BLOCK_SIZE, p: PARALLELISM }, KEY_BYTES)
  return `$scrypt$ln=${LOG_N},r=${BLOCK_SIZE},p=${PARALLELISM}$${b64(salt)}$${b64(key)}`
}

/** Whether `password` matches a stored PHC string, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored)
  if (!match) return false
  const [, ln, r, p, salt, key] = match
  const expected = Buffer.from(key as string, 'base64')
  const options = { N: 2 ** Number(ln), r: Number(r), p: Number(p) }
  const derived = await derive(password, Buffer.from(salt as string, 'base64'), options, expected.length)
  return timingSafeEqual(derived, expected)
}

let dummy: Promise<string> | undefined
/**
 * A hash of a random password, made once: an unknown username is checked against it, so it costs
 * the same scrypt as a known one and its answer takes as long.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  return dummy
}
