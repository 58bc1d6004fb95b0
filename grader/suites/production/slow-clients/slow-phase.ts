import {
  type DockerLab,
  type ProbeReport,
  probeAvailability,
  type SlowClientOutcome,
  slowBody,
  slowHeaders,
} from '@backend-labs/http-kit'
import { LIMITS, MARGIN_MS } from '../../../../labs/production/slow-clients/documents-api.ts'

/** What one attack phase showed: how each slow connection ended, and how normal clients fared meanwhile. */
export interface SlowPhaseReport {
  headers: SlowClientOutcome[]
  bodies: SlowClientOutcome[]
  probes: ProbeReport
}

const SLOW_HEADER_CLIENTS = 30
const SLOW_BODY_CLIENTS = 10
/** Normal clients probe while every slow connection is still open (before any limit can fire). */
const PROBE = { path: '/health', startAfterMs: 500, untilMs: 4000, everyMs: 250, timeoutMs: 8000 }

const phases = new WeakMap<DockerLab, Promise<SlowPhaseReport>>()

/**
 * Runs the attack once per grade (several checks read it): 30 slowloris connections and 10 slow
 * bodies at once, bounded by the README's limits plus the margin, while a normal client probes.
 */
export function slowPhase(docker: DockerLab, url: string): Promise<SlowPhaseReport> {
  let phase = phases.get(docker)
  if (!phase) {
    phase = (async () => {
      const headers = Array.from({ length: SLOW_HEADER_CLIENTS }, () =>
        slowHeaders(url, { intervalMs: 1000, maxMs: LIMITS.headersMs + MARGIN_MS }),
      )
      const bodies = Array.from({ length: SLOW_BODY_CLIENTS }, () =>
        slowBody(url, '/documents', 10_000, { intervalMs: 1000, maxMs: LIMITS.requestMs + MARGIN_MS }),
      )
      const probes = probeAvailability(url, PROBE)
      return {
        headers: await Promise.all(headers),
        bodies: await Promise.all(bodies),
        probes: await probes,
      }
    })()
    phases.set(docker, phase)
  }
  return phase
}

/** The slowest of a group, for a message: "still open after 15 s" or "cut after 6.1 s". */
export function worst(outcomes: SlowClientOutcome[]): { open: number; slowestMs: number } {
  return {
    open: outcomes.filter((o) => !o.cutOff).length,
    slowestMs: Math.max(0, ...outcomes.map((o) => o.afterMs)),
  }
}
