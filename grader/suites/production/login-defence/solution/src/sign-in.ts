import { FailureLog } from './failure-log.ts'
import { dummyHash, verifyPassword } from './passwords.ts'
import type { UserStore } from './users.ts'

const WINDOW_MS = Number(process.env.LOGIN_WINDOW_MS ?? 15 * 60_000)
export const MAX_ACCOUNT_FAILURES = 5
export const MAX_ADDRESS_FAILURES = 10

const accountFailures = new FailureLog(WINDOW_MS)
const addressFailures = new FailureLog(WINDOW_MS)
/** Addresses that signed in to each account: that account's lock does not hold them back. */
const knownAddresses = new Map<string, Set<string>>()

export type SignInResult =
  | { kind: 'signed-in'; username: string }
  /** For the server's log only: the client gets the same answer for both reasons. */
  | { kind: 'rejected'; reason: 'no-such-user' | 'wrong-password' }
  | { kind: 'throttled'; retryAfterMs: number }

function rejected(
  username: string,
  address: string,
  reason: 'no-such-user' | 'wrong-password',
): SignInResult {
  const now = Date.now()
  accountFailures.record(username, now)
  addressFailures.record(address, now)
  return { kind: 'rejected', reason }
}

/** Checks one sign-in attempt from the client at `address`. */
export async function signIn(
  users: UserStore,
  username: string,
  password: string,
  address: string,
): Promise<SignInResult> {
  const now = Date.now()
  const addressWait = addressFailures.waitMs(address, MAX_ADDRESS_FAILURES, now)
  if (addressWait > 0) return { kind: 'throttled', retryAfterMs: addressWait }
  const known = knownAddresses.get(username)?.has(address) === true
  const accountWait = known ? 0 : accountFailures.waitMs(username, MAX_ACCOUNT_FAILURES, now)
  if (accountWait > 0) return { kind: 'throttled', retryAfterMs: accountWait }

  const user = await users.find(username)
  // an unknown username costs the same scrypt as a known one, so its answer takes as long
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()))
  if (!user) return rejected(username, address, 'no-such-user')
  if (!matches) return rejected(username, address, 'wrong-password')

  const addresses = knownAddresses.get(username) ?? new Set<string>()
  if (addresses.size < 100) addresses.add(address)
  knownAddresses.set(username, addresses)
  return { kind: 'signed-in', username: user.username }
}
