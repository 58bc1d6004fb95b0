import { type ApiCheckContext, answersWithin, quantile, type TesterReport } from '@backend-labs/http-kit'
import { cannotDecide, defineChecks, fail } from '@backend-labs/lab-kit'
import { LIMITS } from '../../../../labs/production/rate-limit/quotes-api.ts'
import { attackPhase, BOTS, LATE_START_MS, USERS } from './attack-phase.ts'
import { proxyPhase, spoofPhase } from './forwarded-phase.ts'
import { LATENCY_RATIO, latencyVerdict } from './latency-verdict.ts'

const QUOTA = LIMITS.requests
/** In any stretch shorter than a window, a fixed window can let a client through twice (its end, the next start). */
const MOST_PER_BOT = 2 * QUOTA
const USER_SUCCESS = 0.99

const ok = (r: TesterReport) => answersWithin(r.statuses, 200, 299)
const ms = (value: number | undefined) => (value === undefined ? 'none' : `${Math.round(value)} ms`)

export const hiddenChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'bots-throttled',
    title: `Each of ${BOTS} bots, each from its own address, is held to its quota with 429s`,
    points: 2,
    timeoutMs: 240_000,
    needs: ['quota-enforced'],
    async run(ctx) {
      const { bots, botsOnSink } = await attackPhase(ctx)
      const overQuota = bots.filter((bot) => bot.sent > MOST_PER_BOT)
      if (overQuota.length < bots.length / 2 && !bots.some((bot) => ok(bot) > MOST_PER_BOT)) {
        // Too few requests sent. The same bots sending to the grader's sink just before tell whose
        // fault it is: if they could send enough there, the app's answers held them back.
        const sinkOverQuota = botsOnSink.filter((bot) => bot.sent > MOST_PER_BOT).length
        const p95 = quantile(
          bots.flatMap((b) => b.latenciesMs),
          0.95,
        )
        if (sinkOverQuota >= bots.length / 2)
          fail({
            expected: `each bot (25 requests a second for up to 8 s) answered fast enough to reach its quota of ${QUOTA}, then refused with 429`,
            found: `only ${overQuota.length} of ${bots.length} bots could send more than ${MOST_PER_BOT} requests to /api/quote (its answers took up to ${ms(p95)}, p95), while ${sinkOverQuota} of ${bots.length} sent more than ${MOST_PER_BOT} to the grader's own server just before`,
            hint: 'answer (or refuse) every request promptly: a limit that makes clients wait instead of refusing them lets the work pile up',
          })
        cannotDecide(
          `The grader's bots could not send enough requests to test your limit: only ${overQuota.length} of ${bots.length} sent more than ${MOST_PER_BOT} in 8 s, and only ${sinkOverQuota} did to the grader's own server just before, so this machine is too busy to decide.`,
          'Grade again when the machine is quieter.',
        )
      }
      for (const [i, bot] of bots.entries()) {
        const refused = answersWithin(bot.statuses, 429, 429)
        if (ok(bot) > MOST_PER_BOT || (bot.sent > MOST_PER_BOT && refused === 0))
          fail({
            expected: `each bot (25 requests a second for up to 8 s) gets at most ${MOST_PER_BOT} answers 2xx, the rest 429`,
            found: `bot ${i + 1} of ${bots.length} got ${ok(bot)} answers 2xx and ${refused} answers 429 out of ${bot.sent} requests`,
            hint: 'count each client address on its own, and refuse with 429 once its quota for the window is used',
          })
      }
    },
  },
  {
    id: 'legit-users-served',
    title: `${USERS} real users keep getting answers while the botnet attacks`,
    points: 2,
    timeoutMs: 240_000,
    needs: ['quota-enforced'],
    async run(ctx) {
      const { usersUnderAttack } = await attackPhase(ctx)
      const sent = usersUnderAttack.reduce((sum, r) => sum + r.sent, 0)
      const served = usersUnderAttack.reduce((sum, r) => sum + ok(r), 0)
      const errors = usersUnderAttack.flatMap((r) =>
        Object.entries(r.errors).map(([code, n]) => `${n} × ${code}`),
      )
      const refused = usersUnderAttack.reduce((sum, r) => sum + answersWithin(r.statuses, 429, 429), 0)
      // A request whose kept-alive connection was closed before any answer is sent again, as an HTTP
      // client does (it counts by its second try); more than USERS such requests in all is the app's.
      const retried = usersUnderAttack.reduce((sum, r) => sum + (r.retriedResets ?? 0), 0)
      const retriedNote = retried
        ? `; ${retried} sent again after their connection was closed unanswered`
        : ''
      if (sent === 0 || served / sent < USER_SUCCESS || retried > USERS)
        fail({
          expected: `at least ${USER_SUCCESS * 100} % of the real users' requests (one a second each, half their quota) answered 2xx during the attack, and at most ${USERS} requests in all that had to be sent again because their connection was closed unanswered`,
          found: `${served} of ${sent} answered 2xx (${refused} refused with 429${errors.length ? `; no answer: ${errors.join(', ')}` : ''}${retriedNote})`,
          hint:
            refused > 0
              ? 'users who stay under their quota were refused: is the limit kept per client address, or shared by everyone?'
              : retried > USERS
                ? 'your server closed connections under requests it had read: read your container logs for a crash or restart, and answer (or refuse) every request it reads'
                : 'the bots crowd the users out: refuse over-quota requests before doing any expensive work',
        })
    },
  },
  {
    id: 'latency-under-attack',
    title: `Real users' p95 latency under attack stays within ${LATENCY_RATIO}× that of users who ask the starter at the same time`,
    points: 2,
    timeoutMs: 240_000,
    needs: ['quota-enforced'],
    async run(ctx) {
      const { usersAlone, starterUsersMeanwhile, usersUnderAttack, bots } = await attackPhase(ctx)
      const p95 = (reports: TesterReport[]) =>
        quantile(
          reports.flatMap((r) => r.latenciesMs),
          0.95,
        )
      const attacked = p95(usersUnderAttack)
      const starterMeanwhile = p95(starterUsersMeanwhile)
      const botSent = bots.reduce((n, b) => n + b.sent, 0)
      const late = Math.max(
        ...[...usersAlone, ...usersUnderAttack, ...starterUsersMeanwhile, ...bots].map(
          (r) => r.startedLateMs ?? 0,
        ),
      )
      ctx.log(
        `users' p95 under attack ${ms(attacked)}, the starter's users meanwhile ${ms(starterMeanwhile)} (with the bots on the grader's server before: ${ms(p95(usersAlone))}); the bots sent ${botSent} requests during the attack; latest client start ${ms(late)} late`,
      )
      if (late > LATE_START_MS)
        cannotDecide(
          `The grader's own clients started up to ${ms(late)} late (they were still starting when their round began), so the latencies cannot be compared fairly: this machine is too busy.`,
          'Grade again when the machine is quieter.',
        )
      const verdict = latencyVerdict({ attacked, starterMeanwhile })
      if (verdict.kind === 'no-starter-baseline')
        cannotDecide(
          "The lab's starter, which the grader's other users asked at the same time, answered none of their requests, so there is nothing to compare your app with.",
          'Grade again; if it happens again, report it to your instructor with this run.',
        )
      if (verdict.kind === 'fail')
        fail({
          expected: `the users' p95 latency under attack at most ${LATENCY_RATIO}× the p95 of ${USERS} other users who asked the lab's starter the same way at the same time, with no bots on it: at most ${LATENCY_RATIO} × ${ms(starterMeanwhile)} = ${ms(verdict.allowedMs)}`,
          found: `p95 under attack ${ms(attacked)}${attacked && starterMeanwhile ? ` (${(attacked / starterMeanwhile).toFixed(1)}× the starter's)` : ''}`,
          hint: 'a refused request must cost almost nothing: check the limit first, before any pricing, parsing or database work, and answer at once (never hold an answer back)',
        })
    },
  },
  {
    id: 'spoofed-forwarded-for',
    title: 'A client cannot escape its limit by sending its own X-Forwarded-For',
    points: 1,
    timeoutMs: 240_000,
    needs: ['quota-enforced'],
    async run(ctx) {
      const report = await spoofPhase(ctx)
      if (answersWithin(report.statuses, 429, 429) === 0)
        fail({
          expected:
            'a client that sends a new X-Forwarded-For with each request is still limited by its own address',
          found: `${ok(report)} of ${report.sent} requests answered 2xx, none refused`,
          hint: 'believe X-Forwarded-For only when the connection comes from TRUSTED_PROXY; without it, use the peer address',
        })
    },
  },
  {
    id: 'trusted-proxy',
    title: 'Behind the trusted proxy, each client of the proxy has its own quota',
    points: 2,
    timeoutMs: 240_000,
    needs: ['quota-enforced'],
    async run(ctx) {
      const { heavy, light } = await proxyPhase(ctx)
      if (answersWithin(heavy, 429, 429) === 0)
        fail({
          expected: `a client of the proxy that sends 30 requests quickly is refused once it has used its ${QUOTA}`,
          found: `none of its requests was refused (${JSON.stringify(heavy)})`,
          hint: 'take the client from the LAST entry of X-Forwarded-For (the one your proxy added); entries to its left come from the client and can be forged',
        })
      const refusedLight = light.map((s) => answersWithin(s, 429, 429)).reduce((a, b) => a + b, 0)
      if (refusedLight > 0)
        fail({
          expected:
            'two quiet clients of the proxy (10 requests each) all served, while a third one is over its quota',
          found: `${refusedLight} of their 20 requests were refused with 429`,
          hint: 'when the connection comes from TRUSTED_PROXY, the client is the address in X-Forwarded-For, not the proxy',
        })
    },
  },
])
