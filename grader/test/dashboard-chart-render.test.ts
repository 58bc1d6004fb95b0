import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  ChartRefused,
  RENDER_HEAP_MB,
  RENDERER_ARG,
  renderChart,
} from '../suites/production/dashboard-data/chart-render.ts'
import { refusingLoader } from '../suites/production/dashboard-data/chart-render-worker.ts'

const VALUES = [
  { start: '2026-03-07T18:00:00.000Z', orders: 3 },
  { start: '2026-03-07T19:00:00.000Z', orders: 0 },
  { start: '2026-03-07T20:00:00.000Z', orders: 6 },
]

function barSpec(data: object): object {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 300,
    height: 300,
    data,
    mark: 'bar',
    encoding: {
      x: { field: 'start', type: 'temporal', timeUnit: 'utcyearmonthdatehours' },
      y: { field: 'orders', type: 'quantitative' },
    },
  }
}

describe('renderChart (vega-lite compile, vega headless SVG, data marks)', () => {
  it('renders a bar chart to SVG and finds one bar per value, heights in proportion', async () => {
    const chart = await renderChart(barSpec({ values: VALUES }))
    expect(chart.svg.startsWith('<svg')).toBe(true)
    expect(chart.markTypes).toEqual(['rect'])
    const bars = [...chart.bars].sort((a, b) => a.x - b.x)
    expect(bars.map((b) => b.height)).toEqual([150, 0, 300])
    expect(bars[0]?.x).toBeLessThan(bars[1]?.x ?? 0)
  })

  it('reports a line chart as a line mark with no bars', async () => {
    const spec = { ...barSpec({ values: VALUES }), mark: 'line' }
    const chart = await renderChart(spec)
    expect(chart).toMatchObject({ bars: [], markTypes: ['line'] })
  })

  it('refuses a spec with a data URL and never fetches it', async () => {
    let hits = 0
    const server = createServer((_req, res) => {
      hits++
      res.end(JSON.stringify(VALUES))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/series.json`
    try {
      await expect(renderChart(barSpec({ url }))).rejects.toThrow(
        new ChartRefused(
          'the specification loads from a URL (spec.data.url): put the series inline in data.values',
        ),
      )
      await expect(renderChart(barSpec({ url: 'file:///etc/passwd' }))).rejects.toBeInstanceOf(ChartRefused)
    } finally {
      server.close()
    }
    expect(hits).toBe(0)
  })

  it('gives vega a loader that refuses every load and remembers it', async () => {
    const { loader, refused } = refusingLoader()
    const { load, file } = loader as Record<string, (uri: string) => Promise<unknown>>
    await expect(load?.('http://127.0.0.1:9/x.json')).rejects.toThrow('the grader loads nothing')
    await expect(file?.('/etc/passwd')).rejects.toThrow('the grader loads nothing')
    expect(refused).toEqual(['http://127.0.0.1:9/x.json', '/etc/passwd'])
  })

  it('refuses what is not a spec, and a spec vega-lite cannot compile', async () => {
    await expect(renderChart([1, 2])).rejects.toThrow('a JSON object')
    await expect(
      renderChart({ mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } }, layer: 7 }),
    ).rejects.toBeInstanceOf(ChartRefused)
  })

  it('refuses a spec that makes vega generate rows past its heap, in a process of its own: the grader carries on', async () => {
    const spec = { ...barSpec({ sequence: { start: 0, stop: 1e9, as: 'orders' } }), encoding: {} }
    const before = process.memoryUsage().heapUsed
    await expect(renderChart(spec)).rejects.toThrow(
      new ChartRefused(
        `rendering it needed more than ${RENDER_HEAP_MB} MB: chart the series itself, not more rows`,
      ),
    )
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024)
    const chart = await renderChart(barSpec({ values: VALUES }))
    expect(chart.bars).toHaveLength(3)
  })

  /** Renderers this process started that still run (the child is node itself: sh execs it). */
  function renderersLeft(): string[] {
    const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    return out.split('\n').filter((line) => line.includes(RENDERER_ARG))
  }

  // memory-light enough for the big heap below, and seconds of work
  const slowSpec = { ...barSpec({ sequence: { start: 0, stop: 2e7, as: 'orders' } }), encoding: {} }

  it('refuses a spec that renders past its time, and kills the renderer', async () => {
    await expect(renderChart(slowSpec, { heapMb: 8192, timeMs: 300, cpuSeconds: 60 })).rejects.toThrow(
      new ChartRefused('rendering it took more than 0.3 s: chart the series itself, not more rows'),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(renderersLeft()).toEqual([])
  })

  it('refuses a spec that renders past its CPU seconds: the kernel ends the renderer (ulimit -t)', async () => {
    await expect(renderChart(slowSpec, { heapMb: 8192, timeMs: 120_000, cpuSeconds: 1 })).rejects.toThrow(
      new ChartRefused('rendering it used more than 1 s of CPU: chart the series itself, not more rows'),
    )
    expect(renderersLeft()).toEqual([])
  }, 130_000)
})
