import { type AttemptRecord, HISTORY_VERSION } from '../../history/attempt-record.ts'

/** `count` attempts spread over `labs`, a minute apart, scores climbing to a pass on every 5th. */
export function seededHistory(
  labs: string[],
  count: number,
  start = Date.UTC(2026, 0, 5, 9),
): AttemptRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const lab = labs[i % labs.length]!
    const round = Math.floor(i / labs.length)
    const passed = round % 5 === 4
    const score = passed ? 6 : Math.min(5, round % 5) + (i % 2)
    return {
      v: HISTORY_VERSION,
      kind: 'attempt',
      at: new Date(start + i * 60_000).toISOString(),
      lab,
      score,
      max: 6,
      status: passed ? 'passed' : 'failed',
      failed: passed ? [] : ['gitignore', 'message-style'].slice(0, 1 + (i % 2)),
      durationMs: 300 + i,
    }
  })
}

export const historyText = (records: AttemptRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('')
