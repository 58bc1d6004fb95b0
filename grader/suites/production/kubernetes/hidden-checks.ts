import { type ApiCheckContext, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  planPod,
  probe,
  probeGap,
  probeUntil,
  startPod,
  warmedUp,
} from '../../../../labs/production/kubernetes/kubelet.ts'
import type { HttpProbe, PodRun } from '../../../../labs/production/kubernetes/pod-spec.ts'

/** Warm-up of the pod that serves traffic (the app's default, set so the grade does not depend on it). */
const WARM_UP_MS = '1500'
/** Warm-up of the pod that checks readiness: longer than the check, so it is never warm. */
const NEVER_WARM_MS = '600000'
/** Readiness probes sent to the cold pod: each must fail. */
const COLD_PROBES = 3

function needProbe(run: PodRun, kind: 'readiness' | 'liveness'): HttpProbe {
  const p = run[kind]
  if (!p)
    fail({
      expected: `a ${kind}Probe with httpGet`,
      found: `no ${kind}Probe the grader can send`,
      hint: 'see the resources-and-probes check',
    })
  return p
}

const bearer = (run: PodRun) => ({ authorization: `Bearer ${run.env.API_TOKEN ?? ''}` })

export const hiddenChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'ready-only-when-warm',
    title: 'The readiness probe fails while the app is still warming up, so it gets no traffic too early',
    points: 2,
    timeoutMs: 90_000,
    needs: ['manifests-valid', 'builds'],
    async run(ctx) {
      const run = await planPod(ctx)
      const readiness = needProbe(run, 'readiness')
      const cold = await startPod(ctx, run, { key: 'cold', env: { WARM_UP_MS: NEVER_WARM_MS } })
      try {
        for (let i = 0; i < COLD_PROBES; i++) {
          const result = await probe(cold, readiness)
          if (result.ok)
            fail({
              expected: `the readiness probe (GET ${readiness.path}) to fail while the app warms up`,
              found: `${result.found}: the kubelet would send traffic that the app answers with 503`,
              hint: 'probe the endpoint that says whether the app can serve, not the one that says it is alive',
            })
          await new Promise((r) => setTimeout(r, probeGap(readiness)))
        }
      } finally {
        await cold.stop(2000).catch(() => undefined)
      }
    },
  },
  {
    id: 'serves-traffic',
    title:
      'Run as the pod spec says (user, read-only root, env from the ConfigMap and Secret, limits), it gets ready and serves',
    points: 3,
    timeoutMs: 120_000,
    needs: ['manifests-valid', 'builds'],
    async run(ctx) {
      const run = await planPod(ctx)
      const readiness = needProbe(run, 'readiness')
      const app = await startPod(ctx, run, { key: 'pod', env: { WARM_UP_MS } })
      await warmedUp(app)
      const ready = await probeUntil(app, readiness, true, 1, 5)
      if (!ready.reached)
        fail({
          expected: `the readiness probe (GET ${readiness.path} on port ${readiness.port}) to succeed once the app has warmed up`,
          found: `${ready.found}: the kubelet would never mark the pod ready, and the Service would send it nothing`,
          hint: 'probe an endpoint the app really has: see the README for its routes',
        })
      const greeting = await send(app.url, { path: '/api/greeting', label: 'GET /api/greeting' })
      const expected = `${run.env.GREETING}, world`
      if (
        greeting.status !== 200 ||
        (greeting.json as { message?: unknown } | undefined)?.message !== expected
      )
        fail({
          expected: `GET /api/greeting to answer 200 {"message":"${expected}"} (GREETING from your ConfigMap)`,
          found: `${greeting.status} ${greeting.text.slice(0, 200)}`,
        })
      const who = await send(app.url, { path: '/api/whoami', headers: bearer(run), label: 'GET /api/whoami' })
      if (who.status !== 200)
        fail({
          expected: 'GET /api/whoami with the API_TOKEN from your Secret to answer 200',
          found: `${who.status}`,
        })
      const uid = (who.json as { uid?: unknown } | undefined)?.uid
      if (run.runAsUser !== undefined && uid !== run.runAsUser)
        fail({ expected: `the app to run as uid ${run.runAsUser} (runAsUser)`, found: `uid ${String(uid)}` })
    },
  },
  {
    id: 'liveness-restart',
    title:
      'The liveness probe passes on a healthy app, fails on a wedged one, and the restarted pod recovers',
    points: 3,
    timeoutMs: 120_000,
    needs: ['serves-traffic'],
    async run(ctx) {
      const run = await planPod(ctx)
      const readiness = needProbe(run, 'readiness')
      const liveness = needProbe(run, 'liveness')
      const app = await startPod(ctx, run, { key: 'pod', env: { WARM_UP_MS } })
      const healthy = await probeUntil(app, liveness, true, 1, 3)
      if (!healthy.reached)
        fail({
          expected: `the liveness probe (GET ${liveness.path} on port ${liveness.port}) to succeed on a healthy app`,
          found: `${healthy.found}: the kubelet would restart it over and over (CrashLoopBackOff)`,
          hint: 'probe an endpoint the app really has: see the README for its routes',
        })
      const wedge = await send(app.url, {
        method: 'POST',
        path: '/debug/wedge',
        headers: bearer(run),
        label: 'POST /debug/wedge',
      })
      if (wedge.status !== 202)
        fail({ expected: 'POST /debug/wedge (with the API_TOKEN) to answer 202', found: `${wedge.status}` })
      const threshold = liveness.failureThreshold
      const noticed = await probeUntil(app, liveness, false, threshold, threshold + 3)
      if (!noticed.reached)
        fail({
          expected: `the liveness probe to fail ${threshold} times in a row once the app is wedged (GET /api/greeting answers 500)`,
          found: `${noticed.found}: the kubelet would never restart it`,
          hint: 'probe the endpoint that reports whether the app is alive',
        })
      // failureThreshold failures in a row: the kubelet restarts the container
      await app.restart()
      await warmedUp(app, 2)
      const back = await probeUntil(app, readiness, true, 1, 5)
      const alive = await probe(app, liveness)
      const greeting = await send(app.url, {
        path: '/api/greeting',
        label: 'GET /api/greeting after the restart',
      })
      if (!back.reached || !alive.ok || greeting.status !== 200)
        fail({
          expected: 'the restarted container to be ready, alive and serving again',
          found: `readiness ${back.found}, liveness ${alive.found}, GET /api/greeting ${greeting.status}`,
        })
    },
  },
])
