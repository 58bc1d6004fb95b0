import { createHash, randomBytes, scryptSync } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { findConstantTimeUse } from '../../labs/production/login-defence/constant-time-source.ts'
import { judgePasswordHash } from '../../labs/production/login-defence/password-hash-format.ts'
import { timingVerdict } from '../suites/production/login-defence/timing-verdict.ts'

const PASSWORD = 'correct-horse-battery-staple'
const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '')
function scryptPhc(ln: number, r: number, saltBytes = 16): string {
  const salt = randomBytes(saltBytes)
  const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** ln, r, p: 1, maxmem: 64 * 1024 * 1024 })
  return `$scrypt$ln=${ln},r=${r},p=1$${b64(salt)}$${b64(key)}`
}
const salt = b64(randomBytes(16))
const key = b64(randomBytes(32))

describe('judgePasswordHash', () => {
  it('passes scrypt and argon2 PHC strings with at least the README parameters', () => {
    expect(judgePasswordHash(scryptPhc(14, 8), PASSWORD)).toEqual({
      ok: true,
      scheme: 'scrypt ln=14,r=8,p=1',
    })
    expect(judgePasswordHash(`$argon2id$v=19$m=19456,t=2,p=1$${salt}$${key}`, PASSWORD)).toEqual({
      ok: true,
      scheme: 'argon2id m=19456,t=2,p=1',
    })
  })

  it.each([
    ['plaintext', PASSWORD, 'the password itself is stored'],
    ['sha256 hex', createHash('sha256').update(PASSWORD).digest('hex'), 'a fast digest'],
    ['bcrypt cost 4', `$2b$04$${'a'.repeat(53)}`, 'bcrypt with cost 4 (far too cheap)'],
    ['cheap scrypt', scryptPhc(10, 8), 'scrypt with ln=10,r=8,p=1: too cheap'],
    ['short salt', scryptPhc(14, 8, 8), 'scrypt with a salt of 8 bytes'],
    [
      'cheap argon2',
      `$argon2id$v=19$m=4096,t=1,p=1$${salt}$${key}`,
      'argon2id with m=4096,t=1,p=1: too cheap',
    ],
    ['salted sha256', `$sha256$${salt}$${key}`, 'sha256: not scrypt or argon2'],
    ['anything else', 'scrypt:16384:8:1:abc:def', 'not a scrypt or argon2 PHC string'],
  ])('fails %s', (_, stored, problem) => {
    const verdict = judgePasswordHash(stored, PASSWORD)
    expect(verdict.ok).toBe(false)
    expect(verdict.ok ? '' : verdict.problem).toContain(problem)
  })
})

describe('timingVerdict', () => {
  it('compares medians by ratio only, with the factor-2 margin either way', () => {
    expect(timingVerdict([100, 110, 400], [120, 90, 100]).ok).toBe(true)
    expect(timingVerdict([1, 2, 300], [150, 160, 170]).ok).toBe(false)
    expect(timingVerdict([400, 410], [150, 160]).ok).toBe(false)
    expect(timingVerdict([2, 2], [3, 3]).summary).toBe(
      'an unknown username took 2.0 ms (median of 2), a wrong password 3.0 ms (median of 2), interleaved in this run: ratio 0.67, allowed 0.50–2',
    )
  })
})

describe('findConstantTimeUse', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })
  async function workspace(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'login-defence-'))
    dirs.push(dir)
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true })
      await writeFile(join(dir, path), text)
    }
    return dir
  }

  it('finds the reference solution’s call, and none in the starter', async () => {
    const solution = fileURLToPath(new URL('../suites/production/login-defence/solution/', import.meta.url))
    const starter = fileURLToPath(new URL('../../labs/production/login-defence/starter/', import.meta.url))
    expect(await findConstantTimeUse(solution)).toMatchObject({
      file: 'src/passwords.ts',
      how: 'crypto.timingSafeEqual',
    })
    expect(await findConstantTimeUse(starter)).toBeUndefined()
  })

  it('does not count a name in a string, a function of the learner’s own, or a call without the import', async () => {
    const cases = {
      string:
        "import { timingSafeEqual } from 'node:crypto'\nconst note = 'timingSafeEqual(a, b)'\nconst t = `timingSafeEqual(x)`\n",
      ownFunction:
        "import { randomBytes } from 'node:crypto'\nfunction timingSafeEqual(a, b) { return a === b }\ntimingSafeEqual(x, y)\n",
      noImport: 'const same = crypto.timingSafeEqual(a, b)\n',
      fromOwnHelper:
        "import { scrypt } from 'node:crypto'\nimport { timingSafeEqual } from './compare.ts'\ntimingSafeEqual(a, b)\n",
      importInATemplate: "const t = `\nimport { timingSafeEqual } from 'crypto'\n`\ntimingSafeEqual(a, b)\n",
      aMethodOfItsOwn:
        "import crypto from 'node:crypto'\nconst o = { timingSafeEqual(a, b) { return a === b } }\no.timingSafeEqual(x, y)\n",
    }
    for (const [name, text] of Object.entries(cases))
      expect({ name, use: await findConstantTimeUse(await workspace({ 'src/a.ts': text })) }).toEqual({
        name,
        use: undefined,
      })
    const required = await workspace({
      'src/a.js':
        "const { timingSafeEqual } = require('crypto')\nmodule.exports = (a, b) => timingSafeEqual(a, b)\n",
    })
    expect(await findConstantTimeUse(required)).toEqual({
      file: 'src/a.js',
      line: 2,
      how: 'crypto.timingSafeEqual',
    })
    const aliased = await workspace({
      'src/b.ts':
        "import { scrypt, timingSafeEqual as same } from 'node:crypto'\n\nexport const ok = same(x, y)\n",
    })
    expect(await findConstantTimeUse(aliased)).toEqual({
      file: 'src/b.ts',
      line: 3,
      how: 'crypto.timingSafeEqual',
    })
  })

  it('does not count an import or a comment as a call', async () => {
    const dir = await workspace({
      'src/a.ts':
        "import { timingSafeEqual } from 'node:crypto'\n// timingSafeEqual(a, b)\n/* timingSafeEqual(x) */\n",
    })
    expect(await findConstantTimeUse(dir)).toBeUndefined()
    const used = await workspace({
      'src/deep/b.ts': "import crypto from 'node:crypto'\n\nconst same = crypto.timingSafeEqual(a, b)\n",
    })
    expect(await findConstantTimeUse(used)).toEqual({
      file: 'src/deep/b.ts',
      line: 3,
      how: 'crypto.timingSafeEqual',
    })
  })
})
