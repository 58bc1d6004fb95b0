import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type DashboardProcess,
  startDashboardProcess,
} from '../../grader/src/dashboard/test-support/dashboard-process.ts'
import { generatedClass } from '../../grader/src/dashboard/test-support/generated-class.ts'
import {
  type Browser,
  chromiumMissing,
  launchChromium,
  type Page,
} from '../../grader/src/dashboard/test-support/headless-chromium.ts'
import { historyText, seededHistory } from '../../grader/src/dashboard/test-support/seeded-history.ts'
import type { BenchScenario } from '../bench-scenario.ts'
import { labs } from '../cli-process.ts'

const GIT_LABS = [
  'first-commits',
  'merge-conflict',
  'rebase-squash',
  'remote-upstream',
  'bisect-regression',
].map((s) => `git/${s}`)

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

let browser: Browser | undefined
let dir = ''
let users = 0

async function shared(): Promise<void> {
  users++
  if (browser) return
  browser = await launchChromium()
  dir = await mkdtemp(join(tmpdir(), 'labs-bench-dashboard-'))
  await writeFile(join(dir, 'history.jsonl'), historyText(seededHistory(GIT_LABS, 1000)))
  await writeFile(join(dir, 'summary.json'), JSON.stringify(generatedClass(200)))
}

async function release(): Promise<void> {
  if (--users > 0) return
  await browser?.close()
  browser = undefined
  await rm(dir, { recursive: true, force: true })
}

/**
 * `labs dashboard` from its start to the page's first contentful paint; figures: to the address
 * printed (serving) and to every chart drawn.
 */
function firstPaint(name: string, args: () => string[]): BenchScenario {
  let running: { dashboard: DashboardProcess; page: Page } | undefined
  const drawn: number[] = []
  const serving: number[] = []
  return {
    name,
    targetMs: 1000,
    runs: 7,
    group: 'dashboard',
    unavailable: async () => chromiumMissing(),
    setup: shared,
    async run() {
      // The browser's tab is not the dashboard's cost: opened before the clock starts.
      const page = await browser!.newPage()
      const started = Date.now()
      const dashboard = await startDashboardProcess(args(), {
        LABS_STATE_DIR: dir,
        LABS_WORKSPACE_DIR: join(dir, 'workspaces'),
      })
      serving.push(Date.now() - started)
      running = { dashboard, page }
      await page.goto(dashboard.url)
      const fcpAt = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list, observer) => {
              const fcp = list.getEntriesByName('first-contentful-paint')[0]
              if (!fcp) return
              observer.disconnect()
              resolve(performance.timeOrigin + fcp.startTime)
            }).observe({ type: 'paint', buffered: true })
          }),
      )
      await page.waitForSelector('body[data-renders="1"]')
      drawn.push(Date.now() - started)
      return fcpAt - started
    },
    async afterEach() {
      await running?.page.close()
      await running?.dashboard.stop()
      running = undefined
    },
    teardown: release,
    figures: () => ({
      servingMedianMs: Math.round(median(serving)),
      chartsDrawnMedianMs: Math.round(median(drawn)),
    }),
  }
}

export const dashboardLearnerFirstPaint = firstPaint(
  'dashboard start → first contentful paint, learner with 1,000 attempts',
  () => [],
)
export const dashboardClassFirstPaint = firstPaint(
  'dashboard start → first contentful paint, class of 200 learners',
  () => ['--results', dir],
)

/** The floor, measured in turns with the two above: `labs list --json` reads the same catalog and state. */
export const dashboardFloorList: BenchScenario = {
  name: 'labs list --json (the dashboard floor), same state',
  runs: 7,
  group: 'dashboard',
  unavailable: async () => chromiumMissing(),
  setup: shared,
  async run() {
    await labs(['list', '--json'], { LABS_STATE_DIR: dir, LABS_WORKSPACE_DIR: join(dir, 'workspaces') })
  },
  teardown: release,
}
