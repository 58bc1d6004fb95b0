import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { copyOver, patches, patchFile } from '../../docker/rest-contract/fixture-patch.ts'
import { hiddenChecks } from './hidden-checks.ts'
import { loadChecks } from './load-checks.ts'

const STARTER_DATABASE = fileURLToPath(
  new URL('../../../../labs/production/many-users/starter/src/database.ts', import.meta.url),
)

/** The solution's login, answering 200 at once when `known` holds, and calling `remember` after a login. */
function loginShortcut(code: { state: string; known: string; remember: string }) {
  return patches(
    patchFile(
      'src/server.ts',
      '  const user = await findUser(body.user)',
      `  if (${code.known}) return sendJson(res, 200, { user: body.user })\n  const user = await findUser(body.user)`,
    ),
    patchFile(
      'src/server.ts',
      '  sendJson(res, 200, { user: user.name })',
      `  ${code.remember}\n  sendJson(res, 200, { user: user.name })`,
    ),
    patchFile('src/server.ts', 'async function login(', `${code.state}\n\nasync function login(`),
  )
}

// Fixtures are the reference solution with one realistic half-fix or shortcut patched in.
export default defineSuite<ApiCheckContext>({
  checks: [...hiddenChecks, ...loadChecks],
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'worker-threads',
      title: 'pbkdf2Sync in two worker threads, and a larger pool (20) that waits as long as it takes',
      dir: 'solution',
      apply: copyOver(new URL('./alternatives/worker-threads/', import.meta.url)),
    },
  ],
  fixtures: [
    {
      id: 'async-but-still-blocking',
      title:
        'a pool, and an async hashPassword that still calls pbkdf2Sync inside: the event loop still blocks',
      fails: ['logins-dont-block'],
      dir: 'solution',
      apply: patches(
        patchFile(
          'src/passwords.ts',
          'import { pbkdf2, timingSafeEqual }',
          'import { pbkdf2, pbkdf2Sync, timingSafeEqual }',
        ),
        patchFile('src/passwords.ts', 'await pbkdf2Async(', 'pbkdf2Sync('),
      ),
    },
    {
      id: 'logins-held-back',
      title: 'every login waits 5 s before its hash: the health checks are fast, but no one gets logged in',
      fails: ['logins-dont-block'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        '  const user = await findUser(body.user)',
        '  await new Promise((resolve) => setTimeout(resolve, 5000))\n  const user = await findUser(body.user)',
      ),
    },
    {
      id: 'client-per-request',
      title: 'async hashing, but still a new database connection for every query',
      fails: ['browsing-throughput'],
      dir: 'solution',
      apply: (dir) => copyFile(STARTER_DATABASE, join(dir, 'src/database.ts')),
    },
    {
      id: 'remembers-logins',
      title: 'skips the hash for a user who logged in before: fast, and lets any password in',
      fails: ['correct-answers', 'logins-dont-block'],
      dir: 'solution',
      apply: loginShortcut({
        state: 'const loggedIn = new Set<string>()',
        known: 'loggedIn.has(body.user)',
        remember: 'loggedIn.add(user.name)',
      }),
    },
    {
      id: 'remembers-right-passwords',
      title:
        'remembers each user’s right password after a login and skips the hash when it comes again: right answers, until the password changes',
      fails: ['correct-answers', 'logins-dont-block'],
      dir: 'solution',
      apply: loginShortcut({
        state: 'const rightPasswords = new Map<string, string>()',
        known: 'rightPasswords.get(body.user) === body.password',
        remember: 'rightPasswords.set(user.name, body.password)',
      }),
    },
    {
      id: 'remembers-hashes',
      title:
        'remembers each hash it computed, by password and salt: right answers, but a login that comes again is not hashed',
      fails: ['logins-dont-block'],
      dir: 'solution',
      apply: patches(
        patchFile(
          'src/passwords.ts',
          'export async function hashPassword(password: string, salt: string): Promise<string> {',
          "const hashes = new Map<string, string>()\n\nexport async function hashPassword(password: string, salt: string): Promise<string> {\n  const known = hashes.get(salt + '\\n' + password)\n  if (known) return known",
        ),
        patchFile(
          'src/passwords.ts',
          "  return key.toString('hex')",
          "  hashes.set(salt + '\\n' + password, key.toString('hex'))\n  return key.toString('hex')",
        ),
      ),
    },
  ],
})
