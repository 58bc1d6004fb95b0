import { None, parse, View } from 'vega'
import { expressionInterpreter } from 'vega-interpreter'
import { compile, type TopLevelSpec } from 'vega-lite'

/** Why a chart could not be rendered, in words for the learner (their spec is at fault). */
export class ChartRefused extends Error {}

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

/** A spec larger than this (JSON nodes) is refused before vega-lite sees it: compiling is synchronous. */
const MAX_SPEC_NODES = 50_000

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

/** Every `url` in the spec, wherever it is, and the number of JSON nodes it holds. */
function scan(value: unknown, urls: string[], path = 'spec', budget = { nodes: 0 }): number {
  budget.nodes++
  if (budget.nodes > MAX_SPEC_NODES) return budget.nodes
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) scan(v, urls, `${path}[${i}]`, budget)
  } else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === 'url') urls.push(`${path}.url`)
      scan(v, urls, `${path}.${key}`, budget)
    }
  return budget.nodes
}

/**
 * Compiles a Vega-Lite spec with vega-lite and renders it headless with vega (SVG, no canvas):
 * expressions run in vega's interpreter (no code generation), and the loader refuses all I/O.
 */
export async function renderChart(spec: unknown): Promise<RenderedChart> {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new ChartRefused('the chart must be a Vega-Lite specification: a JSON object')
  const urls: string[] = []
  if (scan(spec, urls) > MAX_SPEC_NODES)
    throw new ChartRefused(`the specification has more than ${MAX_SPEC_NODES} JSON values`)
  if (urls.length)
    throw new ChartRefused(
      `the specification loads from a URL (${urls.slice(0, 3).join(', ')}): put the series inline in data.values`,
    )
  let compiled: ReturnType<typeof compile>
  try {
    compiled = compile(spec as TopLevelSpec)
  } catch (error) {
    throw new ChartRefused(`vega-lite could not compile it: ${(error as Error).message.slice(0, 300)}`)
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
      throw new ChartRefused(
        `rendering it asked to load ${refused.slice(0, 3).join(', ')}: put the data inline`,
      )
    // vega-typings leave the scenegraph root out of `Scene`
    return { svg, ...dataMarks((view.scenegraph() as unknown as { root: unknown }).root) }
  } catch (error) {
    if (error instanceof ChartRefused) throw error
    throw new ChartRefused(`vega could not render it: ${(error as Error).message.slice(0, 300)}`)
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
