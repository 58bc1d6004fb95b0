import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkOutputPaths } from './output-paths.ts'

describe('report paths are checked before grading', () => {
  it('accepts a new file in an existing folder, and absent flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labs-out-'))
    await expect(checkOutputPaths({ json: join(dir, 'r.json'), junit: undefined })).resolves.toBeUndefined()
  })

  it('rejects a missing folder and a folder given as the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labs-out-'))
    await expect(checkOutputPaths({ junit: join(dir, 'nope', 'r.xml') })).rejects.toThrow(
      /^--junit .*\/nope\/r\.xml: the folder .*\/nope does not exist$/,
    )
    await expect(checkOutputPaths({ gradescope: dir })).rejects.toThrow(/^--gradescope .* is a folder$/)
  })
})
