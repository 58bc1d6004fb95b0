import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type DashboardProcess,
  startDashboardProcess,
} from '../src/dashboard/test-support/dashboard-process.ts'
import { generatedClass } from '../src/dashboard/test-support/generated-class.ts'
import {
  blockNetwork,
  chromiumMissing,
  launchChromium,
} from '../src/dashboard/test-support/headless-chromium.ts'
import { historyText, seededHistory } from '../src/dashboard/test-support/seeded-history.ts'
import { CliSandbox, repoRoot } from './cli-harness.ts'

const missing = chromiumMissing()
const LAB = 'git/first-commits'
/** The README's screenshots are refreshed on request only, so a test run leaves the work tree clean. */
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1'

/** The `<title>` of every dot of a figure's chart: what a reader hovering each point sees. */
const pointTitles = (page: Page, figure: string) =>
  page.$$eval(`${figure} svg circle > title, ${figure} svg path > title`, (ts) =>
    ts.map((t) => t.textContent),
  )

describe.skipIf(missing !== undefined)(
  missing ? `dashboard in a browser: skipped, ${missing}` : 'dashboard in a real browser (chromium)',
  () => {
    let browser: Browser
    let sb: CliSandbox
    const running: DashboardProcess[] = []
    const env = () => ({ LABS_WORKSPACE_DIR: sb.workspaces, LABS_STATE_DIR: sb.state })
    const screenshot = (name: string) =>
      join(updateScreenshots ? join(repoRoot, 'docs', 'img') : sb.dir, name)

    beforeAll(async () => {
      browser = await launchChromium()
      sb = await CliSandbox.create()
    })
    afterAll(async () => {
      for (const d of running) await d.stop()
      await browser?.close()
      await sb?.dispose()
    })

    async function open(args: string[]): Promise<{ page: Page; blocked: string[] }> {
      const dashboard = await startDashboardProcess(args, env())
      running.push(dashboard)
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
      const blocked = await blockNetwork(page)
      await page.goto(dashboard.url)
      await page.waitForSelector('body[data-renders]')
      return { page, blocked }
    }

    it('draws every attempt of a seeded history as a point, offline, and suggests the next lab', async () => {
      const records = seededHistory([LAB, 'git/merge-conflict'], 14)
      await mkdir(sb.state, { recursive: true })
      await writeFile(join(sb.state, 'history.jsonl'), historyText(records))
      const { page, blocked } = await open([])
      for (const lab of [LAB, 'git/merge-conflict']) {
        const own = records.filter((r) => r.lab === lab)
        const figure = `figure[data-lab="${lab}"]`
        expect(await pointTitles(page, figure)).toEqual(
          own.map((r, i) => `attempt ${i + 1}: ${r.score}/${r.max} (${r.status})`),
        )
        const rows = await page.$$eval(`${figure} tr[data-attempt]`, (trs) =>
          trs.map((tr) => [Number(tr.getAttribute('data-attempt')), Number(tr.getAttribute('data-score'))]),
        )
        expect(rows).toEqual(own.map((r, i) => [i + 1, r.score]))
      }
      expect(await page.getAttribute('li[data-lab="git/first-commits"]', 'data-status')).toBe('passed')
      expect(await page.getAttribute('section[data-next]', 'data-next')).toBeTruthy()
      expect(await page.locator('figure[data-chart="failed-most"] svg').count()).toBe(1)
      expect(blocked).toEqual([])
      await page.screenshot({ path: screenshot('dashboard-learner.png'), fullPage: true })
    })

    it('updates without a reload when a lab is graded while the page is open', async () => {
      await rm(join(sb.state, 'history.jsonl'), { force: true })
      const { page } = await open([])
      await page.evaluate(() => {
        ;(window as unknown as { loadMarker: string }).loadMarker = 'same page'
      })
      expect(await page.locator(`figure[data-lab="${LAB}"]`).count()).toBe(0)
      expect((await sb.run(['start', LAB])).code).toBe(0)
      const graded = await sb.run(['grade', LAB])
      expect(graded.code, graded.stdout + graded.stderr).toBe(1)
      await page.waitForSelector(`figure[data-lab="${LAB}"] svg`, { timeout: 15_000 })
      const history = (await readFile(join(sb.state, 'history.jsonl'), 'utf8')).trim().split('\n')
      const last = JSON.parse(history.at(-1)!) as { score: number; max: number; status: string }
      expect(await pointTitles(page, `figure[data-lab="${LAB}"]`)).toEqual([
        `attempt 1: ${last.score}/${last.max} (${last.status})`,
      ])
      expect(await page.evaluate(() => (window as unknown as { loadMarker?: string }).loadMarker)).toBe(
        'same page',
      )
      expect(Number(await page.getAttribute('body', 'data-renders'))).toBeGreaterThan(1)
    })

    it('shows a class of 30: distributions and a heatmap cell per lab and check with its failure rate', async () => {
      const results = await mkdtemp(join(tmpdir(), 'labs-class-'))
      try {
        const summary = generatedClass(30)
        await writeFile(join(results, 'summary.json'), JSON.stringify(summary))
        const { page, blocked } = await open(['--results', results])
        const expected: string[] = []
        for (const lab of summary.labs) {
          const labResults = summary.learners.map((l) => l.results.find((r) => r.id === lab)!)
          for (const check of labResults[0]!.checks.map((c) => c.id)) {
            const failed = labResults.filter(
              (r) => r.checks.find((c) => c.id === check)?.status === 'failed',
            ).length
            expected.push(`${lab} · ${check}: ${Math.round((failed / 30) * 100)}% failed (${failed} of 30)`)
          }
        }
        const cells = await page.$$eval('figure[data-chart="failure-heatmap"] svg rect > title', (ts) =>
          ts.map((t) => t.textContent),
        )
        expect(cells.sort()).toEqual(expected.sort())
        for (const lab of summary.labs) {
          const bars = await page.$$eval(`figure[data-lab="${lab}"] svg rect > title`, (ts) =>
            ts.map((t) => t.textContent),
          )
          const total = bars.reduce((s, t) => s + Number(/^(\d+) learners/.exec(t ?? '')?.[1] ?? 0), 0)
          expect(total).toBe(30)
        }
        expect(blocked).toEqual([])
        await page.screenshot({ path: screenshot('dashboard-class.png'), fullPage: true })
      } finally {
        await rm(results, { recursive: true, force: true })
      }
    })

    it('writes a self-contained report that renders with every request blocked', async () => {
      const file = join(sb.dir, 'report.html')
      const r = await sb.run(['report', '--html', file])
      expect(r.code, r.stderr).toBe(0)
      const html = await readFile(file, 'utf8')
      expect(html).not.toMatch(/<script src=|<link /)
      const page = await browser.newPage()
      const blocked = await blockNetwork(page)
      await page.route(/^https?:/, (route) => {
        blocked.push(route.request().url())
        return route.abort()
      })
      await page.goto(`file://${file}`)
      await page.waitForSelector('body[data-renders="1"]')
      expect(await page.getAttribute('body', 'data-live')).toBe('false')
      expect(await page.locator(`figure[data-lab="${LAB}"] svg`).count()).toBe(1)
      expect(blocked).toEqual([])
    })
  },
)
