import { type ApiCheckContext, expectStatus } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { accountsApp, attemptSignIn, clientAddress, register } from './accounts-api.ts'
import { findConstantTimeUse } from './constant-time-source.ts'
import { judgePasswordHash } from './password-hash-format.ts'
import { recomputePasswordHash } from './password-hash-recompute.ts'
import { storedPasswordHash } from './stored-hash.ts'

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE} (npm ci installs pg)`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image()
    },
  },
  {
    id: 'signs-in',
    title: 'A registered account signs in with its password (200) and not with another one (401)',
    points: 2,
    timeoutMs: 120_000,
    needs: ['builds'],
    async run(ctx) {
      const { app } = await accountsApp(ctx)
      await register(app.url, 'ada', 'analytical-engine-1843')
      const right = await attemptSignIn(app.url, {
        username: 'ada',
        password: 'analytical-engine-1843',
        address: clientAddress(1, 1),
        label: 'signing in as ada with her password',
      })
      expectStatus(right, 200, 'answer 200 when the password is right')
      const wrong = await attemptSignIn(app.url, {
        username: 'ada',
        password: 'difference-engine',
        address: clientAddress(1, 2),
        label: 'signing in as ada with a wrong password',
      })
      expectStatus(wrong, 401, 'answer 401 when the password is wrong')
    },
  },
  {
    id: 'stores-slow-hashes',
    title: 'Passwords are stored as salted scrypt or argon2 hashes with at least the README’s parameters',
    points: 2,
    timeoutMs: 120_000,
    needs: ['builds'],
    async run(ctx) {
      const { app, db } = await accountsApp(ctx)
      const password = 'correct-horse-battery-staple'
      await register(app.url, 'grace', password)
      await register(app.url, 'linus', password)
      const grace = await storedPasswordHash(db, 'grace')
      const linus = await storedPasswordHash(db, 'linus')
      const judged = judgePasswordHash(grace, password)
      const verdict = judged.ok ? await recomputePasswordHash(grace, password) : judged
      if (!verdict.ok)
        fail({
          expected: 'users.password_hash to hold a scrypt or argon2 PHC string (see the README)',
          found: `${verdict.problem}, e.g. ${grace.length > 60 ? `${grace.slice(0, 60)}…` : grace}`,
          where: 'table users, the row of a new account',
          hint: 'hash with crypto.scrypt (N = 2^14 or more, r = 8) and a random 16-byte salt per password',
        })
      if (grace === linus)
        fail({
          expected: 'two accounts with the same password to get different hashes (a random salt each)',
          found: 'the same password_hash for both',
          hint: 'make a new random salt (crypto.randomBytes(16)) for every password you hash',
        })
    },
  },
  {
    id: 'constant-time-compare',
    title: 'The password check compares with crypto.timingSafeEqual (judged by reading src/, not by timing)',
    points: 1,
    timeoutMs: 10_000,
    async run(ctx) {
      const use = await findConstantTimeUse(ctx.submissionDir)
      if (use) return ctx.log(`found ${use.how} at ${use.file}:${use.line}`)
      fail({
        expected: 'a call to crypto.timingSafeEqual (or argon2’s verify) in src/, in a file that imports it',
        found: 'none: the grader read every source file in src/ (timing over a network cannot decide this)',
        hint: 'compare the derived key with the stored one by timingSafeEqual(derived, stored), not === or Buffer.equals',
      })
    },
  },
])
