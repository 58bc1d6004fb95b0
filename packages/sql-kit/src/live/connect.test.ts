import { createServer } from 'node:net'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { openPool } from './connect.ts'
import { waitUntilReady } from './wait-until-ready.ts'

/** A 127.0.0.1 port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const credentials = { user: 'sa', password: 'Not-used-1!' }

describe('connecting to SQL Server (real mssql client, no server)', () => {
  it('reports a refused connection as an EnvironmentError with the address and ESOCKET', async () => {
    const port = await closedPort()
    const error = await openPool({ host: '127.0.0.1', port }, credentials, { requestTimeoutMs: 1000 }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(EnvironmentError)
    expect(error.message).toMatch(
      new RegExp(
        `^cannot connect to SQL Server at 127\\.0\\.0\\.1:${port} \\(ESOCKET\\): Failed to connect to 127\\.0\\.0\\.1:${port}`,
      ),
    )
    expect(error.hint).toContain('--engine static')
  })

  it('gives up waiting for readiness at the deadline, with the last reason', async () => {
    const port = await closedPort()
    const start = Date.now()
    const error = await waitUntilReady({ host: '127.0.0.1', port }, credentials, { timeoutMs: 1500 }).catch(
      (e) => e,
    )
    const elapsedMs = Date.now() - start
    expect(error).toBeInstanceOf(EnvironmentError)
    expect(error.message).toMatch(
      /^SQL Server at 127\.0\.0\.1:\d+ did not accept a login within 2 s: cannot connect .*ESOCKET/,
    )
    expect(elapsedMs).toBeGreaterThanOrEqual(700)
    expect(elapsedMs).toBeLessThan(4000)
  })
})
