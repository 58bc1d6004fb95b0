import type { BatchSummary } from './batch-summary.ts'
import { csvRow } from './csv.ts'

/**
 * The gradebook: one row per learner (sorted by id), one column per lab holding its score, then the
 * total, the row's status and notes saying why a row or a lab could not be graded. A row whose
 * submission could not be graded at all has empty score cells: it needs attention, not a zero.
 * Nothing here depends on timing, so equal grades give byte-identical files.
 */
export function gradebookCsv(summary: BatchSummary): string {
  const lines = [csvRow(['learner', ...summary.labs, 'total', 'status', 'notes'])]
  for (const row of summary.learners) {
    if (row.status === 'error') {
      lines.push(csvRow([row.learner, ...summary.labs.map(() => ''), '', 'error', row.error ?? '']))
      continue
    }
    const byLab = new Map(row.results.map((r) => [r.id, r]))
    const cells = summary.labs.map((id) => byLab.get(id)?.score ?? '')
    const total = row.results.reduce((sum, r) => sum + r.score, 0)
    const notes = row.results
      .filter((r) => r.status === 'error')
      .map((r) => `${r.id}: ${r.error?.message ?? 'not graded'}`)
    lines.push(csvRow([row.learner, ...cells, total, 'graded', notes.join('; ')]))
  }
  return `${lines.join('\n')}\n`
}
