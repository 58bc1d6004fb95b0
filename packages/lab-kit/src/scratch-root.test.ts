import { statfsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { MIN_MEMORY_FS_FREE_BYTES, scratchRootChoice, scratchRoots } from './scratch-root.ts'

const shm = (() => {
  try {
    const fs = statfsSync('/dev/shm')
    return fs.type === 0x01021994 && fs.bavail * fs.bsize >= MIN_MEMORY_FS_FREE_BYTES
  } catch {
    return false
  }
})()

describe('scratchRootChoice', () => {
  it('LABS_SCRATCH_DIR wins', () => {
    expect(scratchRootChoice({ LABS_SCRATCH_DIR: '/somewhere' })).toEqual({
      dir: '/somewhere',
      why: 'LABS_SCRATCH_DIR',
    })
    expect(scratchRoots({ LABS_SCRATCH_DIR: '/somewhere' })).toEqual(['/somewhere', tmpdir()])
  })

  it('a folder that is missing, or not a memory file system, leaves the temp dir', () => {
    expect(scratchRootChoice({}, '/no/such/folder')).toEqual({ dir: tmpdir(), why: 'temp dir' })
    expect(scratchRootChoice({}, '/proc')).toEqual({ dir: tmpdir(), why: 'temp dir' })
  })

  it.skipIf(!shm)('a roomy /dev/shm is chosen (this machine has one)', () => {
    expect(scratchRootChoice({})).toEqual({ dir: '/dev/shm', why: 'memory file system' })
    expect(scratchRoots({})).toEqual(['/dev/shm', tmpdir()])
  })
})
