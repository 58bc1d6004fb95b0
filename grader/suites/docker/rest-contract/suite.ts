import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { patchFile } from './fixture-patch.ts'
import { inputChecks } from './input-checks.ts'
import { lifecycleChecks } from './lifecycle-checks.ts'

// Fixtures are the reference solution with one realistic mistake patched in.
export default defineSuite<ApiCheckContext>({
  checks: [...lifecycleChecks, ...inputChecks],
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'uuid-ids',
      title: 'uuid ids, a route table, 204 on update, extra fields and a next link',
      dir: 'alternatives/uuid-ids',
    },
  ],
  fixtures: [
    {
      id: 'create-200',
      title: 'create answers 200 instead of 201',
      fails: ['create-book'],
      dir: 'solution',
      apply: patchFile('src/server.ts', 'sendJson(res, 201, book)', 'sendJson(res, 200, book)'),
    },
    {
      id: 'invalid-json-500',
      title: 'a body that is not JSON crashes the handler: 500 instead of 400',
      fails: ['validation'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        "if (error instanceof InvalidJson) return sendError(res, 400, error.message, 'body')",
        '',
      ),
    },
    {
      id: 'pagination-ignores-limit',
      title: 'the list ignores limit and returns every book from the offset on',
      fails: ['pagination'],
      dir: 'solution',
      apply: patchFile('src/books.ts', 'all.slice(offset, offset + limit)', 'all.slice(offset)'),
    },
    {
      id: 'text-plain',
      title: 'every JSON answer is labelled text/plain',
      fails: ['create-book', 'list-books', 'errors-are-json'],
      dir: 'solution',
      apply: patchFile('src/json-http.ts', "'application/json; charset=utf-8'", "'text/plain'"),
    },
    {
      id: 'delete-keeps-book',
      title: 'delete answers 200 with a body and the book can still be read',
      fails: ['delete-book'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'store.delete(id) ? sendJson(res, 204)',
        'store.get(id) ? sendJson(res, 200, { deleted: true })',
      ),
    },
  ],
})
