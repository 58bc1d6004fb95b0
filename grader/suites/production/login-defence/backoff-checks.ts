import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { type ApiCheckContext, expectStatus, type HttpExchange } from '@backend-labs/http-kit'
import { cannotDecide, defineChecks, fail } from '@backend-labs/lab-kit'
import {
  type Attempt,
  accountsApp,
  attemptSignIn,
  clientAddress,
  MAX_ACCOUNT_FAILURES,
  MAX_ADDRESS_FAILURES,
  register,
  WINDOW_MARGIN_MS,
  WINDOW_MS,
} from '../../../../labs/production/login-defence/accounts-api.ts'

const PASSWORD = 'lovelace-and-babbage'
const ATTACKER_PASSWORD = 'mallory-has-an-account-too'

/**
 * Sends `attempts` at once (an attacker does not wait): they all fit in the window even on a busy
 * machine. When they did not, the grader cannot judge a limit "within the window", and says so.
 */
async function burst(url: string, attempts: Attempt[]): Promise<void> {
  const started = Date.now()
  await Promise.all(attempts.map((attempt) => attemptSignIn(url, attempt)))
  const tookMs = Date.now() - started
  if (tookMs > WINDOW_MS / 2)
    cannotDecide(
      `the machine is too busy to judge the backoff: ${attempts.length} sign-ins took ${Math.round(tookMs / 1000)} s, more than half the ${WINDOW_MS / 1000} s window`,
      'grade again when the machine is less loaded',
    )
}

/** `n` wrong passwords for `username`, each from its own address in `group`: a distributed attack. */
function failFromManyAddresses(url: string, username: string, group: number, n: number): Promise<void> {
  return burst(
    url,
    Array.from({ length: n }, (_, i) => ({
      username,
      password: `guess-${i + 1}`,
      address: clientAddress(group, i + 1),
      label: `a wrong password for one account (attempt ${i + 1}, each from another address)`,
    })),
  )
}

/** `n` failed sign-ins from one address, each on another username, with a forged first X-Forwarded-For entry. */
function sprayFromOneAddress(url: string, address: string, prefix: string, n: number): Promise<void> {
  return burst(
    url,
    Array.from({ length: n }, (_, i) => ({
      username: `${prefix}-${i + 1}`,
      password: 'password123',
      address,
      spoofed: `203.0.113.${i + 1}`,
      label: `a failed sign-in from one address (attempt ${i + 1}, each on another username)`,
    })),
  )
}

function expectRefused(x: HttpExchange, expected: string, hint: string): void {
  if (x.status === 429) return
  fail({ expected, found: `${x.status} ${x.text.trim().slice(0, 120)}`, hint })
}

