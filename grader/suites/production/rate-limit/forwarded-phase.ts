import type { ApiCheckContext, TesterReport } from '@backend-labs/http-kit'
import { QUOTE_PATH, quotesApp } from '../../../../labs/production/rate-limit/quotes-api.ts'

const SPOOFED_REQUESTS = 45
const spoofs = new WeakMap<object, Promise<TesterReport>>()

/** One client, straight to the app, with a new forged X-Forwarded-For on each request. */
export function spoofPhase(ctx: ApiCheckContext): Promise<TesterReport> {
  let phase = spoofs.get(ctx.docker)
  if (!phase) {
    phase = (async () => {
      const app = await quotesApp(ctx)
      const [spoofer] = await ctx.docker.testers(1, { key: 'spoofer' })
      return spoofer!.run({
        target: `${app.networkUrl}${QUOTE_PATH}`,
        maxRequests: SPOOFED_REQUESTS,
        durationMs: 15_000,
        headerSets: Array.from({ length: SPOOFED_REQUESTS }, (_, i) => ({
          'x-forwarded-for': `203.0.113.${i + 1}`,
        })),
      })
    })()
    spoofs.set(ctx.docker, phase)
  }
  return phase
}

/** The statuses the proxy's clients got: the heavy one (30 requests) and the two light ones (10 each). */
export interface ProxyPhase {
  heavy: Record<string, number>
  light: Record<string, number>[]
}

const HEAVY = '198.51.100.10'
const LIGHT = ['198.51.100.11', '198.51.100.12']
const proxies = new WeakMap<object, Promise<ProxyPhase>>()

/**
 * A tester plays the reverse proxy: a second app trusts its address (TRUSTED_PROXY), and it forwards
 * three clients' requests, appending each client's address to X-Forwarded-For. The heavy client also
 * forges an entry of its own to the left, new on each request.
 */
export function proxyPhase(ctx: ApiCheckContext): Promise<ProxyPhase> {
  let phase = proxies.get(ctx.docker)
  if (!phase) {
    phase = (async () => {
      const [proxy] = await ctx.docker.testers(1, { key: 'proxy' })
      const app = await quotesApp(ctx, proxy!.address)
      // 50 requests in turn: heavy, light 1, heavy, light 2, heavy, …
      const headerSets = Array.from({ length: 50 }, (_, i) => {
        const slot = i % 5
        const client = slot === 1 ? LIGHT[0]! : slot === 3 ? LIGHT[1]! : HEAVY
        const forged = client === HEAVY ? `192.0.2.${(i % 250) + 1}, ` : ''
        return { 'x-forwarded-for': `${forged}${client}` }
      })
      const report = await proxy!.run({
        target: `${app.networkUrl}${QUOTE_PATH}`,
        maxRequests: headerSets.length,
        durationMs: 15_000,
        headerSets,
      })
      const bySet = report.statusesBySet
      const sum = (slots: number[]) => {
        const total: Record<string, number> = {}
        bySet.forEach((statuses, i) => {
          if (!slots.includes(i % 5)) return
          for (const [status, n] of Object.entries(statuses)) total[status] = (total[status] ?? 0) + n
        })
        return total
      }
      return { heavy: sum([0, 2, 4]), light: [sum([1]), sum([3])] }
    })()
    proxies.set(ctx.docker, phase)
  }
  return phase
}
