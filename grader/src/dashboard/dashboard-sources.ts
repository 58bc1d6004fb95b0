import { dirname } from 'node:path'
import { readSummary } from '../batch/result-store.ts'
import type { AppContext } from '../cli/app-context.ts'
import { listLabs } from '../engine/lab-listing.ts'
import { buildClassModel } from './class-model.ts'
import type { ModelSource } from './dashboard-server.ts'
import { buildLearnerModel, type CatalogLab } from './learner-model.ts'

/** Every lab with its status (as `labs list` decides it) and its prerequisites. */
async function catalogLabs(app: AppContext): Promise<CatalogLab[]> {
  const listed = await listLabs(app)
  return Promise.all(
    listed.map(async (l) => ({
      id: l.id,
      track: l.track,
      title: l.title,
      status: l.status,
      prerequisites: (await app.catalog.load(l.id)).manifest.prerequisites,
    })),
  )
}

/** The learner's own view: their labs and attempt history, watched for new grades. */
export function learnerSource(app: AppContext): ModelSource {
  return {
    model: async () => buildLearnerModel(await catalogLabs(app), await app.progress.history.read()),
    watch: { dir: app.paths.stateDir, files: ['history.jsonl', 'progress.json'] },
  }
}

/** The class view of a batch's results (`--results DIR`), with regrade differences against `previous`. */
export function classSource(results: string, previous?: string): ModelSource {
  const summaryFile = results.endsWith('.json') ? results : `${results}/summary.json`
  return {
    model: async () =>
      buildClassModel(await readSummary(results), previous ? await readSummary(previous) : undefined),
    watch: { dir: dirname(summaryFile), files: ['summary.json'] },
  }
}
