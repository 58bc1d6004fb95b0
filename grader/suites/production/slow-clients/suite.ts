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
      id: 'no-depth-limit',
      title: 'no nesting limit: the recursive field count overflows the stack (500)',
      fails: ['deep-json'],
      dir: 'solution',
      apply: patchFile('src/http-json.ts', 'if (depthOf(text) > MAX_DEPTH)', 'if (false)'),
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
