import { describe, expect, it } from 'vitest'
import { LabCatalog } from '../src/engine/lab-catalog.ts'
import { ProjectPaths } from '../src/engine/project-paths.ts'
import { verifyLab } from '../src/engine/verify-lab.ts'

// `labs verify` for every lab: the solution scores full marks, the starter does not,
// and every fixture fails exactly its declared checks.
const paths = new ProjectPaths()
const catalog = new LabCatalog(paths)
const ids = await catalog.ids()

describe('labs verify', () => {
  it('finds the labs', () => {
    expect(ids.length).toBeGreaterThan(0)
  })

  it.each(ids)('%s', async (id) => {
    const report = await verifyLab(await catalog.load(id), paths)
    const broken = [
      ...report.problems,
      ...report.cases.filter((c) => !c.ok).map((c) => `${c.kind} ${c.id}: ${c.problems.join('; ')}`),
    ]
    expect(broken, broken.join('\n')).toEqual([])
    expect(report.cases.filter((c) => c.kind === 'fixture').length).toBeGreaterThanOrEqual(3)
  })
})
