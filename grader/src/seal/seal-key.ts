import { createHmac, randomBytes } from 'node:crypto'
import { EnvironmentError } from '@backend-labs/lab-kit'

/** The environment variable that carries the seal key (a CI secret). */
export const SEAL_KEY_ENV = 'LABS_SEAL_KEY'

/** A fresh 256-bit key, base64: what `labs seal --new-key` prints. */
export function newSealKey(): string {
  return randomBytes(32).toString('base64')
}

/** Parses a 256-bit key given as base64 (44 characters) or hex (64); anything else is refused. */
export function parseSealKey(text: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(trimmed) && key.toString('base64') !== trimmed))
    throw new EnvironmentError(
      `${SEAL_KEY_ENV} is not a 256-bit key (expected 44 characters of base64 or 64 hex digits)`,
      'copy the key exactly as `labs seal --new-key` printed it into the CI secret',
    )
  return key
}

/** The key from the environment, or undefined when it is not set. */
export function sealKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const text = env[SEAL_KEY_ENV]
  return text ? parseSealKey(text) : undefined
}

/** A short public fingerprint of a key (HMAC-SHA-256), so a wrong key is told apart from a changed bundle. */
export function sealKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('backend-labs seal key id').digest('hex').slice(0, 16)
}
