import { createHash, randomBytes, scryptSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { recomputePasswordHash } from '../../labs/production/login-defence/password-hash-recompute.ts'

// stores-slow-hashes recomputes the key from the password it registered: a PHC string that only
// looks like scrypt or argon2 does not pass.
const PASSWORD = 'correct-horse-battery-staple'
const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '')
const salt = randomBytes(16)

function scryptPhc(password: string, ln = 14, r = 8, p = 1): string {
  const key = scryptSync(password, salt, 32, { N: 2 ** ln, r, p, maxmem: 64 * 1024 * 1024 })
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`
}
/** argon2id of PASSWORD, salt "backend-labs-salt-16b", made once with @noble/hashes. */
const ARGON2ID =
  '$argon2id$v=19$m=19456,t=2,p=1$YmFja2VuZC1sYWJzLXNhbHQtMTZi$FDQ65omleMFBEjeaU51yWay6Rbw6uPC9GEyBAfZXNz4'

describe('recomputePasswordHash', () => {
  it('passes a real scrypt key and a real argon2id key of the password', async () => {
    expect(await recomputePasswordHash(scryptPhc(PASSWORD), PASSWORD)).toEqual({
      ok: true,
      scheme: 'scrypt ln=14,r=8,p=1',
    })
    expect(await recomputePasswordHash(ARGON2ID, PASSWORD)).toEqual({
      ok: true,
      scheme: 'argon2id m=19456,t=2,p=1',
    })
  })

  it.each([
    [
      'a salted SHA-256 dressed up as scrypt',
      `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(createHash('sha256').update(salt).update(PASSWORD).digest())}`,
      'the key is not scrypt(password, salt) with ln=14,r=8,p=1',
    ],
    ['scrypt of another password', scryptPhc('hunter2'), 'the grader recomputed it'],
    [
      'scrypt whose stated parameters are not the ones used',
      scryptPhc(PASSWORD, 15).replace('ln=15', 'ln=14'),
      'differs',
    ],
    [
      'argon2id of another password',
      ARGON2ID.replace('FDQ65', 'FDQ66'),
      'the key is not argon2id(password, salt)',
    ],
    ['argon2i under an argon2id key', ARGON2ID.replace('argon2id', 'argon2i'), 'the key is not argon2i('],
  ])('fails %s', async (_, stored, problem) => {
    const verdict = await recomputePasswordHash(stored, PASSWORD)
    expect(verdict.ok).toBe(false)
    expect(verdict.ok ? '' : verdict.problem).toContain(problem)
  })

  it('refuses, without recomputing, parameters above its caps (a submission cannot make it spend minutes)', async () => {
    const scrypt = await recomputePasswordHash(`$scrypt$ln=24,r=8,p=1$${b64(salt)}$${b64(salt)}`, PASSWORD)
    const argon = await recomputePasswordHash(
      `$argon2id$v=19$m=4194304,t=2,p=1$${b64(salt)}$${b64(salt)}`,
      PASSWORD,
    )
    expect(scrypt.ok ? '' : scrypt.problem).toContain('more than the grader recomputes')
    expect(argon.ok ? '' : argon.problem).toContain('more than the grader recomputes')
  })
})
