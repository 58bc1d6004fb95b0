import type { BenchRatio, BenchScenario } from '../bench-scenario.ts'
import { dockerColdGrade, dockerShellBaseline, dockerWarmGrade } from './docker-scenarios.ts'
import { gitVerifyTrack, gitWarmGrade } from './git-scenarios.ts'
import {
  dockerInProcess,
  gitInProcess,
  sqlLiveWarm,
  sqlStaticCli,
  sqlStaticInProcess,
} from './in-process-scenarios.ts'
import { productionFullGrades } from './production-scenarios.ts'
import { containerStartToReady } from './start-to-ready.ts'

export const SCENARIOS: BenchScenario[] = [
  gitWarmGrade,
  gitInProcess,
  gitVerifyTrack,
  sqlStaticInProcess,
  sqlStaticCli,
  sqlLiveWarm,
  containerStartToReady,
  dockerWarmGrade,
  dockerInProcess,
  dockerShellBaseline,
  dockerColdGrade,
  ...productionFullGrades,
]

export const RATIOS: BenchRatio[] = [
  {
    name: 'docker warm grade ÷ docker CLI + curl baseline',
    numerator: dockerWarmGrade.name,
    denominator: dockerShellBaseline.name,
    target: 1.5,
  },
  {
    name: 'docker warm grade in-process ÷ docker CLI + curl baseline',
    numerator: dockerInProcess.name,
    denominator: dockerShellBaseline.name,
    target: 1.5,
  },
]
