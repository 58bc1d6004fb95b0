import { describe, expect, it } from 'vitest'
import { LabCatalog } from '../src/engine/lab-catalog.ts'
import { ProjectPaths } from '../src/engine/project-paths.ts'
import { verifyAgainstRecord } from '../src/engine/verify-against-record.ts'
import { CONTAINER_SERVICES, dockerSkipReason } from './docker-availability.ts'

// `labs verify --against-records` for every lab: the solution scores full marks, the starter does
// not, and every fixture fails exactly its declared checks; a lab unchanged since its record
// (`labs verify --record`) has its solution and starter graded and their recorded verdicts expected.
const paths = new ProjectPaths()
const catalog = new LabCatalog(paths)
const labs = await Promise.all((await catalog.ids()).map((id) => catalog.load(id)))
const skipDocker = await dockerSkipReason()
const needsDocker = (services: string[]) => services.some((s) => CONTAINER_SERVICES.includes(s))

describe('labs verify', () => {
  it('finds the labs of every track', () => {
    expect(new Set(labs.map((l) => l.track))).toEqual(new Set(['docker', 'git', 'production', 'sqlserver']))
  })

  for (const lab of labs) {
    const reason = needsDocker(lab.manifest.services) ? skipDocker : undefined
    it.skipIf(reason !== undefined)(
      `${lab.id}${reason ? ` (${reason})` : ''}`,
      { timeout: 600_000 },
      async () => {
        const { report, fixtures } = await verifyAgainstRecord(lab, paths)
        const broken = [
          ...report.problems,
          ...report.cases.filter((c) => !c.ok).map((c) => `${c.kind} ${c.id}: ${c.problems.join('; ')}`),
        ]
        expect(broken, broken.join('\n')).toEqual([])
        expect(fixtures).toBeGreaterThanOrEqual(3)
      },
    )
  }
})
