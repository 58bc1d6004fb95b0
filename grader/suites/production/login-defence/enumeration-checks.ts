import { type ApiCheckContext, expectStatus, type HttpExchange } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  accountsApp,
  attemptSignIn,
  clientAddress,
  register,
} from '../../../../labs/production/login-defence/accounts-api.ts'
import { TIMING_FACTOR, timingVerdict } from './timing-verdict.ts'

const ACCOUNTS = 8
/** Pairs of samples (wrong password, unknown user): 3 failures per account stay under its limit of 5. */
const PAIRS = 24
const WARM_UP = 2
const PASSWORD = 'sphinx-of-black-quartz'

export const enumerationChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'same-answer',
    title: 'An unknown username and a wrong password get the same status and the same body',
    points: 1,
    timeoutMs: 60_000,
    needs: ['signs-in'],
    async run(ctx) {
      const { app } = await accountsApp(ctx)
      await register(app.url, 'margaret', PASSWORD)
      const wrong = await attemptSignIn(app.url, {
        username: 'margaret',
        password: 'apollo-11',
        address: clientAddress(10, 1),
        label: 'signing in to an existing account with a wrong password',
      })
      const unknown = await attemptSignIn(app.url, {
        username: 'margaret-h',
        password: 'apollo-11',
        address: clientAddress(10, 2),
        label: 'signing in with a username that does not exist',
      })
      expectStatus(wrong, 401, 'answer 401 for a wrong password')
      if (unknown.status === wrong.status && unknown.text === wrong.text) return
      fail({
        expected: 'the same status and body for an unknown username as for a wrong password',
        found: `unknown username: ${unknown.status} ${unknown.text.trim()}; wrong password: ${wrong.status} ${wrong.text.trim()}`,
        hint: 'answer every failed sign-in with one message, e.g. 401 {"error":"wrong username or password"}: a different one tells an attacker which usernames exist',
      })
    },
  },
  {
    id: 'same-timing',
    title: `An unknown username takes as long to refuse as a wrong password (medians within ×${TIMING_FACTOR}, measured in the same run)`,
    points: 2,
    timeoutMs: 240_000,
    needs: ['signs-in'],
    async run(ctx) {
      const { app } = await accountsApp(ctx)
      for (let i = 0; i < ACCOUNTS; i++) await register(app.url, `timing-${i}`, PASSWORD)
      await register(app.url, 'timing-warm-up', PASSWORD)
      const wrong = (j: number, account: string) =>
        attemptSignIn(app.url, {
          username: account,
          password: `not-it-${j}`,
          address: clientAddress(20, j),
          label: 'signing in to an existing account with a wrong password',
        })
      const unknown = (j: number) =>
        attemptSignIn(app.url, {
          username: `nobody-${j}`,
          password: `not-it-${j}`,
          address: clientAddress(21, j),
          label: 'signing in with a username that does not exist',
        })
      const expect401 = (x: HttpExchange) =>
        expectStatus(x, 401, 'these sign-ins stay under every limit of the README: refuse them with 401')
      for (let j = 0; j < WARM_UP; j++) {
        expect401(await wrong(200 + j, 'timing-warm-up'))
        expect401(await unknown(200 + j))
      }
      const wrongMs: number[] = []
      const unknownMs: number[] = []
      // interleaved, alternating which goes first: both see the same load on the machine
      for (let j = 0; j < PAIRS && !ctx.signal.aborted; j++) {
        const pair = [() => wrong(j, `timing-${j % ACCOUNTS}`), () => unknown(j)]
        for (const k of j % 2 ? [1, 0] : [0, 1]) {
          const x = await (pair[k] as () => Promise<HttpExchange>)()
          expect401(x)
          ;(k === 0 ? wrongMs : unknownMs).push(x.durationMs)
        }
      }
      const verdict = timingVerdict(unknownMs, wrongMs)
      ctx.log(verdict.summary)
      if (verdict.ok) return
      fail({
        expected: `an unknown username to take as long as a wrong password: medians within a factor of ${TIMING_FACTOR}`,
        found: verdict.summary,
        hint: 'when the username does not exist, still run the password hash (against a dummy hash made once at start-up), so both answers take as long',
      })
    },
  },
])
