import { createHash } from 'node:crypto'

/** The value stored in users.password_hash for a password. */
export async function hashPassword(password: string): Promise<string> {
  return createHash('sha256').update(password).digest('hex')
}

/** Whether `password` matches a value made by hashPassword(). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await hashPassword(password)) === stored
}
