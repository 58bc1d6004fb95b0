import { createServer as createHttpServer, type Server } from 'node:http'
import { type AddressInfo, createServer, type Server as NetServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { describeStatuses, sendBurst } from './request-burst.ts'
import { rawExchange, slowHeaders, statusOf } from './slow-client.ts'

const servers: (Server | NetServer)[] = []
afterEach(() => {
  for (const s of servers.splice(0)) {
    if ('closeAllConnections' in s) s.closeAllConnections()
    s.close()
  }
})

async function listen<T extends Server | NetServer>(server: T): Promise<string> {
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('statusOf', () => {
  it('reads the status of the first answer only', () => {
    expect(statusOf('HTTP/1.1 408 Request Timeout\r\n\r\n')).toBe(408)
    expect(statusOf('garbage')).toBeUndefined()
  })
})

describe('slowHeaders', () => {
  it('reports a cut-off when the server closes after a few header lines', async () => {
    let lines = 0
    const url = await listen(
      createServer((socket) =>
        socket.on('data', (d) => {
          lines += d.toString().split('\r\n').length - 1
          // once: more header lines may still arrive after the answer is sent
          if (lines >= 4 && !socket.writableEnded) socket.end('HTTP/1.1 408 Request Timeout\r\n\r\n')
        }),
      ),
    )
    const outcome = await slowHeaders(url, { intervalMs: 10, maxMs: 10_000 })
    expect(outcome).toMatchObject({ cutOff: true, status: 408 })
  })

  it('gives up at maxMs when the server never closes', async () => {
    const url = await listen(createServer(() => {}))
    const outcome = await slowHeaders(url, { intervalMs: 10, maxMs: 200 })
    expect(outcome.cutOff).toBe(false)
  })
})

describe('rawExchange', () => {
  it('gets an early 413 although the body is still being written', async () => {
    const url = await listen(
      createHttpServer((req, res) => {
        res.writeHead(413, { connection: 'close', 'content-length': '0' })
        res.end()
        req.destroy()
      }),
    )
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4194304\r\n\r\n'
    const answer = await rawExchange(url, head, Buffer.alloc(4 * 1024 * 1024, 49), 10_000)
    expect(answer.status).toBe(413)
  })
})

describe('sendBurst', () => {
  it('counts every answer by status and every dropped connection', async () => {
    let n = 0
    const url = await listen(
      createHttpServer((req, res) => {
        n++
        if (n % 10 === 0) return req.socket.destroy()
        res.statusCode = n % 2 ? 201 : 409
        res.end('{}')
      }),
    )
    const outcome = await sendBurst(
      Array.from({ length: 40 }, () => ({ url: `${url}/orders`, body: { itemId: 1 } })),
      { startJitterMs: 5, maxSockets: 1 },
    )
    expect(describeStatuses(outcome)).toBe('20 × 201, 16 × 409, 4 × connection failed (ECONNRESET)')
  })
})
