import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import {
  type ApiCheckContext,
  type AppOptions,
  expectJsonObject,
  expectStatus,
  type HttpExchange,
  send,
} from '@backend-labs/http-kit'
import { CheckFailure, defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { APP, MISSING_GREETING } from '../../../../labs/docker/config-and-shutdown/checks.ts'
import { firstBadLogLine } from '../../../../labs/docker/config-and-shutdown/json-log-lines.ts'
import { signalForwardingProblem } from '../../../../labs/docker/config-and-shutdown/signal-forwarding.ts'

const GRACE_MS = 6000
const SLOW_MS = 2000
const SHUTDOWN_APP: AppOptions = { ...APP, key: 'shutdown' }
const OTHER_CONFIG: AppOptions = { key: 'other-config', env: { PORT: '7070', GREETING: 'Bonjour' } }

const checks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'graceful-shutdown',
    title: 'On SIGTERM the app finishes in-flight requests and exits 0 within the grace period',
    points: 3,
    timeoutMs: 40_000,
    needs: ['serves-with-config'],
    async run(ctx) {
      const app = await ctx.docker.app(SHUTDOWN_APP)
      const slow = send(app.url, {
        path: `/slow?ms=${SLOW_MS}`,
        timeoutMs: GRACE_MS + 4000,
        label: `a request that takes ${SLOW_MS / 1000} s, in progress when SIGTERM arrives`,
      }).then(
        (x): HttpExchange | CheckFailure => x,
        (error: unknown) => {
          if (error instanceof CheckFailure) return error
          throw error
        },
      )
      await sleep(500)
      const stopped = await app.stop(GRACE_MS)
      const answer = await slow
      const seconds = GRACE_MS / 1000
      const cut = answer instanceof CheckFailure || answer.status !== 200
      // the code may be right while the Dockerfile keeps the signal from it: say that first
      const forwarding = signalForwardingProblem(await ctx.docker.image())
      if (forwarding && (cut || stopped.killed || stopped.exitCode !== 0))
        fail({
          expected: 'SIGTERM from `docker stop` to reach your node process',
          found: forwarding.found,
          where: 'Dockerfile (CMD)',
          hint: forwarding.hint,
        })
      if (cut) {
        fail({
          expected: 'a request in progress when SIGTERM arrives to still complete with 200',
          found:
            answer instanceof CheckFailure ? 'its connection was cut' : `status ${answer.status} instead`,
          hint: 'On SIGTERM call server.close(): it stops accepting connections and waits for in-flight requests; exit in its callback.',
        })
      }
      if (stopped.killed) {
        // the same words the container layer uses for an app that ignores SIGTERM
        fail({
          expected: `the app to exit within ${seconds} s of SIGTERM (what \`docker stop\` sends)`,
          found: `it was still running after ${seconds} s and had to be killed`,
          hint: "Handle SIGTERM: close the server and exit, e.g. `process.on('SIGTERM', () => server.close(() => process.exit(0)))`.",
        })
      }
      if (stopped.exitCode !== 0) {
        fail({
          expected: 'exit code 0 after a clean shutdown',
          found: `exit code ${stopped.exitCode}${stopped.exitCode === 143 ? ' (killed by SIGTERM: nothing handled it)' : ''}`,
          hint: 'Exit with process.exit(0) once server.close() has finished.',
        })
      }
    },
  },
  {
    id: 'config-reflected',
    title: 'Other values of GREETING and PORT are honoured too',
    points: 1,
    timeoutMs: 30_000,
    needs: ['serves-with-config'],
    async run(ctx) {
      const app = await ctx.docker.app(OTHER_CONFIG)
      const res = await send(app.url, {
        path: '/greeting?name=Grace',
        label: 'a greeting with another GREETING',
      })
      expectStatus(res, 200)
      const message = expectJsonObject(res).message
      if (typeof message !== 'string' || !message.includes('Bonjour') || !message.includes('Grace')) {
        fail({
          expected: 'the greeting to use whatever GREETING is set to, and the name asked for',
          found: 'a message without them',
          hint: 'Do not hard-code the greeting: read GREETING (and PORT) from the environment.',
        })
      }
    },
  },
  {
    id: 'config-error-logged-as-json',
    title: 'The missing-configuration error is itself a JSON log line at level error',
    points: 1,
    timeoutMs: 20_000,
    needs: ['missing-config-fails-fast'],
    async run(ctx) {
      const app = await ctx.docker.app(MISSING_GREETING)
      const logs = app.exited?.logs ?? ''
      const bad = firstBadLogLine(logs)
      if (bad) {
        fail({
          expected: 'the output of a failed start to be JSON lines too, like every other log',
          found: `a line that ${bad.problem}`,
          hint: 'Log the configuration error with the same JSON logger, at level "error" (or "fatal").',
        })
      }
      const named = logs.split('\n').some((line) => {
        if (!line.includes('GREETING')) return false
        const level = (JSON.parse(line) as { level?: string }).level?.toLowerCase()
        return level === 'error' || level === 'fatal'
      })
      if (!named) {
        fail({
          expected: 'a log line at level "error" (or "fatal") naming GREETING',
          found: 'the variable is named only at a lower level',
        })
      }
    },
  },
])

