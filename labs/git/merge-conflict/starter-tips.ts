import { branchTips, scenarioSnapshot } from '@backend-labs/git-kit'
import scenario from './scenario.ts'

/** The branch tips of the starter repository, as `labs start` created them (see scenarioSnapshot). */
export function starterTips(): Promise<Record<string, string>> {
  return scenarioSnapshot(scenario, branchTips)
}
