import { isDeepStrictEqual } from 'node:util'
import { type ApiCheckContext, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { DEMO_LOGIN, loginStatus, starterAndApp } from '../../../../labs/production/many-users/catalog-api.ts'

/** Existing products here and there, and two that do not exist. */
const PRODUCT_IDS = [1, 2, 7, 33, 50, 99, 128, 150, 199, 200, 201, 99999]

/** In this order: a right password first, so an app that remembers it and skips the hash is caught. */
const LOGINS = [
  { user: 'ada', password: DEMO_LOGIN.password, status: 200, label: "ada's right password" },
  {
    user: 'ada',
    password: 'correct horse battery',
    status: 401,
    label: "a wrong password for ada, right after ada's login",
  },
  { user: 'grace', password: 'nanoseconds are short', status: 200, label: "grace's right password" },
  { user: 'grace', password: DEMO_LOGIN.password, status: 401, label: "ada's password for grace" },
  { user: 'mallory', password: DEMO_LOGIN.password, status: 401, label: 'a user that does not exist' },
]

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
      for (const login of LOGINS) {
        const status = await loginStatus(app.url, login.user, login.password, login.label)
        if (status !== login.status) problems.push(`${login.label}: status ${status}, not ${login.status}`)
      }
      if (problems.length)
        fail({
          expected:
            'the same answers as the starter for products (existing and missing), 200 for a right password and 401 for every wrong one',
          found: problems.join('; '),
          hint: 'a cache may only return what the database and the password hash would: check every password with the hash, every time',
        })
    },
  },
])
