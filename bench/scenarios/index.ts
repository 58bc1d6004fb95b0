import type { BenchRatio, BenchScenario } from '../bench-scenario.ts'
import { batchBaselineOneByOne, batchOf50 } from './batch-scenarios.ts'
import {
  dashboardClassFirstPaint,
  dashboardFloorList,
  dashboardLearnerFirstPaint,
} from './dashboard-first-paint.ts'
import { dockerColdGrade, dockerShellBaseline, dockerWarmGrade } from './docker-scenarios.ts'
import { gitVerifyTrack } from './git-scenarios.ts'
import { dockerInProcess, gitInProcess, sqlLiveWarm, sqlStaticInProcess } from './in-process-scenarios.ts'
import { productionFullGrades } from './production-scenarios.ts'
import { containerStartToReady } from './start-to-ready.ts'
import { gitWarmGrade, nodeFloor, pnpmGitWarmGrade, sqlStaticCli } from './startup-scenarios.ts'
import { staticParse1000 } from './static-parse.ts'
import { gitWatchLatency, sqlWatchLatency } from './watch-scenarios.ts'

export const SCENARIOS: BenchScenario[] = [
  nodeFloor,
  gitWarmGrade,
  pnpmGitWarmGrade,
  sqlStaticCli,
  gitInProcess,
  sqlStaticInProcess,
  staticParse1000,
  gitWatchLatency,
  sqlWatchLatency,
  gitVerifyTrack,
  sqlLiveWarm,
  containerStartToReady,
  dockerWarmGrade,
  dockerShellBaseline,
  dockerInProcess,
  dockerColdGrade,
  batchBaselineOneByOne,
  batchOf50,
  dashboardLearnerFirstPaint,
  dashboardClassFirstPaint,
  dashboardFloorList,
  ...productionFullGrades,
]

export const RATIOS: BenchRatio[] = [
  {
    name: 'warm git grade, built CLI ÷ node -e 0',
    numerator: gitWarmGrade.name,
    denominator: nodeFloor.name,
    target: 6,
  },
  {
    name: 'static SQL grade, built CLI ÷ node -e 0',
    numerator: sqlStaticCli.name,
    denominator: nodeFloor.name,
    target: 6,
  },
  {
    name: 'pnpm grade ÷ built CLI (same warm git grade)',
    numerator: pnpmGitWarmGrade.name,
    denominator: gitWarmGrade.name,
    target: 1.5,
  },
  {
    name: 'docker warm grade ÷ docker CLI + curl baseline',
    numerator: dockerWarmGrade.name,
    denominator: dockerShellBaseline.name,
    target: 1.3,
  },
  {
    name: 'docker warm grade in-process ÷ docker CLI + curl baseline',
    numerator: dockerInProcess.name,
    denominator: dockerShellBaseline.name,
    target: 1.3,
  },
]
