import { buildScenario, PEOPLE } from '@backend-labs/git-kit'

/** The leaked (fake) API key. Nothing reachable from a branch or tag may contain it once the lab is done. */
export const LEAKED_KEY = 'payx_live_7f3a9c2e51d84b06a1e2c3d4b5f60718'
export const FEATURE_BRANCH = 'feature/payments'
export const SECRET_SUBJECT = 'Configure payment provider credentials'

const config = (apiKey: string, timeoutMs: number) => `export const config = {
  payments: {
    baseUrl: 'https://api.payx.example/v2',
    apiKey: ${apiKey},
    currency: 'EUR',
    retries: 2,
    timeoutMs: ${timeoutMs},
  },
}
`

const payments = `import { config } from './config.js'

export async function charge(orderId, amountCents) {
  const res = await fetch(\`\${config.payments.baseUrl}/charges\`, {
    method: 'POST',
    headers: { authorization: \`Bearer \${config.payments.apiKey}\` },
    body: JSON.stringify({ orderId, amountCents, currency: config.payments.currency }),
    signal: AbortSignal.timeout(config.payments.timeoutMs),
  })
  return res.json()
}
`

const refunds = `import { config } from './config.js'

export async function refund(chargeId) {
  const res = await fetch(\`\${config.payments.baseUrl}/charges/\${chargeId}/refund\`, {
    method: 'POST',
    headers: { authorization: \`Bearer \${config.payments.apiKey}\` },
  })
  return res.json()
}
`

const tests = `import { test } from 'node:test'
import assert from 'node:assert/strict'
import { config } from '../src/config.js'

test('payments use euros', () => {
  assert.equal(config.payments.currency, 'EUR')
})
`

/**
 * A shop API. main is published (origin/main); the unpublished feature/payments branch committed a
 * live API key, in .env and hard-coded in src/config.js, three commits before its tip.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    s.as(PEOPLE.ada)
    await s.commit('Create shop API', {
      files: {
        'README.md': '# shop-api\n\nThe shop back end. Start it with `node src/server.js`.\n',
        'package.json': '{\n  "name": "shop-api",\n  "version": "0.1.0",\n  "type": "module"\n}\n',
        '.gitignore': 'node_modules/\n',
        'src/server.js':
          "import { createServer } from 'node:http'\n\ncreateServer((_req, res) => res.end('shop')).listen(3000)\n",
      },
    })
    s.as(PEOPLE.grace)
    await s.commit('Add product listing', {
      files: { 'src/products.js': "export const products = [{ id: 1, name: 'Mug', priceCents: 900 }]\n" },
    })
    await s.git.run(['update-ref', 'refs/remotes/origin/main', 'refs/heads/main'])
    await s.git.run(['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'])
    await s.git.run(['config', 'branch.main.remote', 'origin'])
    await s.git.run(['config', 'branch.main.merge', 'refs/heads/main'])

    await s.checkout(FEATURE_BRANCH, { create: true })
    s.as(PEOPLE.ada)
    await s.commit('Add payments client', {
      files: { 'src/config.js': config("''", 5000), 'src/payments.js': payments },
    })
    await s.commit(SECRET_SUBJECT, {
      files: { '.env': `PAYMENTS_API_KEY=${LEAKED_KEY}\n`, 'src/config.js': config(`'${LEAKED_KEY}'`, 5000) },
    })
    s.as(PEOPLE.grace)
    await s.commit('Add refunds', { files: { 'src/refunds.js': refunds } })
    await s.commit('Give slow payment calls more time', {
      files: { 'src/config.js': config(`'${LEAKED_KEY}'`, 10000) },
    })
    s.as(PEOPLE.linus)
    await s.commit('Add payments tests', { files: { 'test/payments.test.js': tests } })
  })
}
