import { packTar } from '@backend-labs/containers'
import { describe, expect, test } from 'vitest'
import { readTarEntries, type TarEntryHeader } from './tar-entries.ts'

async function* chunks(buffer: Buffer, size: number) {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size)
}

describe('readTarEntries', () => {
  const longName = `app/${'deep/'.repeat(30)}file.txt`
  const tar = packTar([
    { name: 'app', type: 'directory' },
    { name: 'app/server.js', type: 'file', data: Buffer.from('console.log(1)\n') },
    { name: 'app/link', type: 'symlink', linkname: 'server.js' },
    { name: longName, type: 'file', data: Buffer.alloc(700, 'x') },
  ])

  test('reads names, types, links and contents in any chunking', async () => {
    for (const size of [1, 100, 512, 100_000]) {
      const seen: (TarEntryHeader & { content?: string })[] = []
      await readTarEntries(
        chunks(tar, size),
        (header, content) => {
          seen.push({ ...header, content: content?.toString() })
          return true
        },
        20,
      )
      expect(seen.map((e) => [e.name.replace(/\/$/, ''), e.type, e.linkname, e.content])).toEqual([
        ['app', 'directory', '', undefined],
        ['app/server.js', 'file', '', 'console.log(1)\n'],
        ['app/link', 'symlink', 'server.js', undefined],
        [longName, 'file', '', 'x'.repeat(20)],
      ])
    }
  })

  test('stops when asked', async () => {
    let count = 0
    await readTarEntries(chunks(tar, 512), () => {
      count++
      return false
    })
    expect(count).toBe(1)
  })
})
