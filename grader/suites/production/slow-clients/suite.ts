import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { patchFile } from '../../docker/rest-contract/fixture-patch.ts'
import { hiddenChecks } from './hidden-checks.ts'

// Fixtures are the reference solution with one realistic mistake patched in.
export default defineSuite<ApiCheckContext>({
  checks: hiddenChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'stream-guard',
      title: 'a depth scan of the raw text, per-socket request counting, limits set as properties',
      dir: 'alternatives/stream-guard',
    },
  ],
  fixtures: [
    {
      id: 'default-timeouts',
      title: "Node's default timeouts (headers 60 s, request 300 s): slowloris holds its connections",
      fails: ['slow-headers', 'slow-body'],
      dir: 'solution',
      apply: patchFile('src/server.ts', 'headersTimeout: 5_000,\n    requestTimeout: 10_000,', ''),
    },
    {
      id: 'content-length-only',
      title: 'the size limit trusts Content-Length: a chunked body is read whole',
      fails: ['body-limit'],
      dir: 'solution',
      apply: patchFile('src/http-json.ts', 'if (size > LIMIT_BYTES) throw new TooLarge()', ''),
    },
    {
      id: 'framework-default-limit',
      title:
        "the body limit is a framework's default, 100 KB: documents the README allows get 413 (the 200 KB deeply nested one too, instead of 400)",
      fails: ['body-limit-edge', 'deep-json'],
      dir: 'solution',
      apply: patchFile(
        'src/http-json.ts',
        'const LIMIT_BYTES = 1024 * 1024',
        'const LIMIT_BYTES = 100 * 1024',
      ),
    },
    {
      id: 'limit-off-by-a-mebibyte',
      title: 'the body limit is 2 MiB, not 1: a 3 MiB body gets 413, a 1.01 MiB one is stored',
      fails: ['body-limit-edge'],
      dir: 'solution',
      apply: patchFile(
        'src/http-json.ts',
        'const LIMIT_BYTES = 1024 * 1024',
        'const LIMIT_BYTES = 2 * 1024 * 1024',
      ),
    },
    {
      id: 'request-cap-too-high',
      title: 'maxRequestsPerSocket = 120: a connection carries more requests than the README allows',
      fails: ['keep-alive-cap'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'server.maxRequestsPerSocket = 100',
        'server.maxRequestsPerSocket = 120',
      ),
    },
    {
      id: 'no-depth-limit',
      title: 'no nesting limit: the recursive field count overflows the stack (500)',
      fails: ['deep-json'],
      dir: 'solution',
      apply: patchFile('src/http-json.ts', 'if (depthOf(text) > MAX_DEPTH)', 'if (false)'),
    },
    {
      id: 'arrays-only-depth',
      title: 'the depth scan counts only arrays: objects nested 100 000 deep overflow the stack',
      fails: ['deep-json'],
      dir: 'solution',
      apply: patchFile('src/http-json.ts', "else if (c === '[' || c === '{')", "else if (c === '[')"),
    },
    {
      id: 'tiny-connection-cap',
      title: 'maxConnections = 10: slowloris takes every slot and normal clients are refused',
      fails: ['normal-clients-served'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'server.maxRequestsPerSocket',
        'server.maxConnections = 10\nserver.maxRequestsPerSocket',
      ),
    },
    {
      id: 'keep-alive-forever',
      title: 'keepAliveTimeout 0 and no request cap: idle connections stay open forever',
      fails: ['keep-alive-cap'],
      dir: 'solution',
      apply: patchFile('src/server.ts', 'server.keepAliveTimeout = 5_000', 'server.keepAliveTimeout = 0'),
    },
  ],
})