export const backoffChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'account-backoff',
    title: `After ${MAX_ACCOUNT_FAILURES} failures on one account (from many addresses), a new address gets 429 for it`,
    points: 2,
    timeoutMs: 120_000,
    needs: ['signs-in'],
    async run(ctx) {
      const { app } = await accountsApp(ctx)
      await register(app.url, 'barbara', PASSWORD)
      await failFromManyAddresses(app.url, 'barbara', 30, MAX_ACCOUNT_FAILURES)
      const next = await attemptSignIn(app.url, {
        username: 'barbara',
        password: PASSWORD,
        address: clientAddress(31, 1),
        label: `signing in (right password, new address) after ${MAX_ACCOUNT_FAILURES} failures on the account`,
      })
      expectRefused(
        next,
        `429 for that account after ${MAX_ACCOUNT_FAILURES} failed sign-ins within the window, even with the right password`,
        'count failed sign-ins per username, whatever address they come from: a botnet tries each account from many addresses',
      )
      // a username nobody registered (a new one each grade) must lock the same way
      const ghost = `ghost-${randomBytes(4).toString('hex')}`
      await failFromManyAddresses(app.url, ghost, 32, MAX_ACCOUNT_FAILURES)
      const probe = await attemptSignIn(app.url, {
        username: ghost,
        password: PASSWORD,
        address: clientAddress(33, 1),
        label: `signing in as a username nobody registered, from a new address, after ${MAX_ACCOUNT_FAILURES} failures on it`,
      })
      expectRefused(
        probe,
        `429 for a username nobody registered after ${MAX_ACCOUNT_FAILURES} failed sign-ins on it, as for a real account`,
        'count failures per username whether or not the account exists: a lock that only real accounts get tells an attacker which usernames exist',
      )
    },
  },
  {
    id: 'address-backoff',
    title: `After ${MAX_ADDRESS_FAILURES} failures from one address (on many accounts), that address gets 429, and others do not`,
    points: 2,
    timeoutMs: 120_000,
    needs: ['signs-in'],
    async run(ctx) {
      const { app } = await accountsApp(ctx)
      await register(app.url, 'edsger', PASSWORD)
      const attacker = clientAddress(40, 1)
      await sprayFromOneAddress(app.url, attacker, 'sprayed', MAX_ADDRESS_FAILURES)
      const fromAttacker = await attemptSignIn(app.url, {
        username: 'edsger',
        password: PASSWORD,
        address: attacker,
        spoofed: '203.0.113.250',
        label: `signing in from an address that failed ${MAX_ADDRESS_FAILURES} times on other accounts`,
      })
      expectRefused(
        fromAttacker,
        `429 from an address after ${MAX_ADDRESS_FAILURES} failed sign-ins within the window, whatever account it tries`,
        'count failed sign-ins per client address too (the last X-Forwarded-For entry, which the load balancer adds): an attacker trying one password on many accounts never trips a per-account limit',
      )
      const elsewhere = await attemptSignIn(app.url, {
        username: 'edsger',
        password: PASSWORD,
        address: clientAddress(41, 1),
        label: 'signing in with the right password from another address, meanwhile',
      })
      expectStatus(elsewhere, 200, 'hold back only the address that failed, not every client')
    },
  },
  {
    id: 'victim-keeps-access',
    title:
      'While an attacker has the account locked, its owner still signs in from an address they used before',
    points: 2,
    timeoutMs: 120_000,
    needs: ['account-backoff'],
    async run(ctx) {
      const { app } = await accountsApp(ctx)
      await register(app.url, 'katherine', PASSWORD)
      // the attacker has an account of their own, and signs in to it from the address they attack from
      await register(app.url, 'mallory', ATTACKER_PASSWORD)
      const attackerHome = clientAddress(52, 1)
      const home = clientAddress(50, 1)
      const owner = (label: string) =>
        attemptSignIn(app.url, { username: 'katherine', password: PASSWORD, address: home, label })
      expectStatus(await owner('the owner signing in from home'), 200)
      expectStatus(
        await attemptSignIn(app.url, {
          username: 'mallory',
          password: ATTACKER_PASSWORD,
          address: attackerHome,
          label: 'the attacker signing in to their own account',
        }),
        200,
      )
      await failFromManyAddresses(app.url, 'katherine', 51, MAX_ACCOUNT_FAILURES + 3)
      const again = await owner('the owner signing in from home while an attacker has the account locked')
      expectStatus(
        again,
        200,
        'an account lock must not hold back an address that has signed in to that account successfully: otherwise anyone can lock any user out',
      )
      const guess = await attemptSignIn(app.url, {
        username: 'katherine',
        password: PASSWORD,
        address: attackerHome,
        label:
          "the attacker guessing the owner's password, from an address that signed in to another account",
      })
      expectRefused(
        guess,
        '429 for the locked account from an address that never signed in to it (it signed in to another account)',
        'let through the addresses that signed in to this account, not every address that signed in somewhere: an attacker signs in to an account of their own first',
      )
    },
  },
  {
    id: 'lockout-expires',
    title: `Locks end within the window (${WINDOW_MS / 1000} s here) even while the attacker keeps trying`,
    points: 2,
    timeoutMs: 180_000,
    needs: ['account-backoff', 'address-backoff'],
    async run(ctx) {
      const { app } = await accountsApp(ctx)
      await register(app.url, 'hedy', PASSWORD)
      await register(app.url, 'alan', PASSWORD)
      const sprayer = clientAddress(60, 1)
      await sprayFromOneAddress(app.url, sprayer, 'expiry-spray', MAX_ADDRESS_FAILURES)
      await failFromManyAddresses(app.url, 'hedy', 61, MAX_ACCOUNT_FAILURES)
      const lastFailureAt = Date.now()
      // the attacker keeps knocking (refused, so it must not count) until shortly before the window ends
      for (let i = 1; i <= 20 && Date.now() < lastFailureAt + WINDOW_MS - 1_500 && !ctx.signal.aborted; i++) {
        await attemptSignIn(app.url, {
          username: 'hedy',
          password: `still-guessing-${i}`,
          address: clientAddress(62, i),
          label: 'a wrong password for a locked account',
        })
        await sleep(700)
      }
      await sleep(Math.max(0, lastFailureAt + WINDOW_MS + WINDOW_MARGIN_MS - Date.now()))
      const wait = `${(WINDOW_MS + WINDOW_MARGIN_MS) / 1000} s after the last failure`
      const owner = await attemptSignIn(app.url, {
        username: 'hedy',
        password: PASSWORD,
        address: clientAddress(63, 1),
        label: `signing in with the right password ${wait}, the attacker having kept trying`,
      })
      expectStatus(
        owner,
        200,
        'end a lock at most the window after the failure that started it, and do not count refused attempts (429) as failures: otherwise an attacker who keeps trying keeps the account locked for ever',
      )
      const sprayerLater = await attemptSignIn(app.url, {
        username: 'alan',
        password: PASSWORD,
        address: sprayer,
        label: `signing in with the right password from a held-back address ${wait}`,
      })
      expectStatus(
        sprayerLater,
        200,
        'end an address hold too at most the window after the failure that started it',
      )
    },
  },
])