const SOLUTION_DIR = fileURLToPath(new URL('./solution', import.meta.url))

/** A broken variant of the solution: copy it, then replace exact snippets in one file. */
function solutionWith(file: string, edits: [from: string, to: string][]) {
  return async (dir: string) => {
    await cp(SOLUTION_DIR, dir, { recursive: true, force: true })
    let text = await readFile(join(dir, file), 'utf8')
    for (const [from, to] of edits) {
      if (!text.includes(from)) throw new Error(`fixture edit: "${from.slice(0, 40)}" is not in ${file}`)
      text = text.replace(from, to)
    }
    await writeFile(join(dir, file), text)
  }
}

const SIGNAL_HANDLERS = "process.once('SIGTERM', shutdown)\nprocess.once('SIGINT', shutdown)"
const LISTEN = "server.listen(config.port, '0.0.0.0', () => log('info', 'listening', { port: config.port }))"

export default defineSuite<ApiCheckContext>({
  checks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'message-key-and-exit-code',
      title: '"message" instead of "msg", a config module that exits itself, shutdown via process.exitCode',
      dir: 'alternatives/message-key-and-exit-code',
    },
  ],
  fixtures: [
    {
      id: 'sigterm-ignored',
      title: 'SIGTERM is caught and ignored: Docker has to kill the app after the grace period',
      fails: ['graceful-shutdown'],
      apply: solutionWith('src/server.ts', [
        [SIGNAL_HANDLERS, "process.on('SIGTERM', () => log('warn', 'SIGTERM received, carrying on'))"],
      ]),
    },
    {
      id: 'shell-form-cmd',
      title: 'The code shuts down well, but `CMD node src/server.ts` (shell form) keeps SIGTERM from node',
      fails: ['graceful-shutdown'],
      async apply(dir: string) {
        await cp(SOLUTION_DIR, dir, { recursive: true, force: true })
        const dockerfile = join(dir, 'Dockerfile')
        const text = await readFile(dockerfile, 'utf8')
        await writeFile(dockerfile, text.replace('CMD ["node", "src/server.ts"]', 'CMD node src/server.ts'))
      },
    },
    {
      id: 'drops-in-flight',
      title: 'Exits at once on SIGTERM, cutting off the request in progress',
      fails: ['graceful-shutdown'],
      apply: solutionWith('src/server.ts', [
        [SIGNAL_HANDLERS, "process.on('SIGTERM', () => process.exit(0))"],
      ]),
    },
    {
      id: 'plain-text-logs',
      title: 'Logs are plain text lines',
      fails: ['json-logs', 'config-error-logged-as-json'],
      apply: solutionWith('src/logger.ts', [
        [
          'JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })',
          "[new Date().toISOString(), level.toUpperCase(), msg, JSON.stringify(fields)].join(' ')",
        ],
      ]),
    },
    {
      id: 'silent-default',
      title: 'A missing GREETING silently becomes "Hello"',
      fails: ['missing-config-fails-fast'],
      apply: solutionWith('src/config.ts', [
        [
          "return { port, greeting: required(env, 'GREETING') }",
          "return { port, greeting: env.GREETING || 'Hello' }",
        ],
      ]),
    },
    {
      id: 'log-flood',
      title: 'Before listening, it polls for an overrides file in a tight loop, logging every miss',
      fails: ['serves-with-config'],
      apply: solutionWith('src/server.ts', [
        [
          LISTEN,
          [
            "const OVERRIDES = '/run/config/overrides.json'",
            'function startWhenReady(): void {',
            `  if (existsSync(OVERRIDES)) return void ${LISTEN}`,
            "  log('debug', 'waiting for the overrides file', { path: OVERRIDES })",
            '  setImmediate(startWhenReady)',
            '}',
            'startWhenReady()',
          ].join('\n'),
        ],
        [
          "import { createServer, type ServerResponse } from 'node:http'",
          "import { existsSync } from 'node:fs'\nimport { createServer, type ServerResponse } from 'node:http'",
        ],
      ]),
    },
  ],
})
