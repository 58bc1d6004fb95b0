import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { patchFile } from '../../docker/rest-contract/fixture-patch.ts'
import { concurrencyChecks } from './concurrency-checks.ts'

// Fixtures are the classic wrong fixes: each looks right with one buyer at a time.
export default defineSuite<ApiCheckContext>({
  checks: concurrencyChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'select-for-update',
      title: 'a transaction that locks the row with SELECT … FOR UPDATE',
      dir: 'alternatives/select-for-update',
    },
    {
      id: 'serializable-retry',
      title: 'SERIALIZABLE transactions, retried on serialization failures',
      dir: 'alternatives/serializable-retry',
    },
  ],
  fixtures: [
    {
      id: 'in-process-lock',
      title: 'a mutex in the Node process: right with one replica, oversells with two',
      fails: ['two-replicas'],
      dir: 'fixtures/in-process-lock',
    },
    {
      id: 'unguarded-decrement',
      title: 'stock = stock - 1 without the stock > 0 guard: no lost update, but oversold',
      fails: ['concurrent-orders'],
      dir: 'fixtures/unguarded-decrement',
    },
    {
      id: 'read-committed-transaction',
      title: 'a transaction at READ COMMITTED that reads without FOR UPDATE: lost updates',
      fails: ['concurrent-orders'],
      dir: 'alternatives/select-for-update',
      apply: patchFile('src/orders.ts', ' FOR UPDATE', ''),
    },
    {
      id: 'serializable-no-retry',
      title: 'SERIALIZABLE without a retry: serialization failures become 500s',
      fails: ['concurrent-orders'],
      dir: 'alternatives/serializable-retry',
      apply: patchFile('src/orders.ts', 'attempt < MAX_ATTEMPTS', 'attempt < 1'),
    },
    {
      id: 'sold-out-200',
      title: 'sold out answers 200 instead of 409',
      fails: ['sold-out'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        "sendJson(res, 409, { error: 'sold out' })",
        "sendJson(res, 200, { error: 'sold out' })",
      ),
    },
  ],
})
