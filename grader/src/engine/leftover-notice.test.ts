import { describe, expect, it } from 'vitest'
import { leftoverNotice } from './leftover-notice.ts'

describe('leftoverNotice', () => {
  it('says nothing when everything was removed', () => {
    expect(leftoverNotice(undefined)).toBeUndefined()
    expect(leftoverNotice({ leftovers: [] })).toBeUndefined()
  })

  it('counts what is left by kind, names the first, and says how it goes', () => {
    const notice = leftoverNotice({
      leftovers: [
        { kind: 'network', id: '0123456789abcdef', reason: 'network has active endpoints\n' },
        { kind: 'network', id: 'fedcba9876543210', reason: 'network has active endpoints' },
        { kind: 'volume', id: 'backend-labs-run-x-data', reason: 'volume is in use' },
      ],
    })
    expect(notice).toContain('2 Docker networks and 1 Docker volume')
    expect(notice).toContain('(network 0123456789ab: network has active endpoints)')
    expect(notice).toContain('`pnpm labs clean`')
  })
})
