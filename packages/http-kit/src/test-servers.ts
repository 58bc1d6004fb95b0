import { Worker } from 'node:worker_threads'

// The server runs in its own thread: a blocking handler must not block the load generator too.
const SERVER_SCRIPT = `
const { createServer } = require('node:http')
const { parentPort, workerData } = require('node:worker_threads')
const server = createServer((req, res) => {
  if (workerData.blockMs > 0) {
    const until = performance.now() + workerData.blockMs
    while (performance.now() < until) {}
  }
  if (req.url === '/fail') { res.statusCode = 500; res.end('no'); return }
  if (req.url === '/drop') { req.socket.resetAndDestroy(); return }
  res.setHeader('content-type', 'application/json')
  res.end('{"ok":true}')
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)) })
`

/** A local HTTP server in a worker thread; each request busy-waits `blockMs` first (the event loop blocked). */
export interface TestServer {
  url: string
  close(): Promise<void>
}

export async function startTestServer(blockMs = 0): Promise<TestServer> {
  const worker = new Worker(SERVER_SCRIPT, { eval: true, workerData: { blockMs } })
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const exited = new Promise((r) => worker.once('exit', r))
      worker.postMessage('close')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))])
      await worker.terminate()
    },
  }
}
