import {
  type ApiCheckContext,
  type AppOptions,
  expectJsonObject,
  expectStatus,
  send,
} from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE, requireBaseImage } from '../containerise-api/base-image.ts'
import { firstBadLogLine, shorten } from './json-log-lines.ts'

export const APP: AppOptions = { env: { PORT: '8080', GREETING: 'Hola' }, readyTimeoutMs: 10_000 }
/** GREETING set but empty: the image's own ENV cannot fill it in, and empty must count as missing. */
export const MISSING_GREETING: AppOptions = {
  key: 'missing-greeting',
  env: { PORT: '8080', GREETING: '' },
  expectExit: true,
  readyTimeoutMs: 5000,
}

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'image-builds',
    title: `The Dockerfile builds an image from ${BASE_IMAGE}`,
    points: 1,
    timeoutMs: 120_000,
    async run(ctx) {
      await requireBaseImage(ctx.submissionDir)
      await ctx.docker.image()
    },
  },
  {
    id: 'serves-with-config',
    title: 'With GREETING set, GET /greeting answers with that greeting',
    points: 2,
    timeoutMs: 30_000,
    needs: ['image-builds'],
    hints: ['Try it: `docker run --rm -e GREETING=Hola -e PORT=8080 -p 8080:8080 greeter-api`.'],
    async run(ctx) {
      const app = await ctx.docker.app(APP)
      const res = await send(app.url, { path: '/greeting?name=Ada' })
      expectStatus(res, 200)
      const message = expectJsonObject(res).message
      if (typeof message !== 'string' || !message.includes('Hola') || !message.includes('Ada')) {
        fail({
          expected: 'GET /greeting?name=Ada with GREETING=Hola to answer {"message": "Hola, Ada!"}',
          found: shorten(res.text),
          hint: 'Read the greeting from the GREETING environment variable.',
        })
      }
    },
  },
  {
    id: 'missing-config-fails-fast',
    title: 'Without GREETING the app exits at once with an error naming it',
    points: 2,
    timeoutMs: 30_000,
    needs: ['image-builds'],
    async run(ctx) {
      const app = await ctx.docker.app(MISSING_GREETING)
      const seconds = (MISSING_GREETING.readyTimeoutMs ?? 0) / 1000
      if (!app.exited) {
        fail({
          expected: `the app to exit within ${seconds} s when GREETING is empty or missing`,
          found: 'it kept running (a default hides the missing setting)',
          where: 'src/config.ts',
          hint: 'Check required variables at startup: log an error that names the variable and `process.exit(1)`.',
        })
      }
      if (app.exited.exitCode === 0) {
        fail({
          expected: 'a non-zero exit code when GREETING is missing, so the orchestrator sees a failure',
          found: 'exit code 0',
          hint: 'Exit with `process.exit(1)`.',
        })
      }
      if (!app.exited.logs.includes('GREETING')) {
        fail({
          expected: 'the error the app logs before exiting to name the missing variable, GREETING',
          found: app.exited.logs.trim() ? 'a log that does not mention GREETING' : 'no output at all',
          hint: 'e.g. {"level":"error","msg":"missing required environment variable GREETING"}',
        })
      }
    },
  },
  {
    id: 'json-logs',
    title: 'Every log line is a JSON object with level and msg',
    points: 2,
    timeoutMs: 20_000,
    needs: ['serves-with-config'],
    async run(ctx) {
      const app = await ctx.docker.app(APP)
      expectStatus(await send(app.url, { path: '/greeting?name=Grace' }), 200)
      const logs = await app.logs()
      if (logs.trim() === '') {
        fail({
          expected: 'at least one log line (e.g. when the server starts listening)',
          found: 'no output on stdout or stderr',
        })
      }
      const bad = firstBadLogLine(logs)
      if (bad) {
        fail({
          expected: 'each line of output to be one JSON object with a string "level" and a string "msg"',
          found: `line ${bad.line} ${bad.problem}: ${shorten(bad.text)}`,
          where: 'the container output (docker logs)',
          hint: 'Write every line with one logger, e.g. process.stdout.write(JSON.stringify({ level, msg, ...fields }) + "\\n").',
        })
      }
    },
  },
])
