import { existsSync } from 'node:fs'
import type { LabCatalog } from './lab-catalog.ts'
import type { ProgressStore } from './progress-store.ts'
import type { ProjectPaths } from './project-paths.ts'

/** One lab as `labs list` and the dashboard show it. */
export interface LabListing {
  id: string
  track: string
  title: string
  difficulty: string
  minutes: number
  status: 'not started' | 'in progress' | 'passed'
  /** Passed as far as the static engine can tell (some checks need SQL Server). */
  staticOnly?: boolean
  score?: number
  maxScore?: number
  /** Work in progress, listed only with LABS_DRAFTS=1 (draft-labs.ts). */
  draft?: boolean
}

/** What `listLabs` reads: the catalog, the learner's progress and where workspaces live. */
export interface ListingSources {
  paths: ProjectPaths
  catalog: LabCatalog
  progress: ProgressStore
}

/** Every lab (or a track's), with the learner's status and best score. */
export async function listLabs(app: ListingSources, track?: string): Promise<LabListing[]> {
  const progress = await app.progress.read()
  const ids = await app.catalog.select(track ? { track } : { all: true })
  const out: LabListing[] = []
  for (const id of ids) {
    const lab = await app.catalog.load(id)
    const p = progress[id]
    const bundle =
      lab.manifest.submission.type === 'git' ? app.paths.bundle(id, lab.manifest.submission.bundle) : ''
    const started = existsSync(app.paths.workspace(id)) || (bundle !== '' && existsSync(bundle))
    const status =
      p?.status === 'passed' || p?.status === 'passed-static'
        ? 'passed'
        : started || p
          ? 'in progress'
          : 'not started'
    const entry: LabListing = {
      id,
      track: lab.track,
      title: lab.manifest.title,
      difficulty: lab.manifest.difficulty,
      minutes: lab.manifest.minutes,
      status,
    }
    if (p) Object.assign(entry, { score: p.score, maxScore: p.maxScore })
    if (p?.status === 'passed-static') entry.staticOnly = true
    if (await app.catalog.isDraft(id)) entry.draft = true
    out.push(entry)
  }
  return out
}
