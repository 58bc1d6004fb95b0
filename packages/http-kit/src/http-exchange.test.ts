import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CheckFailure } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from './http-exchange.ts'

// An app's answer cannot fill the grader's memory or end a check as a grader error.
let server: Server
let url = ''
let endlessBytesSent = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/endless') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      const chunk = Buffer.alloc(64 * 1024, 'x')
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) endlessBytesSent += chunk.length
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    } else if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"half":')
    } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('send', () => {
  it('reads at most 1 MiB of an endless body, then drops the connection', async () => {
    const answer = await send(url, { path: '/endless', timeoutMs: 10_000 })
    expect(answer.status).toBe(200)
    expect(answer.text.length).toBe(1024 * 1024)
    const sentWhenRead = endlessBytesSent
    await new Promise((resolve) => setTimeout(resolve, 200))
    // the server stopped: nobody reads the rest (a socket buffer or two at most)
    expect(endlessBytesSent - sentWhenRead).toBeLessThan(8 * 1024 * 1024)
  })

  it("a body that stalls is the app's failure, with a message for a person", async () => {
    const failure = await send(url, { path: '/stall', timeoutMs: 500, label: 'reading a book' }).catch(
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(CheckFailure)
    expect((failure as CheckFailure).message).toContain('the whole answer to reading a book')
    expect((failure as CheckFailure).message).toContain('still unfinished after 0.5 s')
  })

  it('a normal answer is read and parsed', async () => {
    const answer = await send(url, { path: '/' })
    expect(answer.json).toEqual({ ok: true })
  })
})
