import { type ApiCheckContext, type BuiltImage, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { RUNTIME_TOKEN, STARTER_TOKEN, startApp } from '../../../../labs/docker/hardening/hardened-app.ts'

/** `API_TOKEN=…`, `DB_PASSWORD=…`, `SECRET_KEY=…` with a value. */
const SECRET_ASSIGNMENT = /\b[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY)[A-Z0-9_]*=\S+/i
/** A RUN that deletes a secret-looking file: the file stays in the layer that added it. */
const SECRET_DELETED = /\brm\b.*(?:\.env\b|token|secret|\.pem\b|\.key\b)/i

/** An instruction as the learner wrote it, values of secret-looking assignments replaced by `…`. */
function masked(instruction: string): string {
  const text = instruction
    .replaceAll(STARTER_TOKEN, '…')
    .replace(/\b([A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY)[A-Z0-9_]*=)\S+/gi, '$1…')
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/** Where the image gives a secret away, as sentences for the learner (no values). */
async function secretLeaks(image: BuiltImage): Promise<string[]> {
  const leaks: string[] = []
  for (const { createdBy } of image.history) {
    const shown = masked(createdBy)
    if (createdBy.includes(STARTER_TOKEN) || SECRET_ASSIGNMENT.test(createdBy))
      leaks.push(`the history records \`${shown}\` with the token's value`)
    else if (createdBy.startsWith('RUN') && SECRET_DELETED.test(createdBy))
      leaks.push(`\`${shown}\` deletes a secret file, but the earlier layer that added it still holds it`)
  }
  if (image.env.some((e) => SECRET_ASSIGNMENT.test(e)))
    leaks.push('the image environment (ENV) holds a token')
  const secretFiles = (await image.findFiles(['/app', '/srv', '/home', '/opt', '/usr/src'])).filter((p) =>
    /(?:^|\/)(?:\.env[^/]*|[^/]*(?:token|secret)[^/]*)$/i.test(p),
  )
  if (secretFiles.length > 0) leaks.push(`the image contains ${secretFiles.length} secret-looking file(s)`)
  const grep = await image.run(['grep', '-rlsF', STARTER_TOKEN, '/app', '/srv', '/home', '/opt'], {
    timeoutMs: 20_000,
  })
  if (grep.exitCode === 0 && grep.stdout.trim()) leaks.push('a file in the image contains the token')
  return leaks
}

export const secretChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'no-secret-in-image',
    title: 'No token in the image: not in ENV, ARG, history, or any layer',
    points: 3,
    timeoutMs: 60_000,
    needs: ['builds'],
    hints: [
      'Remove the token from the Dockerfile (ENV, ARG defaults, COPY of secret files) and pass it when the container starts: `docker run -e API_TOKEN=…`.',
      'Deleting a file in a later step does not help: every layer ships with the image.',
    ],
    async run(ctx) {
      const leaks = await secretLeaks(await ctx.docker.image())
      if (leaks.length > 0)
        fail({
          expected:
            'an image that holds no secret (anyone who can pull it can read every layer and its history)',
          found: leaks.join('; '),
          where: 'Dockerfile',
        })
    },
  },
  {
    id: 'token-at-runtime',
    title: 'The token is read at run time: /reports needs exactly the token the container was started with',
    points: 2,
    needs: ['serves'],
    async run(ctx) {
      const app = await startApp(ctx)
      const reports = (authorization: string | undefined, label: string) =>
        send(app.url, { path: '/reports', label, headers: authorization ? { authorization } : {} })
      expectStatus(await reports(undefined, 'reading the reports without a token'), 401)
      expectStatus(await reports(`Bearer ${STARTER_TOKEN}`, 'reading the reports with an old token'), 401)
      expectStatus(
        await reports(`Bearer ${RUNTIME_TOKEN}`, 'reading the reports with the token the container got'),
        200,
        'read the token from the API_TOKEN environment variable when the app starts',
      )
    },
  },
  {
    id: 'unprivileged-port',
    title: 'The image exposes only unprivileged ports (1024 and above)',
    points: 1,
    needs: ['builds'],
    async run(ctx) {
      const image = await ctx.docker.image()
      const low = image.exposedPorts.filter((p) => Number.parseInt(p, 10) < 1024)
      if (low.length > 0)
        fail({
          expected:
            'EXPOSE and the app to use a port of 1024 or above (binding below 1024 needs a capability)',
          found: `EXPOSE ${low.map((p) => p.replace('/tcp', '')).join(' ')}`,
          where: 'Dockerfile',
          hint: 'listen on PORT (8080 by default) and EXPOSE 8080',
        })
    },
  },
])
