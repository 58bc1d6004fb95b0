import type { BenchRatio, BenchScenario } from '../bench-scenario.ts'
import { batchBaselineOneByOne, batchOf50 } from './batch-scenarios.ts'
import { dockerColdGrade, dockerShellBaseline, dockerWarmGrade } from './docker-scenarios.ts'
import { gitVerifyTrack, gitWarmGrade } from './git-scenarios.ts'
import {
  dockerInProcess,
  gitInProcess,
  sqlLiveWarm,
  sqlStaticCli,
  sqlStaticInProcess,
} from './in-process-scenarios.ts'
import { containerStartToReady } from './start-to-ready.ts'
import { staticParse1000 } from './static-parse.ts'

export const SCENARIOS: BenchScenario[] = [
  gitWarmGrade,
  gitInProcess,
  gitVerifyTrack,
  sqlStaticInProcess,
  staticParse1000,
  sqlStaticCli,
  sqlLiveWarm,
  containerStartToReady,
  dockerWarmGrade,
  dockerInProcess,
  dockerShellBaseline,
  dockerColdGrade,
  batchBaselineOneByOne,
  batchOf50,
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
