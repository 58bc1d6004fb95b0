import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { browserOpener } from './open-browser.ts'

it('finds xdg-open on PATH (open on macOS), or nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'labs-opener-'))
  try {
    await writeFile(join(dir, 'xdg-open'), '#!/bin/sh\n')
    await chmod(join(dir, 'xdg-open'), 0o755)
    expect(browserOpener({ PATH: `/nonexistent:${dir}` }, 'linux')).toBe(join(dir, 'xdg-open'))
    expect(browserOpener({ PATH: dir }, 'darwin')).toBeUndefined()
    expect(browserOpener({ PATH: '' }, 'linux')).toBeUndefined()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
