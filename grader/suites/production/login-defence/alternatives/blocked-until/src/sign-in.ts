import { NOBODY, verifyPassword } from './passwords.ts'
import { Throttle } from './throttle.ts'
import type { UserStore } from './users.ts'

const windowMs = Number(process.env.LOGIN_WINDOW_MS) || 900_000
const perAccount = new Throttle(5, windowMs)
const perAddress = new Throttle(10, windowMs)
/** "username\naddress" pairs that signed in successfully. */
const trusted = new Set<string>()

export type SignInResult =
  | { kind: 'signed-in'; username: string }
  | { kind: 'no-such-user' }
  | { kind: 'wrong-password' }
  | { kind: 'throttled'; retryAfterMs: number }

export async function signIn(
  users: UserStore,
  username: string,
  password: string,
  address: string,
): Promise<SignInResult> {
  const wait = Math.max(
    perAddress.blockedForMs(address),
    trusted.has(`${username}\n${address}`) ? 0 : perAccount.blockedForMs(username),
  )
  if (wait > 0) return { kind: 'throttled', retryAfterMs: wait }

  const user = await users.find(username)
  const ok = await verifyPassword(password, user ? user.passwordHash : await NOBODY)
  if (user && ok) {
    if (trusted.size < 100_000) trusted.add(`${username}\n${address}`)
    return { kind: 'signed-in', username: user.username }
  }
  perAccount.fail(username)
  perAddress.fail(address)
  return user ? { kind: 'wrong-password' } : { kind: 'no-such-user' }
}
