import { availableParallelism, loadavg } from 'node:os'

/** The most a busy machine stretches the grader's waits: 4×, the oversubscription `pnpm test:load` proves. */
export const MAX_TIME_SCALE = 4

/**
 * How much the grader's own waits stretch on this machine now: check time limits and the time it
 * gives a container to start or turn healthy. 1 on a quiet machine; on a busy one, the 1-minute load
 * average per core, at most MAX_TIME_SCALE. LABS_TIME_SCALE sets it (1 in tests of exact timeouts).
 * Limits the learner configures (a keep-alive timeout, a quota window) never stretch.
 */
export function machineTimeScale(): number {
  const forced = Number(process.env.LABS_TIME_SCALE)
  if (process.env.LABS_TIME_SCALE && Number.isFinite(forced) && forced >= 1) return forced
  const perCore = (loadavg()[0] ?? 0) / availableParallelism()
  return Math.min(MAX_TIME_SCALE, Math.max(1, Math.round(perCore * 10) / 10))
}

/** A grader-side wait of `ms` on a quiet machine, stretched for this one. */
export function scaledWait(ms: number, scale = machineTimeScale()): number {
  return Math.round(ms * scale)
}
