import { pbkdf2Sync, timingSafeEqual } from 'node:crypto'

// OWASP's advice for PBKDF2-HMAC-SHA512: slow on purpose, so a stolen table is slow to crack.
// Keep these: the stored hashes were made with them.
const ITERATIONS = 210_000
const KEY_BYTES = 64
const DIGEST = 'sha512'

/** The password's hash with this salt, as hex. */
export function hashPassword(password: string, salt: string): string {
  return pbkdf2Sync(password, salt, ITERATIONS, KEY_BYTES, DIGEST).toString('hex')
}

/** Whether `password` hashes to `expectedHex` with `salt`. */
export function verifyPassword(password: string, salt: string, expectedHex: string): boolean {
  const actual = Buffer.from(hashPassword(password, salt), 'hex')
  const expected = Buffer.from(expectedHex, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
