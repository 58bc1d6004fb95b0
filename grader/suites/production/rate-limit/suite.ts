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
      id: 'token-bucket',
      title: 'a token bucket per client, one file, trusted proxies in a net.BlockList',
      dir: 'alternatives/token-bucket',
    },
  ],
  fixtures: [
    {
      id: 'global-limit',
      title: 'one counter for everyone: the bots use up the real users’ quota too',
      fails: ['legit-users-served', 'trusted-proxy'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        'limiter.take(clientAddress(req, trustedProxy))',
        "limiter.take('everyone')",
      ),
    },
    {
      id: 'limit-after-work',
      title:
        'the quote is priced before the limit is checked: every refused request still costs the full work',
      fails: ['latency-under-attack'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        '    const decision = limiter.take(',
        "    priceQuote('ACME')\n    const decision = limiter.take(",
      ),
    },
    {
      id: 'costly-health-too',
      title:
        'the limit comes after the work, and /health does the same work: a baseline on /health would hide the cost',
      fails: ['latency-under-attack'],
      dir: 'solution',
      apply: patches(
        patchFile(
          'src/server.ts',
          '    const decision = limiter.take(',
          "    priceQuote('ACME')\n    const decision = limiter.take(",
        ),
        patchFile(
          'src/server.ts',
          "if (url.pathname === '/' || url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })",
          "if (url.pathname === '/' || url.pathname === '/health') {\n    priceQuote('ACME')\n    return sendJson(res, 200, { status: 'ok' })\n  }",
        ),
      ),
    },
    {
      id: 'padded-calm-clients',
      title:
        'answers to clients that ask at a calm pace are held back 60× as long as pricing took (at most 3 s): a slow baseline of its own would hide a costly limit, the starter’s does not',
      fails: ['latency-under-attack'],
      dir: 'solution',
      apply: patches(
        patchFile(
          'src/server.ts',
          'const trustedProxy = process.env.TRUSTED_PROXY || undefined',
          'const trustedProxy = process.env.TRUSTED_PROXY || undefined\nconst lastSeen = new Map<string, number>()',
        ),
        patchFile(
          'src/server.ts',
          '    return sendJson(res, 200, priceQuote(symbol))',
          [
            '    const started = performance.now()',
            '    const quote = priceQuote(symbol)',
            '    const client = clientAddress(req, trustedProxy)',
            '    const seen = lastSeen.get(client)',
            '    const calm = seen !== undefined && Date.now() - seen >= 500',
            '    lastSeen.set(client, Date.now())',
            '    if (!calm) return sendJson(res, 200, quote)',
            '    return void setTimeout(() => sendJson(res, 200, quote), Math.min(60 * (performance.now() - started), 3000))',
          ].join('\n'),
        ),
      ),
    },
    {
      id: 'tarpit',
      title:
        'over-quota requests are held 2 s before their 429 (a tarpit): the bots never reach their quota, and the held requests pile up',
      fails: ['bots-throttled'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        "      return sendJson(res, 429, { error: 'too many requests', retryAfterSeconds: decision.resetSeconds })",
        "      return void setTimeout(() => sendJson(res, 429, { error: 'too many requests', retryAfterSeconds: decision.resetSeconds }), 2000)",
      ),
    },
    {
      id: 'no-retry-after',
      title: '429 without Retry-After',
      fails: ['retry-after'],
      dir: 'solution',
      apply: patchFile('src/server.ts', "res.setHeader('Retry-After', String(decision.resetSeconds))", ''),
    },
    {
      id: 'trusts-any-forwarded-for',
      title: 'X-Forwarded-For believed from anyone: a bot sends a new one each time and is never limited',
      fails: ['spoofed-forwarded-for'],
      dir: 'solution',
      apply: patchFile(
        'src/client-address.ts',
        'if (!trustedProxy || peer !== trustedProxy) return peer',
        "if (!req.headers['x-forwarded-for']) return peer",
      ),
    },
    {
      id: 'leftmost-forwarded-for',
      title: 'behind the proxy, the FIRST X-Forwarded-For entry is taken: the client writes it',
      fails: ['trusted-proxy'],
      dir: 'solution',
      apply: patchFile('src/client-address.ts', '.at(-1)', '.at(0)'),
    },
    {
      id: 'old-draft-headers',
      title: 'the pre-standard X-RateLimit-* headers instead of the draft’s RateLimit and RateLimit-Policy',
      fails: ['ratelimit-headers'],
      dir: 'solution',
      apply: patches(
        patchFile(
          'src/server.ts',
          "res.setHeader('RateLimit-Policy',",
          "res.setHeader('X-RateLimit-Policy',",
        ),
        patchFile('src/server.ts', "res.setHeader('RateLimit',", "res.setHeader('X-RateLimit',"),
      ),
    },
  ],
})
