import { describe, expect, test } from 'vitest'
import { StreamCollector } from './output-streams.ts'

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text)
  const header = Buffer.alloc(8)
  header[0] = stream
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

describe('StreamCollector', () => {
  test('splits stdout and stderr, across chunk boundaries', () => {
    const all = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err\n'), frame(1, 'out 2\n')])
    const collector = new StreamCollector()
    for (let i = 0; i < all.length; i += 5) collector.push(all.subarray(i, i + 5))
    expect(collector.result()).toEqual({ stdout: 'out 1\nout 2\n', stderr: 'err\n', truncated: false })
  })

  test('keeps the first capBytes of each stream and says so', () => {
    const collector = new StreamCollector(4)
    collector.push(Buffer.concat([frame(1, 'abcdef'), frame(2, 'xy'), frame(1, 'more')]))
    expect(collector.result()).toEqual({ stdout: 'abcd', stderr: 'xy', truncated: true })
  })
})
