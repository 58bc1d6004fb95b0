import { scrypt } from 'node:crypto'
import { argon2dAsync, argon2iAsync, argon2idAsync } from '@noble/hashes/argon2.js'
import type { HashVerdict } from './password-hash-format.ts'

/** The most the grader spends recomputing one hash (the README states these caps). */
export const SCRYPT_MAX = { memoryBytes: 512 * 1024 ** 2, work: 2 ** 22 }
export const ARGON2_MAX = { memoryKiB: 262_144, work: 1_048_576 }

const b64 = (text: string) => Buffer.from(text, 'base64')

function params(text: string): Record<string, number> {
  return Object.fromEntries(text.split(',').map((kv) => [kv.split('=')[0] ?? '', Number(kv.split('=')[1])]))
}

function scryptKey(password: string, salt: Buffer, keyLen: number, N: number, r: number, p: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keyLen, { N, r, p, maxmem: SCRYPT_MAX.memoryBytes + 1024 ** 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

/**
 * Recomputes the key of a stored PHC string (already judged well-formed and strong enough by
 * `judgePasswordHash`) from the password the grader registered, and compares: a salted fast digest
 * dressed up as `$scrypt$…` does not pass. Parameters above the caps are not recomputed (a verdict
 * that says so), so a submission cannot make the grader spend minutes or gigabytes.
 */
export async function recomputePasswordHash(stored: string, password: string): Promise<HashVerdict> {
  const parts = stored.split('$')
  if (parts[1] === 'scrypt') {
    const [, , text = '', salt = '', key = ''] = parts
    const { ln = Number.NaN, r = Number.NaN, p = Number.NaN } = params(text)
    const N = 2 ** ln
    if (128 * N * r > SCRYPT_MAX.memoryBytes || N * r * p > SCRYPT_MAX.work)
      return {
        ok: false,
        problem: `scrypt with ln=${ln},r=${r},p=${p}: more than the grader recomputes (128·N·r at most 512 MiB, N·r·p at most 2^22)`,
      }
    const expected = b64(key)
    const actual = await scryptKey(password, b64(salt), expected.length, N, r, p)
    return actual.equals(expected)
      ? { ok: true, scheme: `scrypt ln=${ln},r=${r},p=${p}` }
      : {
          ok: false,
          problem: `the key is not scrypt(password, salt) with ln=${ln},r=${r},p=${p}: the grader recomputed it from the password it registered, and it differs`,
        }
  }
  const [, variant = '', version = '', text = '', salt = '', key = ''] = parts
  const { m = Number.NaN, t = Number.NaN, p = Number.NaN } = params(text)
  if (m > ARGON2_MAX.memoryKiB || m * t > ARGON2_MAX.work)
    return {
      ok: false,
      problem: `${variant} with m=${m},t=${t}: more than the grader recomputes (m at most 262144, m·t at most 1048576)`,
    }
  const derive = { argon2id: argon2idAsync, argon2i: argon2iAsync, argon2d: argon2dAsync }[variant]
  if (!derive) return { ok: false, problem: `${variant}: not argon2id, argon2i or argon2d` }
  const expected = b64(key)
  const actual = await derive(password, b64(salt), {
    m,
    t,
    p,
    dkLen: expected.length,
    version: Number(version.slice('v='.length)),
    maxmem: 2 ** 31,
    asyncTick: 20,
  })
  return Buffer.from(actual).equals(expected)
    ? { ok: true, scheme: `${variant} m=${m},t=${t},p=${p}` }
    : {
        ok: false,
        problem: `the key is not ${variant}(password, salt) with m=${m},t=${t},p=${p}: the grader recomputed it from the password it registered, and it differs`,
      }
}
