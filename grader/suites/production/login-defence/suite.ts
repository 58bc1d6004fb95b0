import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineChecks, defineSuite } from '@backend-labs/lab-kit'
import { copyOver, patchFile } from '../../docker/rest-contract/fixture-patch.ts'
import { backoffChecks } from './backoff-checks.ts'
import { enumerationChecks } from './enumeration-checks.ts'

// Fixtures are the classic wrong fixes: each is the reference solution with one of them patched in.
export default defineSuite<ApiCheckContext>({
  checks: defineChecks<ApiCheckContext>('hidden', [...enumerationChecks, ...backoffChecks]),
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'blocked-until',
      title: 'fixed windows with a blocked-until time, trusted (account, address) pairs, its own scrypt code',
      dir: 'alternatives/blocked-until',
    },
  ],
  fixtures: [
    {
      id: 'sha256-hash',
      title: 'a salted SHA-256, compared in constant time: one fast hash per guess',
      fails: ['stores-slow-hashes'],
      dir: 'solution',
      apply: copyOver(new URL('fixtures/sha256-hash/', import.meta.url)),
    },
    {
      id: 'scrypt-costume',
      title:
        'a salted SHA-256 stored as if it were scrypt (`$scrypt$ln=14,r=8,p=1$…`): right shape, wrong key',
      fails: ['stores-slow-hashes'],
      dir: 'solution',
      apply: copyOver(new URL('fixtures/scrypt-costume/', import.meta.url)),
    },
    {
      id: 'early-return-unknown-user',
      title: 'an unknown username is refused before hashing: same answer, but much faster',
      fails: ['same-timing'],
      dir: 'solution',
      apply: patchFile(
        'src/sign-in.ts',
        '  const user = await users.find(username)\n',
        "  const user = await users.find(username)\n  if (!user) return rejected(username, address, 'no-such-user')\n",
      ),
    },
    {
      id: 'unknown-user-message',
      title: 'an unknown username gets its own message',
      fails: ['same-answer'],
      dir: 'solution',
      apply: patchFile(
        'src/server.ts',
        "sendJson(res, 401, { error: 'wrong username or password' })",
        "sendJson(res, 401, { error: result.reason === 'no-such-user' ? 'no such user' : 'wrong password' })",
      ),
    },
    {
      id: 'never-expiring-lock',
      title: 'a per-account lock that never ends and holds back everyone: an attacker locks the owner out',
      fails: ['victim-keeps-access', 'lockout-expires'],
      dir: 'solution',
      apply: copyOver(new URL('fixtures/never-expiring-lock/', import.meta.url)),
    },
    {
      id: 'trusts-any-known-address',
      title:
        'an account lock lets through every address that signed in to any account: the attacker signs in to their own first',
      fails: ['victim-keeps-access'],
      dir: 'solution',
      apply: patchFile(
        'src/sign-in.ts',
        'const known = knownAddresses.get(username)?.has(address) === true',
        'const known = [...knownAddresses.values()].some((addresses) => addresses.has(address))',
      ),
    },
    {
      id: 'refusals-extend-lock',
      title: 'refused attempts count as failures: an attacker who keeps trying keeps the lock on',
      fails: ['lockout-expires'],
      dir: 'solution',
      apply: patchFile(
        'src/sign-in.ts',
        "  if (accountWait > 0) return { kind: 'throttled', retryAfterMs: accountWait }\n",
        "  if (accountWait > 0) {\n    accountFailures.record(username, now)\n    return { kind: 'throttled', retryAfterMs: accountWait }\n  }\n",
      ),
    },
    {
      id: 'real-accounts-only-lock',
      title:
        'only failures on real accounts count: an unknown username never locks, which tells an attacker it is unknown',
      fails: ['account-backoff'],
      dir: 'solution',
      apply: patchFile(
        'src/sign-in.ts',
        '  accountFailures.record(username, now)\n',
        "  if (reason === 'wrong-password') accountFailures.record(username, now)\n",
      ),
    },
    {
      id: 'account-only-backoff',
      title: 'backoff per account only: one address spraying many accounts is never held back',
      fails: ['address-backoff'],
      dir: 'solution',
      apply: patchFile(
        'src/sign-in.ts',
        'const addressWait = addressFailures.waitMs(address, MAX_ADDRESS_FAILURES, now)',
        'const addressWait = 0',
      ),
    },
    {
      id: 'first-forwarded-address',
      title: 'the client address is the first X-Forwarded-For entry, which the client writes itself',
      fails: ['address-backoff'],
      dir: 'solution',
      apply: patchFile('src/client-address.ts', ".split(',').at(-1)", ".split(',').at(0)"),
    },
    {
      id: 'plain-compare',
      title: 'the derived key is compared with Buffer.equals, which stops at the first differing byte',
      fails: ['constant-time-compare'],
      dir: 'solution',
      apply: patchFile(
        'src/passwords.ts',
        'return timingSafeEqual(derived, expected)',
        'return derived.equals(expected)',
      ),
    },
  ],
})
