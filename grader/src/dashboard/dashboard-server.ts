import { type FSWatcher, watch } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DashboardModel } from './dashboard-model.ts'
import { pageHtml } from './page-html.ts'

/** Where the page's data comes from, and which files to watch for changes. */
export interface ModelSource {
  model(): Promise<DashboardModel>
  watch?: { dir: string; files: string[] }
}

/** A dashboard being served; `close()` stops the server, the watcher and every open event stream. */
export interface RunningDashboard {
  url: string
  close(): Promise<void>
}

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:"

/**
 * Serves the dashboard on 127.0.0.1 (a free port unless one is given): the page, its bundled script,
 * the model as JSON, and server-sent events carrying a new model whenever a watched file changes.
 */
export async function serveDashboard(
  source: ModelSource,
  script: string,
  port = 0,
  /** The model already built (e.g. to report bad input before serving), so it is not built twice. */
  initial?: DashboardModel,
): Promise<RunningDashboard> {
  const clients = new Set<ServerResponse>()
  let host = ''
  // Built once, then again only when a watched file changes: a page load never waits for a rebuild.
  let current = initial ? Promise.resolve(initial) : source.model()
  current.catch(() => undefined)
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Only this machine, by its own name: a page on another site cannot reach us through DNS rebinding.
    if (req.headers.host !== host && req.headers.host !== host.replace('127.0.0.1', 'localhost')) {
      res.writeHead(421).end('wrong host\n')
      return
    }
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/') {
      const html = pageHtml(await current, { live: true, script: { src: '/page.js' } })
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP })
      res.end(html)
    } else if (path === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
      res.end(script)
    } else if (path === '/model.json') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(await current))
    } else if (path === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      })
      res.write('retry: 1000\n\n')
      clients.add(res)
      req.on('close', () => clients.delete(res))
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
    }
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`the dashboard could not read its data: ${error.message}\n`)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`

  let timer: NodeJS.Timeout | undefined
  const push = async () => {
    current = source.model()
    const data = JSON.stringify(await current)
    for (const c of clients) c.write(`event: model\ndata: ${data}\n\n`)
  }
  let watcher: FSWatcher | undefined
  if (source.watch) {
    const { dir, files } = source.watch
    await mkdir(dir, { recursive: true })
    watcher = watch(dir, (_event, name) => {
      if (name !== null && !files.includes(String(name))) return
      // An append, a compaction's rename: several events for one change, one update.
      clearTimeout(timer)
      timer = setTimeout(() => void push().catch(() => undefined), 50)
    })
  }
  // Proxies close idle streams: a comment now and then keeps them open.
  const keepAlive = setInterval(() => {
    for (const c of clients) c.write(': keep-alive\n\n')
  }, 15_000)
  keepAlive.unref()

  return {
    url: `http://${host}/`,
    async close() {
      clearTimeout(timer)
      clearInterval(keepAlive)
      watcher?.close()
      for (const c of clients) c.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
