import type { RepoView } from '@backend-labs/git-kit'
import { fail } from '@backend-labs/lab-kit'

/** One entry of the route table in src/app.ts, read loosely so any formatting or quoting passes. */
export interface RouteEntry {
  method?: string
  path?: string
  handler?: string
  auth?: boolean
  cacheSeconds?: number
  /** 1-based line where the entry starts. */
  line: number
}

const OBJECT = /\{([^{}]*)\}/g
const PROP = /([A-Za-z]+)\s*:\s*(?:'([^']*)'|"([^"]*)"|`([^`]*)`|(true|false)|(\d+))/g

/** The entries of `export const routes = [ … ]`, or undefined when the table cannot be found. */
export function parseRouteTable(source: string): RouteEntry[] | undefined {
  const start = source.search(/\broutes\b[^=\n]*=\s*\[/)
  if (start < 0) return undefined
  const open = source.indexOf('[', source.indexOf('=', start))
  const body = source.slice(open, closingBracket(source, open))
  const entries: RouteEntry[] = []
  for (const m of body.matchAll(OBJECT)) {
    const entry: RouteEntry = { line: source.slice(0, open + m.index).split('\n').length }
    for (const p of m[1]!.matchAll(PROP)) {
      const [, key, s1, s2, s3, bool, num] = p
      const text = s1 ?? s2 ?? s3
      if (key === 'method' || key === 'path' || key === 'handler') entry[key] = text
      else if (key === 'auth') entry.auth = bool === 'true'
      else if (key === 'cacheSeconds' && num !== undefined) entry.cacheSeconds = Number(num)
    }
    if (entry.method !== undefined || entry.path !== undefined) entries.push(entry)
  }
  return entries
}

/** The index just past the `]` that closes the `[` at `open` (or the end of the source). */
function closingBracket(source: string, open: number): number {
  let depth = 0
  for (let i = open; i < source.length; i++) {
    if (source[i] === '[') depth++
    else if (source[i] === ']' && --depth === 0) return i + 1
  }
  return source.length
}

export function routeName(r: Pick<RouteEntry, 'method' | 'path'>): string {
  return `${r.method ?? '?'} ${r.path ?? '?'}`
}

/** The route table on main, or a failure saying why it cannot be read. */
export async function routesOnMain(repo: RepoView): Promise<RouteEntry[]> {
  const source = await repo.fileAt('main', 'src/app.ts')
  if (source === undefined) {
    fail({
      expected: 'src/app.ts on main',
      found: 'no such file',
      where: 'branch main',
      hint: 'do not delete or move it',
    })
  }
  const routes = parseRouteTable(source)
  if (!routes) {
    fail({
      expected: 'the route table `export const routes = [ … ]`',
      found: 'no route table',
      where: 'src/app.ts',
    })
  }
  return routes
}
