import { timingSafeEqual } from 'node:crypto'
import { Worker } from 'node:worker_threads'

// Hashing runs in worker threads (each a plain pbkdf2Sync): the event loop only posts messages.
const WORKERS = 2
const HASH_WORKER = `
const { parentPort } = require('node:worker_threads')
const { pbkdf2Sync } = require('node:crypto')
parentPort.on('message', ({ id, password, salt }) => {
  const hash = pbkdf2Sync(password, salt, 210000, 64, 'sha512').toString('hex')
  parentPort.postMessage({ id, hash })
})
`

const pending = new Map<number, (hash: string) => void>()
let nextId = 0
const workers = Array.from({ length: WORKERS }, () => {
  const worker = new Worker(HASH_WORKER, { eval: true })
  worker.on('message', ({ id, hash }: { id: number; hash: string }) => {
    pending.get(id)?.(hash)
    pending.delete(id)
  })
  worker.unref()
  return worker
})

/** The password's hash with this salt, as hex, computed by one of the worker threads. */
export function hashPassword(password: string, salt: string): Promise<string> {
  const id = nextId++
  return new Promise((resolve) => {
    pending.set(id, resolve)
    workers[id % WORKERS]?.postMessage({ id, password, salt })
  })
}

/** Whether `password` hashes to `expectedHex` with `salt`. */
export async function verifyPassword(password: string, salt: string, expectedHex: string): Promise<boolean> {
  const actual = Buffer.from(await hashPassword(password, salt), 'hex')
  const expected = Buffer.from(expectedHex, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
