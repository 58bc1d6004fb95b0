import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineSuite } from '@backend-labs/lab-kit'
import { patches, patchFile } from '../../docker/rest-contract/fixture-patch.ts'
import { hiddenChecks } from './hidden-checks.ts'

// Fixtures are the reference solution with one realistic mistake patched in.
export default defineSuite<ApiCheckContext>({
  checks: hiddenChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'own-registry',
      title: 'a Registry of its own, startTimer(), numeric status labels, extra log fields',
      dir: 'alternatives/own-registry',
    },
  ],
  fixtures: [
    {
      id: 'counts-404-as-200',
      title: 'the status label is read when the request arrives, so a 404 is counted as a 200',
      fails: ['request-counts'],
      dir: 'solution',
      apply: patches(
        patchFile(
          'src/server.ts',
          'const requestId = requestIdOf(req)',
          'const requestId = requestIdOf(req)\n  const statusAtStart = res.statusCode',
        ),
        patchFile('src/server.ts', 'status: String(res.statusCode) }', 'status: String(statusAtStart) }'),
      ),
    },
    {
      id: 'raw-path-labels',
      title: 'the route label is the raw path (/products/1, /products/999): one series per id',
      fails: ['request-counts'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'const labels = { method, route: pattern,',
        'const labels = { method, route: pathname,',
      ),
    },
    {
      id: 'histogram-in-ms',
      title: 'the histogram observes milliseconds in a _seconds metric',
      fails: ['latency-histogram'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'requestDuration.observe(labels, seconds)',
        'requestDuration.observe(labels, seconds * 1000)',
      ),
    },
    {
      id: 'request-id-not-echoed',
      title: 'the request id is logged but never sent back',
      fails: ['request-id'],
      dir: 'solution',
      apply: patchFile('src/server.ts', "res.setHeader('x-request-id', requestId)", ''),
    },
    {
      id: 'plain-text-logs',
      title: 'log lines are plain text, not JSON',
      fails: ['json-logs'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'console.log(\n      JSON.stringify({',
        'console.log(\n      Object.values({',
      ),
    },
  ],
})
