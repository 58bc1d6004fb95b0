import { pbkdf2, randomBytes } from 'node:crypto'
import { isDeepStrictEqual, promisify } from 'node:util'
import { type ApiCheckContext, send } from '@backend-labs/http-kit'
import { cannotDecide, defineChecks, fail } from '@backend-labs/lab-kit'
import { psql } from '../../../../labs/production/dashboard-data/database-exec.ts'
import {
  DB_ALIAS,
  DEMO_LOGIN,
  loginStatus,
  PBKDF2,
  starterAndApp,
} from '../../../../labs/production/many-users/catalog-api.ts'

/** Existing products here and there, and two that do not exist. */
const PRODUCT_IDS = [1, 2, 7, 33, 50, 99, 128, 150, 199, 200, 201, 99999]

const GRACE_PASSWORD = 'nanoseconds are short'
/** Grace's password after the grader's reset: ada's, which grace was refused with before it. */
const GRACE_NEW_PASSWORD = DEMO_LOGIN.password
const pbkdf2Async = promisify(pbkdf2)

interface Login {
  user: string
  password: string
  status: number
  label: string
}

/** In this order: a right password first, so an app that remembers it and skips the hash is caught. */
const LOGINS: Login[] = [
  { user: 'ada', password: DEMO_LOGIN.password, status: 200, label: "ada's right password" },
  {
    user: 'ada',
    password: 'correct horse battery',
    status: 401,
    label: "a wrong password for ada, right after ada's login",
  },
  { user: 'grace', password: GRACE_PASSWORD, status: 200, label: "grace's right password" },
  { user: 'grace', password: GRACE_NEW_PASSWORD, status: 401, label: "ada's password for grace" },
  { user: 'mallory', password: DEMO_LOGIN.password, status: 401, label: 'a user that does not exist' },
]

/**
 * Grace's password changed in the app's database behind its back, as a password reset would do it
 * (the starter's hashing, a new salt), and the logins that must answer then. Her new password is
 * one the app refused for her a moment ago: an app that remembers right passwords (or users' rows)
 * still lets the old one in, and one that remembers refusals still refuses the new one. Grace is
 * used nowhere after this check.
 */
async function passwordReset(ctx: ApiCheckContext): Promise<Login[]> {
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  const password = GRACE_NEW_PASSWORD
  const salt = `salt-of-grace-${randomBytes(6).toString('hex')}`
  const hash = (
    await pbkdf2Async(password, salt, PBKDF2.iterations, PBKDF2.keyBytes, PBKDF2.digest)
  ).toString('hex')
  const changed = await psql(
    db,
    `WITH changed AS (UPDATE users SET salt = '${salt}', hash = '${hash}' WHERE name = 'grace' RETURNING name) SELECT count(*) FROM changed`,
  )
  const answer = changed?.trim() ?? ''
  if (answer === '0' || /does not exist/.test(answer))
    fail({
      expected: "grace's row in the users table (name, salt, hash), as the starter creates it",
      found: answer === '0' ? 'no user grace' : answer.slice(0, 200),
      hint: 'keep the schema and the demo data the starter creates',
    })
  // a slow or failed exec on a busy machine is the grader's trouble, not the app's
  if (answer !== '1')
    cannotDecide(
      `the grader could not change grace's password in the database (psql answered: ${answer.slice(0, 200) || 'nothing'})`,
    )
  return [
    {
      user: 'grace',
      password: GRACE_PASSWORD,
      status: 401,
      label: "grace's old password, after the grader changed it in the database",
    },
    {
      user: 'grace',
      password,
      status: 200,
      label: "grace's new password, set in the database by the grader",
    },
  ]
}

export const hiddenChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'correct-answers',
    title: 'Products and logins answer exactly as the starter does (speed is not bought by skipping work)',
    points: 2,
    timeoutMs: 400_000,
    needs: ['answers'],
    async run(ctx) {
      const { starter, app } = await starterAndApp(ctx)
      const problems: string[] = []
      for (const id of PRODUCT_IDS) {
        const label = `reading product ${id}`
        const [mine, theirs] = [
          await send(app.url, { path: `/products/${id}`, label }),
          await send(starter.url, { path: `/products/${id}`, label }),
        ]
        if (mine.status !== theirs.status || !isDeepStrictEqual(mine.json, theirs.json))
          problems.push(
            `product ${id}: status ${mine.status} ${mine.text.slice(0, 80)} (the starter: ${theirs.status} ${theirs.text.slice(0, 80)})`,
          )
      }
      const tryLogins = async (logins: Login[]) => {
        for (const login of logins) {
          const status = await loginStatus(app.url, login.user, login.password, login.label)
          if (status !== login.status) problems.push(`${login.label}: status ${status}, not ${login.status}`)
        }
      }
      await tryLogins(LOGINS)
      // only after grace's logins above: her password changes now
      await tryLogins(await passwordReset(ctx))
      if (problems.length)
        fail({
          expected:
            'the same answers as the starter for products (existing and missing), 200 for a right password and 401 for every wrong one (a password changed in the database counts at once)',
          found: problems.join('; '),
          hint: 'a cache may only return what the database and the password hash would: check every password with the hash, every time',
        })
    },
  },
])
