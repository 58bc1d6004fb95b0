import type { ApiCheckContext, TesterPlan, TesterReport } from '@backend-labs/http-kit'
import { scaledWait } from '@backend-labs/lab-kit'
import { LIMIT_ENV, QUOTE_PATH, quotesApp } from '../../../../labs/production/rate-limit/quotes-api.ts'

export const BOTS = 20
export const USERS = 5

/** Users ask once a second (10 per window: half their quota); bots 25 times a second each. */
const USER_PLAN = { intervalMs: 1000, concurrency: 1, timeoutMs: 5000 } as const
const BOT_PLAN = { intervalMs: 40, concurrency: 1, timeoutMs: 5000 } as const
export const ATTACK_MS = 8000
/** Bots join one after another over the attack's first 6 s, as a botnet ramps up. */
const BOT_RAMP_MS = 6000
/**
 * Every client of a round is started this long before the round (stretched on a loaded machine) and
 * warms up on /health, then waits for the common start time: no client's start-up is measured.
 */
const LEAD_MS = 3000
/** A client that began sending later than this after the start time makes the round unfair to judge. */
export const LATE_START_MS = 1000
/** The network of the starter and its users, apart from the app's. */
const YARDSTICK_NETWORK = 'yardstick'

/**
 * What the legitimate users saw with the bots' traffic going to a sink (the baseline: the same
 * traffic, answered by a grader container, not the app), then with it going to /api/quote (the
 * attack), and what the bots saw.
 */
export interface AttackPhase {
  usersAlone: TesterReport[]
  /** Other users with the same plan, on the lab's starter (no bots on it), during the attack round. */
  starterUsersMeanwhile: TesterReport[]
  /** The bots' own reports of the baseline round (their traffic on the sink). */
  botsOnSink: TesterReport[]
  usersUnderAttack: TesterReport[]
  bots: TesterReport[]
}

const phases = new WeakMap<object, Promise<AttackPhase>>()

/**
 * Once per grade: 25 tester containers (own addresses) and a sink on the app's network, and the
 * lab's starter with 5 more testers on a network of their own, which the app cannot reach. Two
 * rounds, each client started ahead and warmed up, all sending from one start time (bots ramping):
 * the 5 users ask the app for quotes while the 20 bots send the same traffic, first to the sink (how
 * much the bots can send when every answer is prompt: `bots-throttled` compares with it), then to
 * /api/quote (the attack). During the attack the 5 other users send the same plan to the starter,
 * which no bot (and nothing of the app's) can reach: the yardstick for the users' latency, measured
 * at the same moment on the same machine, that the app has no say in.
 */
export function attackPhase(ctx: ApiCheckContext): Promise<AttackPhase> {
  let phase = phases.get(ctx.docker)
  if (!phase) {
    phase = (async () => {
      const app = await quotesApp(ctx)
      // the starter and its users on a network of their own: the app cannot reach (or flood) its yardstick
      const [testers, starterUsers, sink, starter] = await Promise.all([
        ctx.docker.testers(BOTS + USERS, { key: 'crowd' }),
        ctx.docker.testers(USERS, { key: 'starter-users', network: YARDSTICK_NETWORK }),
        ctx.docker.sink(),
        ctx.docker.starterApp({
          readiness: { kind: 'http', path: '/health' },
          env: LIMIT_ENV,
          network: YARDSTICK_NETWORK,
        }),
      ])
      const users = testers.slice(0, USERS)
      const bots = testers.slice(USERS)
      const target = `${app.networkUrl}${QUOTE_PATH}`
      const warmupTarget = `${app.networkUrl}/health`
      const round = (botTarget: string, botWarmupTarget: string, withStarter: boolean) => {
        const startAt = Date.now() + scaledWait(LEAD_MS)
        const userPlan: TesterPlan = { target, durationMs: ATTACK_MS, startAt, warmupTarget, ...USER_PLAN }
        const starterPlan: TesterPlan = {
          ...userPlan,
          target: `${starter.networkUrl}${QUOTE_PATH}`,
          warmupTarget: `${starter.networkUrl}/health`,
        }
        return Promise.all([
          Promise.all(users.map((u) => u.run(userPlan))),
          Promise.all(
            bots.map((bot, i) => {
              const offset = Math.round((i * BOT_RAMP_MS) / bots.length)
              return bot.run({
                target: botTarget,
                durationMs: ATTACK_MS - offset,
                startAt: startAt + offset,
                warmupTarget: botWarmupTarget,
                ...BOT_PLAN,
              })
            }),
          ),
          Promise.all(withStarter ? starterUsers.map((u) => u.run(starterPlan)) : []),
        ])
      }
      const [usersAlone, botsOnSink] = await round(
        `${sink.networkUrl}/quote`,
        `${sink.networkUrl}/health`,
        false,
      )
      const [usersUnderAttack, botReports, starterUsersMeanwhile] = await round(target, warmupTarget, true)
      return { usersAlone, botsOnSink, usersUnderAttack, bots: botReports, starterUsersMeanwhile }
    })()
    phases.set(ctx.docker, phase)
  }
  return phase
}
