import type { BenchScenario } from '../bench-scenario.ts'
import { labs } from '../cli-process.ts'

/** `labs verify --track git`: every Git lab's solution, alternatives, starter and fixtures. */
export const gitVerifyTrack: BenchScenario = {
  name: 'labs verify --track git',
  targetMs: 12_000,
  runs: 7,
  async run() {
    const code = await labs(['verify', '--track', 'git'])
    if (code !== 0) throw new Error(`labs verify --track git failed (exit ${code})`)
  },
}
