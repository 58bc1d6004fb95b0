import type { SeedResult } from './seed-images.ts'

const VERB: Record<SeedResult['outcome'], string> = {
  seeded: 'seeded',
  pulled: 'pulled',
  present: 'already present',
  unavailable: 'unavailable',
  failed: 'FAILED',
}

/** One line for a person: `node:22-bookworm-slim  seeded (offline stand-in, recipe node)  41.2 s`. */
export function formatSeedResult(result: SeedResult, refWidth = 34): string {
  const seconds = `${(result.durationMs / 1000).toFixed(1)} s`
  const what = result.detail ? `${VERB[result.outcome]} (${result.detail})` : VERB[result.outcome]
  return `${result.ref.padEnd(refWidth)}  ${what}  ${seconds}`
}
