import { describe, expect, it } from 'vitest'
import type { HardenedGit } from './hardened-git.ts'
import { buildScenario } from './scenario-builder.ts'
import { branchTips, scenarioSnapshot } from './scenario-snapshot.ts'

let builds = 0
const scenario = (dir: string) => {
  builds++
  return buildScenario(dir, async (s) => {
    await s.commit('One', { files: { a: '1' } })
    await s.branch('topic')
  })
}

describe('scenarioSnapshot', () => {
  it('rebuilds the starter once, with stable hashes', async () => {
    const tips = await scenarioSnapshot(scenario, branchTips)
    expect(Object.keys(tips)).toEqual(['main', 'topic'])
    expect(tips.main).toMatch(/^[0-9a-f]{40}$/)
    expect(tips.topic).toBe(tips.main)
    expect(await scenarioSnapshot(scenario, branchTips)).toBe(tips)
    const again = await scenarioSnapshot(scenario, async (git: HardenedGit) => branchTips(git))
    expect(again).toEqual(tips)
    expect(builds).toBe(2)
  })
})
