import { verifyPassword } from './passwords.ts'
import type { UserStore } from './users.ts'

export type SignInResult =
  | { kind: 'signed-in'; username: string }
  | { kind: 'no-such-user' }
  | { kind: 'wrong-password' }

/** Checks one sign-in attempt from the client at `address`. */
export async function signIn(
  users: UserStore,
  username: string,
  password: string,
  address: string,
): Promise<SignInResult> {
  void address // not used yet
  const user = await users.find(username)
  if (!user) return { kind: 'no-such-user' }
  if (!(await verifyPassword(password, user.passwordHash))) return { kind: 'wrong-password' }
  return { kind: 'signed-in', username: user.username }
}
