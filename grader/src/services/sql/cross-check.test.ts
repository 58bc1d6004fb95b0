import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareModels, type SchemaModel } from '@backend-labs/sql-kit'
import { LiveEngine } from '@backend-labs/sql-kit/live'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadLabChecks } from '../../engine/grade-lab.ts'
import { LabCatalog } from '../../engine/lab-catalog.ts'
import { loadSuite } from '../../engine/lab-modules.ts'
import { ProjectPaths } from '../../engine/project-paths.ts'
import { runChecks } from '../../engine/run-checks.ts'
import { materializeStarter } from '../../engine/starter.ts'
import { SQL_SERVER_IMAGE, sqlDockerFacts } from './engine-selection.ts'
import { SubmissionSqlLab } from './submission-sql-lab.ts'

const facts = await sqlDockerFacts()
const imagePresent = facts.reachable && facts.imagePresent

/**
 * The proof that the static engine reads what SQL Server builds: every SQL lab's reference solution
 * is graded by both engines (full marks from each), and the two schema models must not differ.
 */
describe.skipIf(!imagePresent)(
  `static and live engines agree on every SQL lab (skipped: image ${SQL_SERVER_IMAGE} not available locally)`,
  () => {
    let engine: LiveEngine
    const paths = new ProjectPaths()
    beforeAll(async () => {
      process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true'
      process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost'
      engine = await LiveEngine.start({ image: SQL_SERVER_IMAGE })
    }, 240_000)
    afterAll(async () => {
      await engine?.stop()
    })

    it('grades each reference solution fully under both engines, with equal models', async () => {
      const catalog = new LabCatalog(paths)
      let compared = 0
      for (const id of await catalog.ids()) {
        const lab = await catalog.load(id)
        if (!lab.manifest.services.includes('sql')) continue
        const suite = await loadSuite(lab, paths)
        if (!suite?.solution.dir) continue
        const dir = await mkdtemp(join(tmpdir(), 'sql-cross-check-'))
        try {
          await materializeStarter(lab, paths, dir)
          await cp(join(paths.suiteDir(lab.id), suite.solution.dir), dir, { recursive: true, force: true })
          const { checks } = await loadLabChecks(lab, paths, false)
          const models: Partial<Record<'static' | 'live', SchemaModel>> = {}
          for (const name of ['static', 'live'] as const) {
            const sql = new SubmissionSqlLab({ engine: name, dir, liveEngine: async () => engine })
            try {
              const { results } = await runChecks(checks, {
                engine: name,
                revealInternals: true,
                context: (_check, signal) => ({
                  sql,
                  labId: lab.id,
                  submissionDir: dir,
                  signal,
                  log: () => {},
                }),
              })
              const bad = results.filter((r) => r.status === 'failed' || r.status === 'error')
              expect(bad.map((r) => `${lab.id} (${name}) ${r.id}: ${r.message}`)).toEqual([])
              models[name] = await sql.model()
            } finally {
              await sql.dispose()
            }
          }
          expect(compareModels(models.static!, models.live!).map((d) => `${lab.id}: ${d}`)).toEqual([])
          compared++
        } finally {
          await rm(dir, { recursive: true, force: true })
        }
      }
      expect(compared).toBeGreaterThanOrEqual(2)
    }, 900_000)
  },
)
