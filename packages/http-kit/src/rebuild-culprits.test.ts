import { describe, expect, it } from 'vitest'
import type { RebuildReport } from './api-check-context.ts'
import { rerunCulprits } from './rebuild-culprits.ts'

const step = (instruction: string, cached: boolean, stage = 0) => ({ instruction, cached, stage })
const isInstall = (s: { instruction: string }) => /npm ci/.test(s.instruction)

describe('rerunCulprits: why a step ran again after a source-only change', () => {
  it('blames the first step before it, in its own stage, that did not come from the cache', () => {
    const report: RebuildReport = {
      totalSteps: 3,
      cachedSteps: 0,
      steps: [step('WORKDIR /app', true), step('COPY . .', false), step('RUN npm ci', false)],
      stageBases: [null],
    }
    expect(rerunCulprits(report, isInstall)).toEqual([{ step: report.steps[2], culprit: report.steps[1] }])
  })

  it("never blames another stage's step, but does blame the stage it is built FROM", () => {
    const steps = [
      step('COPY src ./src', false, 0),
      step('RUN npm run build', false, 0),
      step('COPY package*.json ./', true, 1),
      step('RUN npm ci --omit=dev', false, 1),
      step('RUN npm ci', false, 2),
    ]
    // stage 1 is built from an image, stage 2 from stage 0
    const report: RebuildReport = { totalSteps: 5, cachedSteps: 1, steps, stageBases: [null, null, 0] }
    expect(rerunCulprits(report, isInstall)).toEqual([{ step: steps[4], culprit: steps[0] }])
  })

  it('does not blame the Dockerfile when every step before the rerun came from the cache', () => {
    // the builder picked an identical COPY layer of a concurrent build, whose children are not ours
    const report: RebuildReport = {
      totalSteps: 3,
      cachedSteps: 2,
      steps: [step('WORKDIR /app', true), step('COPY package*.json ./', true), step('RUN npm ci', false)],
      stageBases: [null],
    }
    expect(rerunCulprits(report, isInstall)).toEqual([])
  })
})
