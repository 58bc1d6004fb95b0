// Test support: whether the Docker tests of this folder run, and a tiny learner app to build.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectDockerRuntime, IMAGE_CATALOG } from '@backend-labs/containers'

const facts = process.env.LABS_SKIP_DOCKER === '1' ? undefined : await detectDockerRuntime()

/** Why the Docker tests skip, or undefined when they run. */
export const dockerSkipReason =
  process.env.LABS_SKIP_DOCKER === '1'
    ? 'LABS_SKIP_DOCKER=1 is set'
    : facts?.reachable
      ? undefined
      : `no Docker engine reachable: ${facts?.notes.join('; ')}`

if (
  dockerSkipReason &&
  !facts?.reachable &&
  process.env.CI === 'true' &&
  process.env.LABS_SKIP_DOCKER !== '1'
)
  throw new Error(`CI=true but ${dockerSkipReason}; the Docker tests must run in CI.`)

/** The suite title, saying why it is skipped. */
export function dockerSuite(title: string): string {
  return dockerSkipReason ? `${title} (skipped: ${dockerSkipReason})` : title
}

export const TEST_LAB_ID = 'test/docker-service'

export const SERVER_JS = `const http = require('node:http')
if (process.env.REQUIRE_SECRET && !process.env.APP_SECRET) {
  console.error('APP_SECRET is not set')
  process.exit(3)
}
if (process.env.IGNORE_SIGTERM) process.on('SIGTERM', () => console.log('ignoring SIGTERM'))
const port = Number(process.env.PORT || 3000)
// /stall never answers, /drip never finishes (a byte every 200 ms): a client must give up by itself
const drip = (res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  const timer = setInterval(() => res.write('.'), 200)
  res.on('close', () => clearInterval(timer))
}
// /reset-reused answers the first request of a connection and closes it under the next one unanswered
// (the race a kept-alive connection can lose when a server closes it)
const resetReused = (req, res) => {
  if (req.socket.answeredOnce) return req.socket.destroy()
  req.socket.answeredOnce = true
  res.end('first on this connection')
}
http
  .createServer((req, res) =>
    req.url === '/stall' ||
    (req.url === '/drip' ? drip(res) : req.url === '/reset-reused' ? resetReused(req, res) : res.end(\`hello from \${req.url}\`)),
  )
  .listen(port, '0.0.0.0', () => console.log(\`listening on \${port}\`))
`

const HEALTHCHECK = `["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000)).then(() => process.exit(0), () => process.exit(1))"]`

export const DOCKERFILE = `FROM ${IMAGE_CATALOG.node.ref}
WORKDIR /app
COPY package.json ./
RUN echo installed > deps.txt
COPY . .
RUN mkdir -p /data && chown node:node /data
USER node
HEALTHCHECK --interval=1s --timeout=2s CMD ${HEALTHCHECK}
EXPOSE 3000
CMD ["node", "server.js"]
`

/** A fresh learner context: Dockerfile, package.json and a 10-line HTTP server on PORT. */
export async function writeLearnerContext(marker: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docker-service-test-'))
  await writeFile(join(dir, 'Dockerfile'), DOCKERFILE)
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'app', private: true })}\n`)
  await writeFile(join(dir, 'server.js'), SERVER_JS)
  // a per-run file, so the image is built from scratch (its last layers at least)
  await writeFile(join(dir, 'marker.txt'), `${marker}\n`)
  return dir
}
