/** What the grader makes of one stored password hash. */
export type HashVerdict = { ok: true; scheme: string } | { ok: false; problem: string }

export const SCRYPT_MIN = { logN: 14, r: 8, p: 1 }
export const ARGON2_MIN = { memoryKiB: 19_456, time: 2, p: 1 }
export const MIN_SALT_BYTES = 16
export const MIN_KEY_BYTES = 32

const bytes = (b64: string) => Buffer.from(b64, 'base64').length

function params(text: string): Record<string, number> {
  return Object.fromEntries(
    text.split(',').map((kv) => {
      const [k, v] = kv.split('=')
      return [k ?? '', /^\d+$/.test(v ?? '') ? Number(v) : Number.NaN]
    }),
  )
}

function saltAndKey(salt: string, key: string): string | undefined {
  if (bytes(salt) < MIN_SALT_BYTES)
    return `a salt of ${bytes(salt)} bytes (at least ${MIN_SALT_BYTES} random bytes)`
  if (bytes(key) < MIN_KEY_BYTES) return `a key of ${bytes(key)} bytes (at least ${MIN_KEY_BYTES})`
  return undefined
}

function judgeScrypt(parts: string[]): HashVerdict {
  const [, , p = '', salt = '', key = ''] = parts
  const { ln = Number.NaN, r = Number.NaN, p: par = Number.NaN } = params(p)
  if (!(ln >= SCRYPT_MIN.logN && r >= SCRYPT_MIN.r && par >= SCRYPT_MIN.p))
    return {
      ok: false,
      problem: `scrypt with ln=${ln},r=${r},p=${par}: too cheap to slow down a guesser (at least ln=${SCRYPT_MIN.logN},r=${SCRYPT_MIN.r},p=${SCRYPT_MIN.p})`,
    }
  const weak = saltAndKey(salt, key)
  return weak
    ? { ok: false, problem: `scrypt with ${weak}` }
    : { ok: true, scheme: `scrypt ln=${ln},r=${r},p=${par}` }
}

function judgeArgon2(parts: string[]): HashVerdict {
  const [, variant, version = '', p = '', salt = '', key = ''] = parts
  const { m = Number.NaN, t = Number.NaN, p: par = Number.NaN } = params(p)
  if (!/^v=\d+$/.test(version)) return { ok: false, problem: `${variant} without its v=… field` }
  if (!(m >= ARGON2_MIN.memoryKiB && t >= ARGON2_MIN.time && par >= ARGON2_MIN.p))
    return {
      ok: false,
      problem: `${variant} with m=${m},t=${t},p=${par}: too cheap (at least m=${ARGON2_MIN.memoryKiB},t=${ARGON2_MIN.time},p=${ARGON2_MIN.p})`,
    }
  const weak = saltAndKey(salt, key)
  return weak
    ? { ok: false, problem: `${variant} with ${weak}` }
    : { ok: true, scheme: `${variant} m=${m},t=${t},p=${par}` }
}

/**
 * Judges a stored password hash: a PHC string of scrypt (`$scrypt$ln=…,r=…,p=…$salt$key`) or argon2
 * (`$argon2id$v=19$m=…,t=…,p=…$salt$key`) with at least the README's parameters passes; plaintext,
 * fast digests, bcrypt and anything unrecognisable do not, each with a reason a person can act on.
 */
export function judgePasswordHash(stored: string, password: string): HashVerdict {
  if (stored.includes(password)) return { ok: false, problem: 'the password itself is stored' }
  const parts = stored.split('$')
  if (parts[0] === '' && parts[1] === 'scrypt' && parts.length === 5) return judgeScrypt(parts)
  if (parts[0] === '' && /^argon2(id|i|d)$/.test(parts[1] ?? '') && parts.length === 6)
    return judgeArgon2(parts)
  const bcrypt = /^\$2[abxy]?\$(\d\d)\$/.exec(stored)
  if (bcrypt)
    return {
      ok: false,
      problem: `bcrypt with cost ${Number(bcrypt[1])}${Number(bcrypt[1]) < 10 ? ' (far too cheap)' : ''}; this lab asks for scrypt or argon2`,
    }
  if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i.test(stored))
    return {
      ok: false,
      problem: 'a fast digest (MD5/SHA-1/SHA-256/SHA-512 hex): a GPU tries billions a second',
    }
  if (/^\$(sha|md5|sha1|sha256|sha512|pbkdf2)/i.test(stored))
    return { ok: false, problem: `${stored.split('$')[1]}: not scrypt or argon2` }
  return { ok: false, problem: 'not a scrypt or argon2 PHC string' }
}
