import { pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

// OWASP's advice for PBKDF2-HMAC-SHA512: slow on purpose, so a stolen table is slow to crack.
// Keep these: the stored hashes were made with them.
const ITERATIONS = 210_000
const KEY_BYTES = 64
const DIGEST = 'sha512'

const pbkdf2Async = promisify(pbkdf2)

/** The password's hash with this salt, as hex: computed on libuv's thread pool, not the event loop. */
export async function hashPassword(password: string, salt: string): Promise<string> {
  const key = await pbkdf2Async(password, salt, ITERATIONS, KEY_BYTES, DIGEST)
  return key.toString('hex')
}

/** Whether `password` hashes to `expectedHex` with `salt`. */
export async function verifyPassword(password: string, salt: string, expectedHex: string): Promise<boolean> {
  const actual = Buffer.from(await hashPassword(password, salt), 'hex')
  const expected = Buffer.from(expectedHex, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
