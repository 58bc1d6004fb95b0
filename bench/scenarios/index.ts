import type { BenchScenario } from '../bench-scenario.ts'
import { gitVerifyTrack, gitWarmGrade } from './git-scenarios.ts'

export const SCENARIOS: BenchScenario[] = [gitWarmGrade, gitVerifyTrack]
