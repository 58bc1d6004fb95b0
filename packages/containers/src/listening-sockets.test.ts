import { describe, expect, it } from 'vitest'
import { parseListeningSockets } from './listening-sockets.ts'

describe('parseListeningSockets', () => {
  it('reads IPv4 and IPv6 listeners and ignores other states', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1',
      '   1: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2',
      '   2: 0100007F:1F90 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 3',
      '  sl  local_address                         remote_address                        st',
      '   0: 00000000000000000000000001000000:1F91 00000000000000000000000000000000:0000 0A 0 0',
      '   1: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 0 0',
    ].join('\n')
    expect(parseListeningSockets(text)).toEqual([
      { address: '127.0.0.1', port: 8080, loopbackOnly: true },
      { address: '0.0.0.0', port: 3000, loopbackOnly: false },
      { address: '::1', port: 8081, loopbackOnly: true },
      { address: '::', port: 80, loopbackOnly: false },
    ])
  })
})
