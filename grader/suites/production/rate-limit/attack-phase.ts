import { setTimeout as sleep } from 'node:timers/promises'
import type { ApiCheckContext, TesterPlan, TesterReport } from '@backend-labs/http-kit'
import { QUOTE_PATH, quotesApp } from '../../../../labs/production/rate-limit/quotes-api.ts'

export const BOTS = 20
export const USERS = 5

/** Users ask once a second (10 per window: half their quota); bots 25 times a second each. */
const USER_PLAN = { intervalMs: 1000, concurrency: 1, timeoutMs: 5000 } as const
const BOT_PLAN = { intervalMs: 40, concurrency: 1, timeoutMs: 5000 } as const
export const BASELINE_MS = 8000
export const ATTACK_MS = 8000
/** Bots join one after another over the attack's first half, as a botnet ramps up. */
const BOT_RAMP_MS = ATTACK_MS / 2

/** What the legitimate users saw alone, then with the botnet, and what the bots saw. */
export interface AttackPhase {
  usersAlone: TesterReport[]
  usersUnderAttack: TesterReport[]
  bots: TesterReport[]
}

const phases = new WeakMap<object, Promise<AttackPhase>>()

/**
 * Once per grade: 25 tester containers (own addresses) on the app's network. The 5 users first run
 * alone (the baseline, same run, same machine), then again while the 20 bots hammer the API.
 */
export function attackPhase(ctx: ApiCheckContext): Promise<AttackPhase> {
  let phase = phases.get(ctx.docker)
  if (!phase) {
    phase = (async () => {
      const app = await quotesApp(ctx)
      const testers = await ctx.docker.testers(BOTS + USERS, { key: 'crowd' })
      const users = testers.slice(0, USERS)
      const bots = testers.slice(USERS)
      const target = `${app.networkUrl}${QUOTE_PATH}`
      const userPlan = (durationMs: number): TesterPlan => ({ target, durationMs, ...USER_PLAN })
      const usersAlone = await Promise.all(users.map((u) => u.run(userPlan(BASELINE_MS))))
      const [usersUnderAttack, botReports] = await Promise.all([
        Promise.all(users.map((u) => u.run(userPlan(ATTACK_MS)))),
        Promise.all(
          bots.map(async (bot, i) => {
            const offset = Math.round((i * BOT_RAMP_MS) / bots.length)
            await sleep(offset)
            return bot.run({ target, durationMs: ATTACK_MS - offset, ...BOT_PLAN })
          }),
        ),
      ])
      return { usersAlone, usersUnderAttack, bots: botReports }
    })()
    phases.set(ctx.docker, phase)
  }
  return phase
}
