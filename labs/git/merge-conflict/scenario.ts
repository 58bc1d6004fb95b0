import { buildScenario, PEOPLE } from '@backend-labs/git-kit'

const routeType = `export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  /** The name of the handler export in src/handlers. */
  handler: string
  /** Reject requests without a valid session. */
  auth?: boolean
  /** Let clients and proxies cache the response this long. */
  cacheSeconds?: number
}
`

function app(routeLines: string[]): string {
  return `import type { Route } from './route.ts'

/**
 * Every endpoint of the API, registered in this order.
 * Handler names refer to the exports of src/handlers.
 */
export const routes: Route[] = [
${routeLines.map((l) => `  ${l},`).join('\n')}
]

export function findRoute(method: string, path: string): Route | undefined {
  return routes.find((r) => r.method === method && r.path === path)
}
`
}

const HEALTH = "{ method: 'GET', path: '/health', handler: 'health' }"

const usersV1 = `import { db } from '../db.ts'

export function listUsers() {
  return db.users.all()
}
`

const usersV2 = `${usersV1}
export function createUser(input: { name: string; email: string }) {
  if (!input.email.includes('@')) throw new Error('email must contain @')
  return db.users.insert(input)
}
`

const orders = `import { db } from '../db.ts'

export function listOrders() {
  return db.orders.all({ newestFirst: true })
}
`

/**
 * main and feature both changed the route table in src/app.ts since feature branched off:
 * main requires auth on GET /users and adds GET /orders, feature caches GET /users and adds
 * POST /users. Merging feature into main conflicts on the same lines.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    s.as(PEOPLE.ada)
    await s.commit('Create API with health and user list routes', {
      files: {
        'README.md': '# shop-api\n\nThe route table lives in `src/app.ts`.\n',
        'src/route.ts': routeType,
        'src/app.ts': app([HEALTH, "{ method: 'GET', path: '/users', handler: 'listUsers' }"]),
        'src/handlers/users.ts': usersV1,
        'src/handlers/health.ts': 'export function health() {\n  return { ok: true }\n}\n',
      },
    })
    await s.branch('feature')

    s.as(PEOPLE.grace)
    await s.checkout('feature')
    await s.commit('Cache the user list for a minute', {
      files: {
        'src/app.ts': app([
          HEALTH,
          "{ method: 'GET', path: '/users', handler: 'listUsers', cacheSeconds: 60 }",
        ]),
      },
    })
    await s.commit('Add POST /users to create a user', {
      files: {
        'src/app.ts': app([
          HEALTH,
          "{ method: 'GET', path: '/users', handler: 'listUsers', cacheSeconds: 60 }",
          "{ method: 'POST', path: '/users', handler: 'createUser' }",
        ]),
        'src/handlers/users.ts': usersV2,
      },
    })

    s.as(PEOPLE.ada)
    await s.checkout('main')
    await s.commit('Require a session for the user list', {
      files: {
        'src/app.ts': app([HEALTH, "{ method: 'GET', path: '/users', handler: 'listUsers', auth: true }"]),
      },
    })
    await s.commit('Add GET /orders for signed-in users', {
      files: {
        'src/app.ts': app([
          HEALTH,
          "{ method: 'GET', path: '/users', handler: 'listUsers', auth: true }",
          "{ method: 'GET', path: '/orders', handler: 'listOrders', auth: true }",
        ]),
        'src/handlers/orders.ts': orders,
      },
    })
  })
}
