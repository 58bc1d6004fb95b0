import { buildScenario, PEOPLE } from '@backend-labs/git-kit'

/** The published commit that broke production. */
export const BAD_SUBJECT = 'Keep sessions in memory to cut Redis costs'

const config = (store: string, ttl: number) => `{
  "port": 8080,
  "redisUrl": "redis://sessions.internal:6379",
  "sessionStore": "${store}",
  "sessionTtlMinutes": ${ttl},
  "logLevel": "info"
}
`

const sessionsRedis = `import { createRedisStore } from './redis-store.js'

/** Sessions live in Redis so that every instance sees them and restarts lose nothing. */
export function createSessionStore(config) {
  return createRedisStore(config.redisUrl, { ttlMinutes: config.sessionTtlMinutes })
}
`

const sessionsMemory = `import { createMemoryStore } from './memory-store.js'
import { createRedisStore } from './redis-store.js'

/** Sessions live in Redis so that every instance sees them and restarts lose nothing. */
export function createSessionStore(config) {
  if (config.sessionStore === 'memory') return createMemoryStore({ ttlMinutes: config.sessionTtlMinutes })
  return createRedisStore(config.redisUrl, { ttlMinutes: config.sessionTtlMinutes })
}
`

const memoryStore = `/** Per-process session store: cheap, but every restart or second instance loses the sessions. */
export function createMemoryStore({ ttlMinutes }) {
  const sessions = new Map()
  return {
    get: (id) => sessions.get(id),
    set: (id, value) => sessions.set(id, { value, expires: Date.now() + ttlMinutes * 60_000 }),
  }
}
`

const server = (routes: string[]) => `import { createServer } from 'node:http'
${routes.map((r) => `import { ${r} } from './${r}.js'`).join('\n')}

export function startServer(config) {
  const handlers = { ${routes.map((r) => `'/${r}': ${r}`).join(', ')} }
  return createServer((req, res) => (handlers[req.url] ?? notFound)(req, res)).listen(config.port)
}

function notFound(_req, res) {
  res.writeHead(404).end()
}
`

const route = (body: string) => `export function ${body}
`

/**
 * A session service whose main is published (origin/main). Its fourth commit moved sessions into
 * process memory, which logs everyone out on each deploy; two good commits came after it.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    s.as(PEOPLE.ada)
    await s.commit('Create session service', {
      files: {
        'README.md': '# session-service\n\nIssues and checks login sessions.\n',
        'config/app.json': config('redis', 60),
        'src/sessions.js': sessionsRedis,
        'src/redis-store.js': "export { createRedisStore } from './vendor/redis.js'\n",
        'src/server.js': server(['health']),
        'src/health.js': route("health(_req, res) {\n  res.end('ok')\n}"),
      },
    })
    s.as(PEOPLE.grace)
    await s.commit('Log every request', {
      files: { 'src/logging.js': 'export const logRequest = (req) => console.log(req.method, req.url)\n' },
    })
    s.as(PEOPLE.linus)
    await s.commit(BAD_SUBJECT, {
      files: {
        'config/app.json': config('memory', 1440),
        'src/sessions.js': sessionsMemory,
        'src/memory-store.js': memoryStore,
      },
    })
    s.as(PEOPLE.grace)
    await s.commit('Add /version endpoint', {
      files: {
        'src/server.js': server(['health', 'version']),
        'src/version.js': route("version(_req, res) {\n  res.end(process.env.APP_VERSION ?? 'dev')\n}"),
      },
    })
    s.as(PEOPLE.ada)
    await s.commit('Document how to run the service', {
      files: {
        'README.md':
          '# session-service\n\nIssues and checks login sessions.\n\nRun it with `node src/main.js`.\n',
      },
    })
    await s.git.run(['update-ref', 'refs/remotes/origin/main', 'refs/heads/main'])
    await s.git.run(['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'])
    await s.git.run(['config', 'branch.main.remote', 'origin'])
    await s.git.run(['config', 'branch.main.merge', 'refs/heads/main'])
  })
}
