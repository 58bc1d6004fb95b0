import { BadInputError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { gradeLab } from './grade-lab.ts'
import { LabCatalog } from './lab-catalog.ts'
import { ProjectPaths } from './project-paths.ts'
import { withinDeadline } from './within-deadline.ts'

describe('the lab time limit covers staging and services', () => {
  it('stops past the deadline and releases what the work yields later', async () => {
    const released: string[] = []
    let finish!: (v: string) => void
    const work = new Promise<string>((resolve) => {
      finish = resolve
    })
    const error = await withinDeadline(work, performance.now() - 1, 'staging the submission', (v) =>
      released.push(v),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadInputError)
    expect((error as Error).message).toBe(
      "grading stopped: staging the submission did not finish within the lab's time limit",
    )
    finish('staged copy')
    await work
    await Promise.resolve()
    expect(released).toEqual(['staged copy'])
  })

  it('gradeLab reports a limit reached while staging as bad input, with no check run', async () => {
    const paths = new ProjectPaths({})
    const lab = await new LabCatalog(paths).load('sqlserver/normalise')
    const result = await gradeLab(lab, paths, {
      source: { kind: 'path', path: paths.suiteDir('sqlserver/normalise/solution') },
      labTimeoutMs: 0,
      publicOnly: true,
    })
    expect(result.status).toBe('error')
    expect(result.error?.kind).toBe('bad-input')
    expect(result.error?.message).toMatch(/^grading stopped: staging the submission did not finish/)
    expect(result.checks).toEqual([])
  })
})
