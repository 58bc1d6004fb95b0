import { afterEach, describe, expect, it } from 'vitest'
import { compareAlternately } from './alternating-rounds.ts'
import { describeLoadErrors, runLoad } from './load-run.ts'
import { checkLoadTarget } from './load-target.ts'
import { startTestServer, type TestServer } from './test-servers.ts'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
async function server(blockMs = 0): Promise<string> {
  const s = await startTestServer(blockMs)
  servers.push(s)
  return s.url
}

describe('checkLoadTarget', () => {
  it('accepts loopback and named grader hosts, refuses anything else', () => {
    expect(checkLoadTarget('http://127.0.0.1:8080', []).port).toBe('8080')
    expect(checkLoadTarget('http://app:3000', ['app']).hostname).toBe('app')
    expect(() => checkLoadTarget('http://example.com', [])).toThrow(/refused: load goes only to 127.0.0.1/)
    expect(() => checkLoadTarget('http://10.0.0.1:3000', ['app'])).toThrow(/refused/)
    expect(() => checkLoadTarget('https://127.0.0.1', [])).toThrow(/only plain http/)
  })
})

describe('runLoad', () => {
  it('refuses a host that is not local before sending anything', async () => {
    await expect(runLoad({ url: 'http://192.0.2.1', connections: 1, durationMs: 100 })).rejects.toThrow(
      /refused/,
    )
  })

  it('refuses unbounded settings', async () => {
    const url = 'http://127.0.0.1:9'
    await expect(runLoad({ url, connections: 500, durationMs: 100 })).rejects.toThrow(/connections/)
    await expect(runLoad({ url, connections: 1, durationMs: 120_000 })).rejects.toThrow(/durationMs/)
  })

  it('measures throughput and latency percentiles of a fast server', async () => {
    const result = await runLoad({ url: await server(), connections: 4, durationMs: 700 })
    expect(result.answered).toBeGreaterThan(50)
    expect(result.statuses.get(200)).toBe(result.answered)
    expect(result.non2xx).toBe(0)
    expect(result.errors).toBe(0)
    expect(result.throughputPerSec).toBeGreaterThan(50)
    const { p50, p95, p99, max } = result.latencyMs
    expect(p50).toBeLessThanOrEqual(p95)
    expect(p95).toBeLessThanOrEqual(p99)
    expect(p99).toBeLessThanOrEqual(max)
  })

  it('stops at `amount` requests', async () => {
    const result = await runLoad({ url: await server(), connections: 2, durationMs: 10_000, amount: 40 })
    expect(result.answered).toBe(40)
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('counts non-2xx answers and dropped connections', async () => {
    const result = await runLoad({
      url: await server(),
      connections: 2,
      durationMs: 500,
      requests: [{ path: '/ok' }, { path: '/fail' }, { path: '/drop' }],
    })
    expect(result.statuses.get(500)).toBeGreaterThan(0)
    expect(result.non2xx).toBe(result.statuses.get(500))
    expect(result.errors).toBeGreaterThan(0)
    expect(describeLoadErrors(result)).toMatch(/^\d+ answers \(\d+ × 500\), \d+ connection errors$/)
  })

  it('sees a blocking server: each request waits for the ones before it', async () => {
    const result = await runLoad({ url: await server(20), connections: 4, durationMs: 800 })
    // 20 ms of blocked event loop per request: at most 50 answers a second, whatever the connections
    expect(result.throughputPerSec).toBeLessThan(55)
    // four connections queue behind each other: the slowest answers wait for the other three
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(60)
  })
})

describe('compareAlternately with real servers', () => {
  it('passes a fast candidate against a blocking baseline, and fails the reverse', async () => {
    const fast = await server(0)
    // 100 ms blocked per request, 8 connections: the slow side's p99 is ~800 ms, far above the
    // fast side's on a machine so busy that scheduling alone adds 100–200 ms
    const slow = await server(100)
    const measure = (url: string) => () => runLoad({ url, connections: 8, durationMs: 1000 })
    const rules = {
      throughput: { direction: 'at-least', threshold: 3 },
      p99: { direction: 'at-most', threshold: 0.5 },
    } as const
    const ratios = ({ baseline, candidate }: { baseline: LoadResultLike; candidate: LoadResultLike }) => ({
      throughput: candidate.throughputPerSec / baseline.throughputPerSec,
      p99: candidate.latencyMs.p99 / baseline.latencyMs.p99,
    })
    const better = await compareAlternately({
      baseline: measure(slow),
      candidate: measure(fast),
      ratios,
      rules,
    })
    expect(better.decisions.throughput.verdict, String(better.decisions.throughput.ratios)).toBe('pass')
    expect(better.decisions.p99.verdict, String(better.decisions.p99.ratios)).toBe('pass')
    const worse = await compareAlternately({
      baseline: measure(fast),
      candidate: measure(slow),
      ratios,
      rules,
    })
    expect(worse.decisions.throughput.verdict).toBe('fail')
    expect(worse.decisions.p99.verdict).toBe('fail')
  }, 60_000)
})

interface LoadResultLike {
  throughputPerSec: number
  latencyMs: { p99: number }
}
