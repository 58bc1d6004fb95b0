import { None, parse, View } from 'vega'
import { expressionInterpreter } from 'vega-interpreter'
import { compile, type TopLevelSpec } from 'vega-lite'
import { RENDERER_ARG } from './chart-render.ts'

/**
 * The vega half of chart rendering. It runs in a process of its own (see chart-render.ts), so that a
 * spec that asks vega for a billion rows, or loops, costs that process and not the grader.
 */

/** One bar as vega laid it out, in pixels from the plot's top left. */
export interface RenderedBar {
  x: number
  y: number
  width: number
  height: number
}

export interface RenderedChart {
  svg: string
  /** The bars of the chart's marks (not axes, grid or legends), in scenegraph order. */
  bars: RenderedBar[]
  /** Every mark type the chart draws as data (e.g. rect for bars, line, symbol for points). */
  markTypes: string[]
}

/** What the worker posts back: the chart, or why the learner's spec could not be rendered. */
export type RenderOutcome = { chart: RenderedChart } | { refused: string }

/**
 * A vega loader that refuses every load and remembers what was asked: a spec is data, and it must
 * never make the grader fetch a URL or read a file (`data.url`, an image mark's `url`, …).
 */
export function refusingLoader(): { loader: object; refused: string[] } {
  const refused: string[] = []
  const refuse = (uri: unknown) => {
    refused.push(String(uri))
    return Promise.reject(new Error('the grader loads nothing: put the data inline'))
  }
  return { loader: { load: refuse, sanitize: refuse, http: refuse, file: refuse }, refused }
}

/**
 * Compiles a Vega-Lite spec with vega-lite and renders it headless with vega (SVG, no canvas):
 * expressions run in vega's interpreter (no code generation), and the loader refuses all I/O.
 */
export async function renderHere(spec: unknown): Promise<RenderOutcome> {
  let compiled: ReturnType<typeof compile>
  try {
    compiled = compile(spec as TopLevelSpec)
  } catch (error) {
    return { refused: `vega-lite could not compile it: ${(error as Error).message.slice(0, 300)}` }
  }
  const { loader, refused } = refusingLoader()
  let view: View | undefined
  try {
    view = new View(parse(compiled.spec, undefined, { ast: true }), {
      loader,
      renderer: 'none',
      expr: expressionInterpreter,
    } as ConstructorParameters<typeof View>[1])
    view.logLevel(None)
    await view.runAsync()
    const svg = await view.toSVG()
    if (refused.length)
      return { refused: `rendering it asked to load ${refused.slice(0, 3).join(', ')}: put the data inline` }
    // vega-typings leave the scenegraph root out of `Scene`
    return { chart: { svg, ...dataMarks((view.scenegraph() as unknown as { root: unknown }).root) } }
  } catch (error) {
    return { refused: `vega could not render it: ${(error as Error).message.slice(0, 300)}` }
  } finally {
    view?.finalize()
  }
}

interface SceneNode {
  marktype?: string
  role?: string
  items?: SceneNode[]
  x?: number
  y?: number
  width?: number
  height?: number
}

/** The data marks (role `mark`) of a scenegraph: its bars, and which mark types it draws. */
export function dataMarks(root: unknown): { bars: RenderedBar[]; markTypes: string[] } {
  const bars: RenderedBar[] = []
  const markTypes = new Set<string>()
  const walk = (node: SceneNode | undefined, depth: number): void => {
    if (!node || depth > 50) return
    const isDataMark = node.marktype !== undefined && node.role === 'mark'
    if (isDataMark && node.marktype) markTypes.add(node.marktype)
    for (const item of node.items ?? []) {
      if (isDataMark && node.marktype === 'rect')
        bars.push({
          x: item.x ?? 0,
          y: item.y ?? 0,
          width: item.width ?? 0,
          height: Math.abs(item.height ?? 0),
        })
      walk(item, depth + 1)
    }
  }
  walk(root as SceneNode, 0)
  return { bars, markTypes: [...markTypes] }
}

// Run as the renderer process: one spec in, one outcome out; gone with the grader's channel.
if (process.argv[2] === RENDERER_ARG && process.send) {
  process.once('disconnect', () => process.exit(0))
  process.once('message', (message: { chartSpec: unknown }) => {
    void renderHere(message.chartSpec).then((outcome) => process.send?.(outcome))
  })
}
