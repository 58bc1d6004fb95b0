import { EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { chooseEngine } from './choose-engine.ts'

const image = 'mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04'
const ready = { reachable: true, imagePresent: true, architecture: 'amd64' }

describe('chooseEngine', () => {
  it('picks live when Docker answers, the image is here and the host runs amd64', () => {
    expect(chooseEngine({ image, facts: ready })).toEqual({ engine: 'live' })
    expect(chooseEngine({ image, facts: { ...ready, architecture: 'arm64' }, amd64Emulation: true })).toEqual(
      { engine: 'live' },
    )
  })

  it('falls back to static with a banner reason', () => {
    expect(chooseEngine({ image, facts: { ...ready, imagePresent: false } })).toEqual({
      engine: 'static',
      reason: `SQL Server image ${image} is not available offline: grading with the static engine; behavioural checks are skipped`,
    })
    expect(
      chooseEngine({
        image,
        facts: {
          reachable: false,
          unreachableReason: 'connect ENOENT /var/run/docker.sock',
          imagePresent: false,
          architecture: 'amd64',
        },
      }),
    ).toEqual({
      engine: 'static',
      reason:
        'Docker is not reachable (connect ENOENT /var/run/docker.sock): grading with the static engine; behavioural checks are skipped',
    })
    expect(chooseEngine({ image, facts: { ...ready, architecture: 'arm64' } }).reason).toBe(
      `SQL Server image ${image} has no arm64 build and amd64 emulation is not enabled: grading with the static engine; behavioural checks are skipped`,
    )
  })

  it('obeys --engine, and refuses --engine live where it cannot run', () => {
    expect(chooseEngine({ image, facts: ready, override: 'static' })).toEqual({
      engine: 'static',
      reason: '--engine static: grading with the static engine; behavioural checks are skipped',
    })
    expect(() => chooseEngine({ image, facts: { ...ready, imagePresent: false }, override: 'live' })).toThrow(
      EnvironmentError,
    )
    expect(() => chooseEngine({ image, facts: { ...ready, imagePresent: false }, override: 'live' })).toThrow(
      `--engine live was asked for, but SQL Server image ${image} is not available offline`,
    )
  })
})
