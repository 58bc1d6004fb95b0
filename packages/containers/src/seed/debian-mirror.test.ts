import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { debianMirror, parseDeb822Sources, parseOneLineSources, pickDebianMirror } from './debian-mirror.ts'

const DEB822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
`

describe('debian mirror', () => {
  it('parses deb822 stanzas', () => {
    expect(parseDeb822Sources(DEB822)).toEqual([
      { uri: 'http://deb.debian.org/debian', suites: ['bookworm', 'bookworm-updates'], components: ['main'] },
      { uri: 'http://deb.debian.org/debian-security', suites: ['bookworm-security'], components: ['main'] },
    ])
  })

  it('parses one-line sources with options and comments', () => {
    const text =
      '# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian/ bookworm main contrib\n'
    expect(parseOneLineSources(text)).toEqual([
      { uri: 'http://mirror.example/debian/', suites: ['bookworm'], components: ['main', 'contrib'] },
    ])
  })

  it('skips the security archive and third-party repositories', () => {
    const sources = [
      { uri: 'https://packages.cloud.google.com/apt', suites: ['cloud-sdk-bookworm'], components: ['main'] },
      { uri: 'http://deb.debian.org/debian-security', suites: ['bookworm-security'], components: ['main'] },
      { uri: 'http://mirror.example/debian/', suites: ['bookworm'], components: ['main'] },
    ]
    expect(pickDebianMirror(sources)).toBe('http://mirror.example/debian')
  })

  it('reads sources.list.d under a root, and LABS_DEBIAN_MIRROR wins', () => {
    const root = mkdtempSync(join(tmpdir(), 'labs-mirror-'))
    try {
      mkdirSync(join(root, 'etc/apt/sources.list.d'), { recursive: true })
      writeFileSync(join(root, 'etc/apt/sources.list.d/debian.sources'), DEB822)
      writeFileSync(
        join(root, 'etc/apt/sources.list.d/other.list.disabled'),
        'deb http://x/debian bookworm main',
      )
      expect(debianMirror({}, root)).toBe('http://deb.debian.org/debian')
      expect(debianMirror({ LABS_DEBIAN_MIRROR: 'http://local/debian/' }, root)).toBe('http://local/debian')
      expect(debianMirror({}, join(root, 'nothing'))).toBeUndefined()
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
