import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CheckFailure } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from './http-exchange.ts'
import { expectContentType, expectJsonObject, expectShape, expectStatus } from './http-expect.ts'

let server: Server
let url = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/items/1') {
      res.setHeader('content-type', 'application/json; charset=utf-8')
      res.end(JSON.stringify({ id: 1, name: 'pen' }))
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2000)
    } else {
      res.statusCode = 404
      res.setHeader('content-type', 'text/plain')
      res.end('nope')
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

const failureOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    return e as CheckFailure
  }
  throw new Error('expected a failure')
}

describe('http-kit against a real server', () => {
  it('reads status, content type and JSON', async () => {
    const x = await send(url, { path: '/items/1' })
    expectStatus(x, 200)
    expectContentType(x, 'application/json')
    expectShape(expectJsonObject(x), { id: 'number', name: 'string' }, 'the item')
  })

  it('says what came instead, naming the request by its label only', async () => {
    const x = await send(url, {
      path: '/hidden-probe?secret=1',
      label: 'fetching an item that does not exist',
    })
    const f = failureOf(() => expectStatus(x, 200))
    expect(f.message).toBe(
      'expected status 200 for fetching an item that does not exist, but found 404 with body nope',
    )
    expect(f.message).not.toMatch(/hidden-probe|secret/)
    expect(failureOf(() => expectContentType(x, 'application/json')).message).toMatch(
      /found Content-Type text\/plain/,
    )
    expect(failureOf(() => expectShape({ id: '1' }, { id: 'number' }, 'the item')).message).toMatch(
      /"id" should be number but is string/,
    )
  })

  it('turns a timeout into a learner-facing failure', async () => {
    const err = await send(url, { path: '/slow', timeoutMs: 200 }).catch((e) => e)
    expect(err).toBeInstanceOf(CheckFailure)
    expect(err.message).toMatch(/no answer within 0.2 s/)
  })
})
